/**
 * Content codings for text answers (HTML, JS, CSS, JSON, CSV, SVG): which one a client accepts,
 * and the compressors for bodies made at run time. Brotli at quality 5 and gzip at level 6: the
 * bodies are made while a client waits, and quality 11 costs some fifty times the CPU for a tenth
 * fewer bytes (the static site is compressed at full quality once, at build time: astro.config.mjs).
 * Already compressed formats (PNG, XLSX, fonts) are never passed through here.
 */
import { Readable } from "node:stream";
import { brotliCompressSync, constants, createBrotliCompress, createGzip, gzipSync } from "node:zlib";
import type { Context, MiddlewareHandler } from "hono";

export type Coding = "br" | "gzip" | "identity";

/** Below this many bytes a body goes as it is: the saving would not pay for the coding's frame and the CPU. */
export const COMPRESS_MIN_BYTES = 1024;

const BROTLI_QUALITY = 5;
const GZIP_LEVEL = 6;

/** A member's weight from `;q=…`; a malformed weight makes the member unacceptable. */
function weightOf(params: string[]): number {
  let weight = 1;
  for (const param of params) {
    const eq = param.indexOf("=");
    if (eq === -1 || param.slice(0, eq).trim().toLowerCase() !== "q") continue;
    const value = param.slice(eq + 1).trim();
    weight = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(value) ? Number(value) : 0;
  }
  return weight;
}

function parseAcceptEncoding(header: string): Coding {
  const weights = new Map<string, number>();
  for (const member of header.split(",")) {
    const [name = "", ...params] = member.split(";");
    const token = name.trim().toLowerCase();
    const coding = token === "x-gzip" ? "gzip" : token;
    if (coding && !weights.has(coding)) weights.set(coding, weightOf(params));
  }
  const weight = (coding: string) => weights.get(coding) ?? weights.get("*") ?? 0;
  const br = weight("br");
  const gzip = weight("gzip");
  const best: Coding = br > 0 && br >= gzip ? "br" : gzip > 0 ? "gzip" : "identity";
  // A client that names identity above every coding it accepts gets what it prefers.
  const identity = weights.get("identity");
  return best !== "identity" && identity !== undefined && identity > Math.max(br, gzip) ? "identity" : best;
}

const negotiated = new Map<string, Coding>();

/**
 * The coding to answer with, from Accept-Encoding (RFC 9110 §12.5.3): the accepted one of br and
 * gzip with the higher weight, br on a tie; `*` stands for any coding not named; `;q=0` refuses.
 * No header, an empty one, or nothing acceptable: identity.
 */
export function negotiate(header: string | undefined | null): Coding {
  if (!header) return "identity";
  let coding = negotiated.get(header);
  if (coding === undefined) {
    coding = parseAcceptEncoding(header);
    // browsers send a handful of distinct headers; bounded so odd clients cannot grow it
    if (negotiated.size >= 128) negotiated.clear();
    negotiated.set(header, coding);
  }
  return coding;
}

export function requestCoding(c: Context): Coding {
  return negotiate(c.req.header("accept-encoding"));
}

/** `Vary` with Accept-Encoding added to what was there. */
export function varyWithEncoding(vary: string | null | undefined): string {
  if (!vary) return "Accept-Encoding";
  return /(?:^|,)\s*(?:accept-encoding|\*)\s*(?:,|$)/i.test(vary) ? vary : `${vary}, Accept-Encoding`;
}

/** Media types worth compressing: text of any kind, JSON, XML, SVG, JavaScript, web manifests. */
export function isCompressibleType(contentType: string | null | undefined): boolean {
  if (!contentType) return false;
  return /^(?:text\/|application\/(?:[\w.+-]*\+)?(?:json|xml|javascript|manifest\+json)\b|image\/svg\+xml\b)/i.test(contentType);
}

/** Bytes zlib made: always over a plain ArrayBuffer, which is what a web body takes. */
type Bytes = Uint8Array<ArrayBuffer>;

/** One body compressed at run-time settings. */
export function compressBytes(body: string | Uint8Array, coding: Exclude<Coding, "identity">): Bytes {
  if (coding === "gzip") return gzipSync(body, { level: GZIP_LEVEL }) as Bytes;
  const size = typeof body === "string" ? Buffer.byteLength(body) : body.byteLength;
  return brotliCompressSync(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: size },
  }) as Bytes;
}

function compressor(coding: Exclude<Coding, "identity">) {
  return coding === "gzip"
    ? createGzip({ level: GZIP_LEVEL })
    : createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } });
}

/** Reads from a stream until `min` bytes or its end, whichever comes first. */
async function peek(reader: ReadableStreamDefaultReader<Uint8Array>, min: number): Promise<{ head: Uint8Array[]; done: boolean }> {
  const head: Uint8Array[] = [];
  let size = 0;
  while (size < min) {
    const next = await reader.read();
    if (next.done) return { head, done: true };
    head.push(next.value);
    size += next.value.byteLength;
  }
  return { head, done: false };
}

/** The stream again, compressed as it flows: what was peeked first, then the rest. */
function compressedStream(head: Uint8Array[], reader: ReadableStreamDefaultReader<Uint8Array>, coding: Exclude<Coding, "identity">) {
  async function* chunks() {
    let finished = false;
    try {
      yield* head;
      for (;;) {
        const next = await reader.read();
        if (next.done) break;
        yield next.value;
      }
      finished = true;
    } finally {
      // the client went away before the end: stop whatever produces the body (an export's query)
      if (!finished) await reader.cancel().catch(() => {});
    }
  }
  return Readable.toWeb(Readable.from(chunks()).pipe(compressor(coding))) as ReadableStream<Uint8Array>;
}

/**
 * Compresses the finished answer of the routes below it (the organizer API: its JSON, and exports'
 * CSV as it streams). It reads the answer after the handler, which on Node makes every answer a
 * full web Response: mount it only where answers are few and large, never on the vote path or the
 * public reads (those compress where their bodies are made: api/http/public.ts).
 */
export function compressAnswers(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    if (!res.body || !isCompressibleType(res.headers.get("content-type")) || res.headers.has("content-encoding")) return;
    res.headers.set("Vary", varyWithEncoding(res.headers.get("vary")));
    const coding = requestCoding(c);
    const length = res.headers.get("content-length");
    if (coding === "identity" || (length !== null && Number(length) < COMPRESS_MIN_BYTES)) return;
    const reader = res.body.getReader();
    const { head, done } = await peek(reader, COMPRESS_MIN_BYTES);
    // Hono copies the old answer's headers onto the new one: they are changed in place
    const headers = res.headers;
    if (done && head.reduce((n, b) => n + b.byteLength, 0) < COMPRESS_MIN_BYTES) {
      c.res = new Response(Buffer.concat(head) as Bytes, { status: res.status, headers });
      return;
    }
    headers.set("Content-Encoding", coding);
    headers.delete("Content-Length");
    // a strong tag names these exact bytes; the compressed ones are only equivalent to them
    const etag = headers.get("etag");
    if (etag && !etag.startsWith("W/")) headers.set("ETag", `W/${etag}`);
    const body = done ? compressBytes(Buffer.concat(head), coding) : compressedStream(head, reader, coding);
    c.res = new Response(body, { status: res.status, headers });
  };
}

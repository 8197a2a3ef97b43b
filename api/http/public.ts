/**
 * Public reads: CORS for everyone, a short shared cache life, an ETag that answers 304, and the
 * body compressed as the client accepts (br, gzip), once per body and coding: a hot leaderboard
 * costs one compression each time it changes, not one per request.
 */
import { createHash } from "node:crypto";
import type { Context } from "hono";
import { COMPRESS_MIN_BYTES, compressBytes, requestCoding, type Coding } from "./compress.ts";

const etags = new Map<string, string>();

function etagOf(body: string): string {
  let etag = etags.get(body);
  if (etag === undefined) {
    etag = `W/"${createHash("sha1").update(body).digest("base64url")}"`;
    // a small memo for hot bodies (leaderboards); bounded so it never grows with traffic
    if (etags.size > 256) etags.clear();
    etags.set(body, etag);
  }
  return etag;
}

/**
 * Bodies as bytes by coding and tag (a tag names one body): compressed, null where coding saved
 * nothing, and the identity's UTF-8, which Node would otherwise encode (and measure) per answer.
 */
const encoded = new Map<string, Uint8Array<ArrayBuffer> | null>();
const ENCODED_MAX_ENTRIES = 256;
const ENCODED_MAX_BYTES = 16 * 1024 * 1024;
let encodedBytes = 0;

function encodedBody(body: string, etag: string, coding: Coding): Uint8Array<ArrayBuffer> | null {
  const key = `${coding} ${etag}`;
  let bytes = encoded.get(key);
  if (bytes === undefined) {
    if (coding === "identity") {
      bytes = new TextEncoder().encode(body);
    } else {
      const compressed = compressBytes(body, coding);
      bytes = compressed.byteLength < Buffer.byteLength(body) ? compressed : null;
    }
    // the oldest go first; bounded in entries and bytes, whatever the traffic
    while (encoded.size >= ENCODED_MAX_ENTRIES || (encoded.size > 0 && encodedBytes + (bytes?.byteLength ?? 0) > ENCODED_MAX_BYTES)) {
      const [oldest, value] = encoded.entries().next().value!;
      encoded.delete(oldest);
      encodedBytes -= value?.byteLength ?? 0;
    }
    encoded.set(key, bytes);
    encodedBytes += bytes?.byteLength ?? 0;
  }
  return bytes;
}

export interface PublicBodyOptions {
  /** the body's tag when the caller already knows it (it must change whenever the body does) */
  etag?: string;
  /** request headers the body depends on besides Accept-Encoding (default Accept-Language) */
  vary?: string;
}

/** An answer as plain parts, for a Hono context (`viaContext`) or built directly (api/http/direct.ts). */
export interface Answer {
  status: 200 | 201 | 304 | 503;
  body: string | Uint8Array<ArrayBuffer> | null;
  headers: Record<string, string>;
}

export function viaContext(c: Context, a: Answer): Response {
  return a.body === null ? c.body(null, a.status, a.headers) : c.body(a.body, a.status as 200 | 201 | 503, a.headers);
}

/** A public read's answer: CORS, cache life, ETag (304 when it matches) and the coding asked for. */
export function publicAnswer(c: Context, body: string, contentType: string, options: PublicBodyOptions = {}): Answer {
  const etag = options.etag ?? etagOf(body);
  const headers: Record<string, string> = {
    "Access-Control-Allow-Origin": "*",
    "Cache-Control": "public, max-age=5, stale-while-revalidate=30",
    // One weak tag for every coding: the br, gzip and identity bytes are the same representation's
    // equivalents (RFC 9110 §8.8.1), so a cached copy in any coding revalidates.
    ETag: etag,
    Vary:
      options.vary === undefined
        ? "Accept-Language, Accept-Encoding"
        : options.vary
          ? `${options.vary}, Accept-Encoding`
          : "Accept-Encoding",
  };
  const inm = c.req.header("if-none-match");
  if (inm && inm.split(",").some((t) => t.trim() === etag)) return { status: 304, body: null, headers };
  headers["Content-Type"] = contentType;
  if (body.length < COMPRESS_MIN_BYTES && Buffer.byteLength(body) < COMPRESS_MIN_BYTES) return { status: 200, body, headers };
  const coding = requestCoding(c);
  if (coding !== "identity") {
    const bytes = encodedBody(body, etag, coding);
    if (bytes) {
      headers["Content-Encoding"] = coding;
      return { status: 200, body: bytes, headers };
    }
  }
  return { status: 200, body: encodedBody(body, etag, "identity")!, headers };
}

export function publicBody(c: Context, body: string, contentType: string, options: PublicBodyOptions = {}): Response {
  return viaContext(c, publicAnswer(c, body, contentType, options));
}

const rendered = new WeakMap<object, string>();

/** A public JSON read. Bodies of objects seen before are reused: views are never mutated. */
export function publicJsonAnswer(c: Context, data: object): Answer {
  let body = rendered.get(data);
  if (body === undefined) {
    body = JSON.stringify(data);
    rendered.set(data, body);
  }
  return publicAnswer(c, body, "application/json; charset=UTF-8");
}

export function publicJson(c: Context, data: object): Response {
  return viaContext(c, publicJsonAnswer(c, data));
}

export function noStore(c: Context): void {
  c.header("Cache-Control", "no-store");
}

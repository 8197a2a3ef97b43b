/** Shared HTTP plumbing: the error mapper, JSON body reading, cacheable public reads. */
import { createHash } from "node:crypto";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { z } from "zod";
import { AppError, errorBody, preferredLang, type ErrorCode, type Lang } from "./errors.ts";

export function langOf(c: Context): Lang {
  return preferredLang(c.req.header("accept-language"));
}

/** The one place errors become responses. */
export function errorResponse(c: Context, err: unknown): Response {
  const lang = langOf(c);
  if (err instanceof AppError) {
    const headers = err.extra?.headers ?? {};
    for (const [k, v] of Object.entries(headers)) c.header(k, v);
    return c.json({ ...errorBody(err.code, lang, err.detail), ...(err.extra?.body ?? {}) }, err.status as 400);
  }
  if (err instanceof HTTPException) {
    const code: ErrorCode = err.status === 413 ? "payload_too_large" : err.status === 401 ? "unauthorized" : "invalid_request";
    return c.json(errorBody(code, lang), err.status);
  }
  console.error("unhandled error", err);
  return c.json(errorBody("internal", lang), 500);
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;.*)?$/i;

/** Reads and validates a JSON body: 415 when it is not JSON, 400 naming the first bad field. */
export async function readJson<S extends z.ZodType>(c: Context, schema: S, maxBytes = 16 * 1024): Promise<z.infer<S>> {
  const type = c.req.header("content-type") ?? "";
  if (!JSON_TYPE.test(type)) throw new AppError("unsupported_media_type");
  const bytes = await readBody(c, maxBytes);
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new AppError("invalid_request", { zh: "请求体不是有效的 JSON", en: "The body is not valid JSON" });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map(String).join(".") || "body";
    throw new AppError("invalid_request", { zh: `字段 ${path} 无效：${issue.message}`, en: `Invalid field ${path}: ${issue.message}` });
  }
  return parsed.data;
}

/** The raw body, refused with 413 past `maxBytes` whether or not Content-Length tells the truth. */
export async function readBody(c: Context, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(c.req.header("content-length") ?? "0");
  if (declared > maxBytes) throw new AppError("payload_too_large");
  // On Node, read the socket's stream directly: building a web Request body costs more than the
  // vote itself. Elsewhere (Workers), the standard body stream.
  const incoming = (c.env as { incoming?: AsyncIterable<Uint8Array> & { readableEnded?: boolean } } | undefined)?.incoming;
  const stream = incoming && !incoming.readableEnded ? incoming : c.req.raw.body;
  if (!stream) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new AppError("payload_too_large");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** A public read: CORS for everyone, a short shared cache life, and an ETag that answers 304. */
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

export function publicBody(c: Context, body: string, contentType: string): Response {
  const etag = etagOf(body);
  c.header("Access-Control-Allow-Origin", "*");
  c.header("Cache-Control", "public, max-age=5, stale-while-revalidate=30");
  c.header("ETag", etag);
  c.header("Vary", "Accept-Language");
  const inm = c.req.header("if-none-match");
  if (inm && inm.split(",").some((t) => t.trim() === etag)) return c.body(null, 304);
  c.header("Content-Type", contentType);
  return c.body(body);
}

const rendered = new WeakMap<object, string>();

/** A public JSON read. Bodies of objects seen before are reused: views are never mutated. */
export function publicJson(c: Context, data: object): Response {
  let body = rendered.get(data);
  if (body === undefined) {
    body = JSON.stringify(data);
    rendered.set(data, body);
  }
  return publicBody(c, body, "application/json; charset=UTF-8");
}

export function noStore(c: Context): void {
  c.header("Cache-Control", "no-store");
}

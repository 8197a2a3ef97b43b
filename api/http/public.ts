/** Public reads: CORS for everyone, a short shared cache life, an ETag that answers 304. */
import { createHash } from "node:crypto";
import type { Context } from "hono";

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

/**
 * Serves the built static site from whichever build directory is current. The directory is read
 * per request, so a rebuilt site is swapped in atomically by changing one pointer. Text files go
 * out in the coding the client accepts, from the `.br` and `.gz` files the build wrote beside them
 * (astro.config.mjs), compressed here only when a build has none (an older build, a file the build
 * left alone).
 */
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { Readable } from "node:stream";
import type { Context } from "hono";
import { COMPRESS_MIN_BYTES, compressBytes, requestCoding, type Coding } from "../http/compress.ts";
import { pathKind } from "../http/security-headers.ts";

const types: Record<string, string> = {
  ".html": "text/html; charset=UTF-8",
  ".js": "text/javascript; charset=UTF-8",
  ".mjs": "text/javascript; charset=UTF-8",
  ".css": "text/css; charset=UTF-8",
  ".json": "application/json; charset=UTF-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=UTF-8",
  ".xml": "application/xml; charset=UTF-8",
  ".woff2": "font/woff2",
  ".webmanifest": "application/manifest+json; charset=UTF-8",
};

/** What the build precompresses (astro.config.mjs) and what is compressed here when it did not. */
const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".json", ".svg", ".ico", ".txt", ".xml", ".webmanifest"]);
const SUFFIX: Record<Exclude<Coding, "identity">, string> = { br: ".br", gzip: ".gz" };

type Found = { file: string; size: number; mtime: Date };

async function fileAt(root: string, path: string): Promise<Found | undefined> {
  const target = normalize(join(root, path));
  if (target !== root && !target.startsWith(root + sep)) return undefined;
  try {
    const s = await stat(target);
    if (s.isFile()) return { file: target, size: s.size, mtime: s.mtime };
    if (s.isDirectory()) {
      const index = join(target, "index.html");
      const si = await stat(index);
      if (si.isFile()) return { file: index, size: si.size, mtime: si.mtime };
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** Files this server compressed (the build left no sibling), by coding, mtime and path; null: no smaller. */
const compressedHere = new Map<string, Uint8Array<ArrayBuffer> | null>();

/** The file's bytes in `coding`: the build's sibling when it is there and current, else compressed here once. */
async function codedVariant(
  found: Found,
  coding: Exclude<Coding, "identity">,
): Promise<{ file: string; size: number } | Uint8Array<ArrayBuffer> | undefined> {
  const sibling = found.file + SUFFIX[coding];
  try {
    const s = await stat(sibling);
    if (s.isFile() && s.mtimeMs >= found.mtime.getTime()) return { file: sibling, size: s.size };
  } catch {
    // no sibling: an older build, or a file the build found not worth it
  }
  if (found.size < COMPRESS_MIN_BYTES) return undefined;
  const key = `${coding} ${found.mtime.getTime()} ${found.file}`;
  let bytes = compressedHere.get(key);
  if (bytes === undefined) {
    const original = await readFile(found.file);
    const compressed = compressBytes(original, coding);
    bytes = compressed.byteLength < original.byteLength ? compressed : null;
    // bounded: builds come and go, and their paths with them
    if (compressedHere.size >= 256) compressedHere.delete(compressedHere.keys().next().value!);
    compressedHere.set(key, bytes);
  }
  return bytes ?? undefined;
}

/** Answers a GET for the site, or returns undefined when the path is not a site file. */
export async function serveSite(c: Context, root: string | undefined): Promise<Response | undefined> {
  if (!root) return undefined;
  // The path as the router and the header policy read it (an encoded slash stays encoded), so the
  // file served is the one the policy judged; an empty segment ("//admin/") names no file of ours.
  const path = c.req.path;
  if (path.includes("\0") || path.includes("//")) return undefined;
  const url = new URL(c.req.url);
  // `?lang=en` is the contract's other spelling of the English pages under /en/.
  if (url.searchParams.get("lang") === "en" && !path.startsWith("/en/")) {
    url.searchParams.delete("lang");
    return c.redirect(`/en${path}${url.search}`, 302);
  }
  // Directory URLs end with a slash, like the built site's links.
  if (!path.endsWith("/") && extname(path) === "") {
    const dir = await fileAt(root, path + "/");
    if (dir) return c.redirect(path + "/" + url.search, 301);
  }
  let found = await fileAt(root, path);
  let status = 200;
  if (!found) {
    found = (await fileAt(root, path.startsWith("/en/") ? "/en/404.html" : "/404.html")) ?? (await fileAt(root, "/404.html"));
    status = 404;
    if (!found) return undefined;
  }
  const type = types[extname(found.file)] ?? "application/octet-stream";
  const immutable = path.startsWith("/_astro/");
  const headers: Record<string, string> = {
    "Content-Type": type,
    "Content-Length": String(found.size),
    "Cache-Control": immutable ? "public, max-age=31536000, immutable" : "public, max-age=0, must-revalidate",
    "Last-Modified": found.mtime.toUTCString(),
  };
  // Security headers (framing, CORP, HSTS…) come from the app's one policy (api/http/security-headers.ts),
  // which also frames the console for nobody; here only what is the console's own: never indexed or cached.
  if (type.startsWith("text/html") && pathKind(path) === "console") {
    headers["X-Robots-Tag"] = "noindex, nofollow";
    headers["Cache-Control"] = "no-store";
  }
  const compressible = COMPRESSIBLE.has(extname(found.file));
  // the answer differs by Accept-Encoding for every compressible file, whichever coding this one got
  if (compressible) headers["Vary"] = "Accept-Encoding";
  if (status === 200) {
    const since = c.req.header("if-modified-since");
    if (since && Date.parse(since) >= Math.floor(found.mtime.getTime() / 1000) * 1000) return c.body(null, 304, headers);
  }
  const coding = compressible ? requestCoding(c) : "identity";
  const variant = coding === "identity" ? undefined : await codedVariant(found, coding);
  if (variant) {
    headers["Content-Encoding"] = coding;
    headers["Content-Length"] = String(variant instanceof Uint8Array ? variant.byteLength : variant.size);
  }
  if (c.req.method === "HEAD") return c.body(null, status as 200, headers);
  if (variant instanceof Uint8Array) return c.body(variant, status as 200, headers);
  const file = variant ? variant.file : found.file;
  const stream = Readable.toWeb(createReadStream(file)) as ReadableStream;
  return c.body(stream, status as 200, headers);
}

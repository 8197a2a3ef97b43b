/**
 * The security headers of every answer, the API's and the static site's alike, in one place and
 * chosen by what the path is for (hono/secure-headers writes them once the answer is made, so
 * errors, 304s, redirects and 405s carry them too):
 *
 * | kind    | paths                                          | framed by      | loadable from other sites (CORP) |
 * |---------|------------------------------------------------|----------------|----------------------------------|
 * | api     | /api/… (votes, me, objections, admin, health)  | nobody         | no  (same-origin)                |
 * | feed    | /api/campaigns…, entries…, publications…, oembed | nobody       | yes (cross-origin)               |
 * | console | /admin/, /en/admin/                            | nobody         | no                               |
 * | shared  | /embed/…, /en/embed/…, /embed.js, site images  | anyone         | yes                              |
 * | page    | every other site path                          | this site only | no                               |
 *
 * Feeds keep the frame ban: newsrooms fetch them or show them with <img>, which no frame header
 * affects; what <img> and <script> from another site need is CORP cross-origin. Every kind gets
 * nosniff, Referrer-Policy strict-origin-when-cross-origin (other sites learn our origin, never
 * a voter's path; the embed learns its host page from the host's own policy), COOP same-origin, a
 * Permissions-Policy denying what the site never uses, and HSTS when the request came over https.
 */
import type { Context, MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";
import type { AppDeps } from "../deps.ts";
import { overHttps } from "./client.ts";

export type PathKind = "api" | "feed" | "console" | "shared" | "page";

const FEED = /^\/api\/(?:campaigns|entries|publications|oembed)(?:\/|$)/;
const CONSOLE = /^\/(?:en\/)?admin(?:\/|$)/;
const SHARED = /^\/(?:en\/)?embed\/|^\/embed\.js$|\.(?:png|svg|jpe?g|webp|gif|avif|ico)$/;

export function pathKind(path: string): PathKind {
  if (path.startsWith("/api/")) return FEED.test(path) ? "feed" : "api";
  if (CONSOLE.test(path)) return "console";
  return SHARED.test(path) ? "shared" : "page";
}

const FRAMING: Record<PathKind, "none" | "self" | "any"> = { api: "none", feed: "none", console: "none", shared: "any", page: "self" };

// Features no page of ours uses; denied to our pages and to every frame in them (Turnstile needs none).
// The clipboard stays allowed: the embed-code box copies with navigator.clipboard.
const DENIED_FEATURES = [
  "accelerometer",
  "bluetooth",
  "browsingTopics",
  "camera",
  "displayCapture",
  "geolocation",
  "gyroscope",
  "hid",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "serial",
  "usb",
] as const;

// A year, without includeSubDomains or preload: this site does not speak for its parent domain's other hosts.
const HSTS = "max-age=31536000";

function headersFor(kind: PathKind, https: boolean): MiddlewareHandler {
  const framing = FRAMING[kind];
  return secureHeaders({
    xFrameOptions: framing === "none" ? "DENY" : framing === "self" ? "SAMEORIGIN" : false,
    ...(framing === "any" ? {} : { contentSecurityPolicy: { frameAncestors: [framing === "none" ? "'none'" : "'self'"] } }),
    crossOriginResourcePolicy: kind === "feed" || kind === "shared" ? "cross-origin" : "same-origin",
    crossOriginOpenerPolicy: "same-origin",
    referrerPolicy: "strict-origin-when-cross-origin",
    strictTransportSecurity: https ? HSTS : false,
    permissionsPolicy: Object.fromEntries(DENIED_FEATURES.map((f) => [f, []])),
    // Internet Explorer's download prompt: no browser we serve reads it.
    xDownloadOptions: false,
  });
}

/** One middleware for the whole app; every variant is built once, so a request only picks one. */
export function securityHeaders(http: AppDeps["http"]): MiddlewareHandler {
  const kinds: PathKind[] = ["api", "feed", "console", "shared", "page"];
  const variants = Object.fromEntries(kinds.map((k) => [k, [headersFor(k, false), headersFor(k, true)]])) as Record<
    PathKind,
    [MiddlewareHandler, MiddlewareHandler]
  >;
  return (c: Context, next) => variants[pathKind(c.req.path)][overHttps(c, http) ? 1 : 0](c, next);
}

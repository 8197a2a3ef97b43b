/**
 * The security headers of every answer, the API's and the static site's alike, in one place and
 * chosen by what the path is for (hono/secure-headers writes them once the answer is made, so
 * errors, 304s, redirects and 405s carry them too):
 *
 * | kind    | paths                                          | framed by      | loadable from other sites (CORP) |
 * |---------|------------------------------------------------|----------------|----------------------------------|
 * | api     | /api/… (votes, me, objections, admin, health)  | nobody         | no  (same-origin)                |
 * | feed    | /api/campaigns…, entries…, publications…, oembed | nobody       | yes (cross-origin)               |
 * | console | /admin/, /score/ and their /en/ twins          | nobody         | no                               |
 * | shared  | /embed/…, /en/embed/…, /embed.js, site images  | anyone         | yes                              |
 * | page    | every other site path                          | this site only | no                               |
 *
 * Feeds keep the frame ban: newsrooms fetch them or show them with <img>, which no frame header
 * affects; what <img> and <script> from another site need is CORP cross-origin. Every kind gets
 * nosniff, Referrer-Policy strict-origin-when-cross-origin (other sites learn our origin, never
 * a voter's path; the embed learns its host page from the host's own policy) and HSTS when the
 * request came over https; site paths (documents) also COOP same-origin and a Permissions-Policy
 * denying what the site never uses.
 */
import type { Context, MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";
import type { AppDeps } from "../deps.ts";
import { overHttps } from "./client.ts";

export type PathKind = "api" | "feed" | "console" | "shared" | "page";

const FEED = /^\/api\/(?:campaigns|entries|publications|oembed)(?:\/|$)/;
const CONSOLE = /^\/(?:en\/)?(?:admin|score)(?:\/|$)/;
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
  // What governs a document (COOP, Permissions-Policy and the legacy document switches) goes on
  // pages only: on JSON, CSV and images it is inert, and on the API it would be ~300 bytes more on
  // every vote and leaderboard read.
  const document = kind !== "api" && kind !== "feed";
  return secureHeaders({
    xFrameOptions: framing === "none" ? "DENY" : framing === "self" ? "SAMEORIGIN" : false,
    ...(framing === "any" ? {} : { contentSecurityPolicy: { frameAncestors: [framing === "none" ? "'none'" : "'self'"] } }),
    crossOriginResourcePolicy: kind === "feed" || kind === "shared" ? "cross-origin" : "same-origin",
    crossOriginOpenerPolicy: document ? "same-origin" : false,
    referrerPolicy: "strict-origin-when-cross-origin",
    strictTransportSecurity: https ? HSTS : false,
    permissionsPolicy: document ? Object.fromEntries(DENIED_FEATURES.map((f) => [f, []])) : {},
    originAgentCluster: document,
    xDnsPrefetchControl: document,
    xPermittedCrossDomainPolicies: document,
    xXssProtection: document,
    // Internet Explorer's download prompt: no browser we serve reads it.
    xDownloadOptions: false,
  });
}

export type HeaderList = [string, string][];

/**
 * The headers hono/secure-headers writes for each kind of path, over http and https, worked out
 * once: it writes them onto the finished answer, which makes @hono/node-server turn every answer
 * into a full web Response (measured: /api/health fell from 31k to 12k req/s in the bench). Set
 * before the handler runs instead, they ride along on the answer as it is made.
 */
async function headerLists(): Promise<Map<string, HeaderList>> {
  const lists = new Map<string, HeaderList>();
  for (const kind of ["api", "feed", "console", "shared", "page"] as const) {
    for (const https of [false, true]) {
      const res = new Response(null);
      await headersFor(kind, https)({ res } as Context, async () => {});
      lists.set(`${kind}:${https}`, [...res.headers]);
    }
  }
  return lists;
}

/**
 * The list of headers for a request's kind of path and scheme, worked out once for the app: `now`
 * once they are ready (a moment after start), `ready` until then.
 */
export function securityHeaderLists(http: AppDeps["http"]): { now: (c: Context) => HeaderList | undefined; ready: Promise<unknown> } {
  let lists: Map<string, HeaderList> | undefined;
  const ready = headerLists().then((l) => (lists = l));
  return { now: (c) => lists?.get(`${pathKind(c.req.path)}:${overHttps(c, http)}`), ready };
}

/** One middleware for the whole app: a request picks its kind's list and sets it before the handler. */
export function securityHeaders(http: AppDeps["http"]): MiddlewareHandler {
  const lists = securityHeaderLists(http);
  return async (c: Context, next) => {
    let list = lists.now(c);
    if (!list) {
      await lists.ready;
      list = lists.now(c)!;
    }
    for (const [name, value] of list) c.header(name, value);
    await next();
  };
}

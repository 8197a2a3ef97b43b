/**
 * One line per request: method, path, status, milliseconds and the request id, e.g.
 * `POST /api/votes 201 2.4ms 6f0c…`. No byte count: reading the answer's headers here would make
 * @hono/node-server build a full web Response for every answer, and most JSON has no length yet. Not hono/logger: it logs the query string
 * (which may carry tokens), writes two lines per request, without the request id, and colours
 * them. The path is the raw one from the URL, still percent-encoded, so nothing a client sends can
 * start a new line or forge one; the Authorization header is never read.
 */
import type { Context, MiddlewareHandler } from "hono";

const MAX_PATH = 512;

/** The line for an answered request, `started` from performance.now() when it arrived. */
export function accessLine(c: Context, status: number, started: number): string {
  const ms = (performance.now() - started).toFixed(1);
  const url = c.req.url;
  const from = url.indexOf("/", url.indexOf("//") + 2);
  const query = url.indexOf("?", from);
  const path = url.slice(from, query === -1 ? Math.min(url.length, from + MAX_PATH) : Math.min(query, from + MAX_PATH));
  return `${c.req.method} ${path} ${status} ${ms}ms ${c.get("requestId") ?? "-"}`;
}

export function accessLog(log: (line: string) => void): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    log(accessLine(c, c.res.status, started));
  };
}

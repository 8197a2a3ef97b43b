/**
 * X-Request-Id on every answer, keeping a plausible one a proxy sent (at most 255 of A-Z a-z 0-9
 * _ - =, hono/request-id's rule) so one id follows a request through both logs.
 *
 * hono/request-id does this by reading the header through the web Request, and on Node that
 * builds a Headers object from the socket's headers for every request, which the rest of a vote
 * or health check never needs (measured: /api/health at about half its rate). This reads the
 * headers Node has already parsed when the runtime offers them, the web Request elsewhere, and sets
 * the same `requestId` variable hono's middleware does, so its type and readers stay.
 */
import type { IncomingMessage } from "node:http";
import type { Context, MiddlewareHandler } from "hono";
import type { RequestIdVariables } from "hono/request-id";

const PLAUSIBLE = /^[\w\-=]{1,255}$/;

/** The request's id (the one sent when plausible, else a new one), set as the `requestId` variable. */
export function requestIdOf(c: Context): string {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const sent = incoming ? incoming.headers["x-request-id"] : c.req.header("x-request-id");
  const id = typeof sent === "string" && PLAUSIBLE.test(sent) ? sent : crypto.randomUUID();
  c.set("requestId", id);
  return id;
}

export function requestIds(): MiddlewareHandler<{ Variables: RequestIdVariables }> {
  return async (c, next) => {
    const id = requestIdOf(c);
    c.header("X-Request-Id", id);
    await next();
  };
}

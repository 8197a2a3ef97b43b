/**
 * The hottest reads (health, a list's leaderboard) answered ahead of the middleware, with what the
 * middleware gives every answer done here in one plain header record: the request id, the security
 * headers of the path's kind, the access-log line, errors through the one mapper. The middleware
 * sets its headers with `c.header`, which keeps a web `Headers` that @hono/node-server then copies
 * into a record for Node; a record handed to the answer goes to Node as it is. The same routes stay
 * registered on the API app behind the middleware (never reached for GET and HEAD), so the 405
 * check still knows their paths.
 */
import type { Context, Handler } from "hono";
import type { AppDeps } from "../deps.ts";
import { accessLine } from "./access-log.ts";
import { errorResponse } from "./errors.ts";
import type { Answer } from "./public.ts";
import { requestIdOf } from "./request-id.ts";
import { securityHeaderLists } from "./security-headers.ts";

/**
 * An answer made from the request. `headers` is the answer's header record, already holding the
 * request id and security headers: what the answer adds there (a cookie, `Cache-Control`) goes out
 * with an error answer too, as headers set on the context do behind the middleware.
 */
export type AnswerOf = (c: Context, headers: Record<string, string>) => Answer | Promise<Answer>;

/** Makes handlers that answer without the middleware; `log` is the access log's, when there is one. */
export function directAnswers(http: AppDeps["http"], log: ((line: string) => void) | undefined): (answer: AnswerOf) => Handler {
  const lists = securityHeaderLists(http);
  return (answer) => async (c) => {
    const started = log ? performance.now() : 0;
    const headers: Record<string, string> = { "X-Request-Id": requestIdOf(c) };
    let list = lists.now(c);
    if (!list) {
      await lists.ready;
      list = lists.now(c)!;
    }
    for (const [name, value] of list) headers[name] = value;
    let res: Response;
    try {
      const a = await answer(c, headers);
      res = new Response(a.body, { status: a.status, headers: Object.assign(headers, a.headers) });
    } catch (error) {
      for (const name in headers) c.header(name, headers[name]);
      res = errorResponse(c, error);
    }
    log?.(accessLine(c, res.status, started));
    return res;
  };
}

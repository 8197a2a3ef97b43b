/**
 * The HTTP API, built from its dependencies so the same app runs on Node (serving the built site
 * too) and on an edge runtime. Public routes register on the app; the organizer API is one sub-app
 * mounted behind its guard. Errors leave through one mapper.
 */
import { Hono } from "hono";
import { methodNotAllowed } from "hono/method-not-allowed";
import type { AppDeps } from "./deps.ts";
import { AppError } from "./errors.ts";
import { accessLog } from "./http/access-log.ts";
import { directAnswers } from "./http/direct.ts";
import { compressAnswers } from "./http/compress.ts";
import { errorResponse, methodNotAllowedAnswer } from "./http/errors.ts";
import { requestIds } from "./http/request-id.ts";
import { securityHeaders } from "./http/security-headers.ts";
import { adminApp } from "./routes/admin/index.ts";
import { registerEmbedRoutes } from "./routes/embeds.ts";
import { registerShareRoutes } from "./routes/share.ts";
import { HEALTH_PATH, healthAnswer, LEADERBOARD_PATH, leaderboardAnswer, registerPublicRoutes } from "./routes/public.ts";
import { registerPublicationRoutes } from "./routes/publications.ts";
import { registerScoringRoutes } from "./routes/scoring.ts";
import { registerVoteRoutes, voteAnswer, VOTES_PATH } from "./routes/votes.ts";

export interface AppOptions {
  /** where to write one line per request (api/http/access-log.ts); none when absent */
  accessLog?: (line: string) => void;
}

export function createApp(deps: AppDeps, options: AppOptions = {}): Hono {
  const app = new Hono();
  app.onError((err, c) => errorResponse(c, err));

  // The hottest reads and the vote answer before the middleware, doing its work themselves (api/http/direct.ts).
  const direct = directAnswers(deps.http, options.accessLog);
  app.get(HEALTH_PATH, direct(healthAnswer(deps)));
  app.get(LEADERBOARD_PATH, direct(leaderboardAnswer(deps)));
  app.post(VOTES_PATH, direct(voteAnswer(deps)));

  // X-Request-Id on every answer: a proxy's own id is kept when it is a plausible one (at most 255
  // of A-Z a-z 0-9 _ - =, the middleware's limits), so one id follows a request through both logs.
  app.use("*", requestIds());
  if (options.accessLog) app.use("*", accessLog(options.accessLog));
  // Every answer, the static site's included (the Node server serves it through this app).
  app.use("*", securityHeaders(deps.http));
  app.use("/api/*", async (c, next) => {
    if (c.req.method === "OPTIONS") {
      // Public reads are open to every origin; writes are same-origin (cookie) and get no CORS grant.
      c.header("Access-Control-Allow-Origin", "*");
      c.header("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
      c.header("Access-Control-Allow-Headers", "If-None-Match, Accept-Language");
      c.header("Access-Control-Max-Age", "86400");
      return c.body(null, 204);
    }
    await next();
  });
  // The organizer API's JSON and exports compressed as they leave; public reads compress where
  // their bodies are made (api/http/public.ts), and votes and health pay nothing.
  app.use("/api/admin/*", compressAnswers());

  // The API's routes live on their own app so that the 405 check knows exactly them, not the
  // catch-all GET the Node server adds for the static site (which would make every path "known").
  const api = new Hono();
  registerPublicRoutes(api, deps);
  registerEmbedRoutes(api, deps);
  registerShareRoutes(api, deps);
  registerVoteRoutes(api, deps);
  registerPublicationRoutes(api, deps);
  registerScoringRoutes(api, deps);
  api.route("/api/admin", adminApp(deps));
  app.use("/api/*", methodNotAllowed({ app: api, onMethodNotAllowed: methodNotAllowedAnswer }));
  app.route("/", api);

  // Returned, not thrown: the 405 check above only looks at a plain 404 (a thrown error is final).
  app.all("/api/*", (c) => errorResponse(c, new AppError("not_found", { zh: "没有这个接口", en: "No such endpoint" })));
  return app;
}

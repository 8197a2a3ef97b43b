/**
 * The HTTP API, built from its dependencies so the same app runs on Node (serving the built site
 * too) and on an edge runtime. Public routes register on the app; the organizer API is one sub-app
 * mounted behind its guard. Errors leave through one mapper.
 */
import { Hono } from "hono";
import type { AppDeps } from "./deps.ts";
import { AppError } from "./errors.ts";
import { errorResponse } from "./http/errors.ts";
import { adminApp } from "./routes/admin/index.ts";
import { registerEmbedRoutes } from "./routes/embeds.ts";
import { registerPublicRoutes } from "./routes/public.ts";
import { registerPublicationRoutes } from "./routes/publications.ts";
import { registerVoteRoutes } from "./routes/votes.ts";

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.onError((err, c) => errorResponse(c, err));

  app.use("/api/*", async (c, next) => {
    c.header("X-Content-Type-Options", "nosniff");
    // API answers are data, never a page to frame (only /embed/ pages may be framed; api/site/serve.ts).
    c.header("X-Frame-Options", "DENY");
    c.header("Content-Security-Policy", "frame-ancestors 'none'");
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

  registerPublicRoutes(app, deps);
  registerEmbedRoutes(app, deps);
  registerVoteRoutes(app, deps);
  registerPublicationRoutes(app, deps);
  app.route("/api/admin", adminApp(deps));

  app.all("/api/*", (c) => {
    const known = app.routes.some((r) => r.method !== "ALL" && matchPath(r.path, c.req.path));
    if (known) throw new AppError("method_not_allowed");
    throw new AppError("not_found", { zh: "没有这个接口", en: "No such endpoint" });
  });
  return app;
}

function matchPath(pattern: string, path: string): boolean {
  if (pattern.includes("*")) return false;
  const re = new RegExp("^" + pattern.replace(/:[^/]+/g, "[^/]+").replace(/\./g, "\\.") + "/?$");
  return re.test(path);
}

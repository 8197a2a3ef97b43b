/**
 * The HTTP API, built from its dependencies so the same app runs on Node (serving the built site
 * too) and on an edge runtime. Errors leave through one mapper.
 */
import { Hono } from "hono";
import type { AppDeps } from "./deps.ts";
import { AppError } from "./errors.ts";
import { errorResponse } from "./http.ts";
import { registerAdminRoutes } from "./routes/admin.ts";
import { registerPublicationAdminRoutes, registerPublicationRoutes } from "./routes/publications.ts";
import { registerEmbedRoutes } from "./routes/embeds.ts";
import { registerExportRoutes } from "./routes/exports.ts";
import { registerReviewRoutes } from "./routes/review.ts";
import { registerPublicRoutes } from "./routes/public.ts";
import { registerScoreRoutes } from "./routes/scores.ts";
import { registerIndicatorRoutes } from "./routes/indicators.ts";
import { registerEntryRoutes } from "./routes/entries.ts";
import { registerEligibilityRoutes } from "./routes/eligibility.ts";
import { registerVoteRoutes } from "./routes/votes.ts";

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.onError((err, c) => errorResponse(c, err));

  app.use("/api/*", async (c, next) => {
    c.header("X-Content-Type-Options", "nosniff");
    // API answers are data, never a page to frame (only /embed/ pages may be framed; api/static-site.ts).
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
  registerAdminRoutes(app, deps);
  registerScoreRoutes(app, deps);
  registerIndicatorRoutes(app, deps);
  registerEntryRoutes(app, deps);
  // after the admin routes: their requireAdmin guard applies to these too
  registerPublicationAdminRoutes(app, deps);
  registerReviewRoutes(app, deps);
  registerExportRoutes(app, deps);
  registerEligibilityRoutes(app, deps);

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

/**
 * The organizer API: one sub-app mounted at /api/admin behind its guard, so a route added to any
 * of these files is guarded by construction, whatever the order of registration elsewhere.
 */
import { Hono } from "hono";
import { methodNotAllowed } from "hono/method-not-allowed";
import type { AppDeps } from "../../deps.ts";
import { requireAdmin, type AdminEnv } from "../../http/admin.ts";
import { methodNotAllowedAnswer } from "../../http/errors.ts";
import { campaignRoutes } from "./campaigns.ts";
import { eligibilityRoutes } from "./eligibility.ts";
import { entryRoutes } from "./entries.ts";
import { exportRoutes } from "./exports.ts";
import { indicatorRoutes } from "./indicators.ts";
import { publicationRoutes } from "./publications.ts";
import { reviewRoutes } from "./review.ts";
import { revocationRoutes } from "./revocations.ts";
import { scoreRoutes } from "./scores.ts";
import { scoringRoutes } from "./scoring.ts";
import { tokenRoutes } from "./tokens.ts";

export function adminApp(deps: AppDeps): Hono<AdminEnv> {
  const admin = new Hono<AdminEnv>();
  admin.use("*", requireAdmin(deps));
  // Its own 405 check, inside the guard: a caller without a token learns nothing of which paths
  // exist (401 first), and the guard's audit line records the 405 a signed-in caller got.
  admin.use("*", methodNotAllowed({ app: admin, onMethodNotAllowed: methodNotAllowedAnswer }));
  for (const routes of [
    campaignRoutes,
    reviewRoutes,
    scoreRoutes,
    scoringRoutes,
    indicatorRoutes,
    entryRoutes,
    publicationRoutes,
    revocationRoutes,
    exportRoutes,
    eligibilityRoutes,
    tokenRoutes,
  ]) {
    admin.route("/", routes(deps));
  }
  return admin;
}

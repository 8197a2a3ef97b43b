/**
 * GET /api/admin/campaigns/{c}/eligibility: the eligibility report (S3's 创建/认定基本条件), for
 * organizers and auditors only. Behind requireAdmin like every /api/admin route, which audits the read.
 */
import type { Hono } from "hono";
import type { AppDeps } from "../deps.ts";
import type { AdminEnv } from "./admin.ts";
import { campaignEligibility } from "../services/eligibility.ts";

export function registerEligibilityRoutes(hono: Hono, deps: AppDeps): void {
  // registered after registerAdminRoutes, whose requireAdmin guards every /api/admin/* path
  const app = hono as unknown as Hono<AdminEnv>;
  app.get("/api/admin/campaigns/:campaign/eligibility", async (c) => {
    return c.json(await campaignEligibility(deps.db.read, deps.catalog.current, c.req.param("campaign")));
  });
}

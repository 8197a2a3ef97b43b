/** The eligibility report (S3's 创建/认定基本条件), for organizers and auditors only. */
import { Hono } from "hono";
import type { AppDeps } from "../../deps.ts";
import type { AdminEnv } from "../../http/admin.ts";
import { campaignEligibility } from "../../services/eligibility.ts";

export function eligibilityRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.get("/campaigns/:campaign/eligibility", async (c) => {
    return c.json(await campaignEligibility(deps, { campaign: c.req.param("campaign") }));
  });
  return app;
}

/** Fraud review: campaigns with live counts, anomalies, and voiding by filter with a reason. */
import { Hono } from "hono";
import type { AppDeps } from "../../deps.ts";
import { AppError } from "../../errors.ts";
import { actorOf, type AdminEnv } from "../../http/admin.ts";
import { readJson } from "../../http/body.ts";
import { langOf } from "../../http/errors.ts";
import { campaignAnomalies, campaignOverview, requireCampaign, voidRequestSchema, voidVotes } from "../../services/review.ts";

export function reviewRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.get("/campaigns", async (c) => c.json({ campaigns: await campaignOverview(deps, langOf(c)) }));

  app.get("/anomalies", async (c) => {
    const only = c.req.query("campaign");
    const catalog = deps.catalog.current;
    const slugs = only !== undefined ? [requireCampaign(catalog, only).slug] : catalog.campaigns.map((x) => x.slug);
    const sinceRaw = c.req.query("since");
    const since = sinceRaw === undefined ? undefined : Date.parse(sinceRaw);
    if (since !== undefined && Number.isNaN(since))
      throw new AppError("invalid_request", { zh: "since 须为 ISO 8601 时间", en: "since must be an ISO 8601 time" });
    const anomalies = [];
    for (const s of slugs) anomalies.push(...(await campaignAnomalies(deps, { campaign: s, since })));
    return c.json({ anomalies });
  });

  app.post("/votes/void", async (c) => {
    // 10 000 vote ids fit in 512 KB
    const body = await readJson(c, voidRequestSchema, 512 * 1024);
    const result = await voidVotes(deps, { filter: body.filter, reason: body.reason, actor: actorOf(c), dryRun: body.dryRun === true });
    if (!result.dryRun) for (const listId of result.listIds) deps.leaderboards.invalidate(listId);
    return c.json({ voided: result.voided, dryRun: result.dryRun, entries: result.perEntry });
  });
  return app;
}

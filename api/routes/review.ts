/**
 * Organizer review: the campaigns with live counts (GET /api/admin/campaigns), anomalies
 * (GET /api/admin/anomalies) and voiding by filter (POST /api/admin/votes/void). Behind
 * requireAdmin, registered in admin.ts's `/api/admin/*` middleware.
 */
import type { Hono } from "hono";
import { campaignTallies } from "../../db/index.ts";
import type { AppDeps } from "../deps.ts";
import { votingView } from "../catalog.ts";
import { AppError } from "../errors.ts";
import { readJson } from "../http.ts";
import { campaignAnomalies, requireCampaign, voidRequestSchema, voidVotes } from "../services/review.ts";
import { actorOf, type AdminEnv } from "./admin.ts";

export function registerReviewRoutes(app: Hono, deps: AppDeps): void {
  const admin = app as unknown as Hono<AdminEnv>;

  admin.get("/api/admin/campaigns", async (c) => {
    const catalog = deps.catalog.current;
    const now = deps.clock.now();
    const campaigns = [];
    for (const campaign of catalog.campaigns) {
      const tallies = await campaignTallies(deps.db.read, campaign.id);
      campaigns.push({
        slug: campaign.slug,
        title: campaign.title.zh,
        lists: campaign.lists.map((l) => {
          let valid = 0;
          let voided = 0;
          for (const e of l.entries) {
            valid += tallies.get(e.id)?.votes ?? 0;
            voided += tallies.get(e.id)?.voided ?? 0;
          }
          return { slug: l.slug, title: l.title.zh, ranking: l.ranking, entries: l.entries.length, voting: votingView(l, now), votes: valid, voided };
        }),
      });
    }
    return c.json({ campaigns });
  });

  admin.get("/api/admin/anomalies", async (c) => {
    const only = c.req.query("campaign");
    const catalog = deps.catalog.current;
    const slugs = only !== undefined ? [requireCampaign(catalog, only).slug] : catalog.campaigns.map((x) => x.slug);
    const sinceRaw = c.req.query("since");
    const since = sinceRaw === undefined ? undefined : Date.parse(sinceRaw);
    if (since !== undefined && Number.isNaN(since)) throw new AppError("invalid_request", { zh: "since 须为 ISO 8601 时间", en: "since must be an ISO 8601 time" });
    const anomalies = [];
    for (const s of slugs) anomalies.push(...(await campaignAnomalies(deps, s, { since })));
    return c.json({ anomalies });
  });

  admin.post("/api/admin/votes/void", async (c) => {
    // 10 000 vote ids fit in 512 KB
    const body = await readJson(c, voidRequestSchema, 512 * 1024);
    const result = await voidVotes(deps, body.filter, body.reason, actorOf(c), body.dryRun === true);
    if (!result.dryRun) for (const listId of result.listIds) deps.leaderboards.invalidate(listId);
    return c.json({ voided: result.voided, dryRun: result.dryRun, entries: result.perEntry });
  });
}

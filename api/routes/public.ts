/** Public reads: health, campaigns, leaderboards (JSON and CSV), entries. CORS `*`, ETag, short cache. */
import type { Hono } from "hono";
import type { AppDeps } from "../deps.ts";
import { votingView } from "../read/catalog.ts";
import { AppError } from "../errors.ts";
import type { AnswerOf } from "../http/direct.ts";
import { publicBody, publicJson, publicJsonAnswer, viaContext } from "../http/public.ts";
import { entryUrl, publicEntry } from "../read/leaderboard.ts";
import { leaderboardCsv } from "../read/leaderboard-csv.ts";
import { serverHealth } from "../services/health.ts";

export const HEALTH_PATH = "/api/health";
export const LEADERBOARD_PATH = "/api/campaigns/:campaign/lists/:list/leaderboard";

/** 503 when votes cannot be recorded, so a load balancer takes this server out; read from kept state, no I/O. */
export function healthAnswer(deps: AppDeps): AnswerOf {
  return () => {
    const health = serverHealth(deps);
    return {
      status: health.ok ? 200 : 503,
      body: JSON.stringify(health),
      headers: { "Cache-Control": "no-store", "Content-Type": "application/json" },
    };
  };
}

const findListIn = (deps: AppDeps, campaign: string, list: string) => {
  const found = deps.catalog.current.list(campaign, list);
  if (!found) throw new AppError("not_found", { zh: "找不到该榜单", en: "No such list" });
  return found;
};

export function leaderboardAnswer(deps: AppDeps): AnswerOf {
  return async (c) => {
    const list = findListIn(deps, c.req.param("campaign")!, c.req.param("list")!);
    const { board } = await deps.leaderboards.view(list, deps.catalog.current.version);
    return publicJsonAnswer(c, board);
  };
}

export function registerPublicRoutes(app: Hono, deps: AppDeps): void {
  // Answered ahead of the middleware by createApp (api/http/direct.ts); here for the 405 check.
  const health = healthAnswer(deps);
  app.get(HEALTH_PATH, async (c) => viaContext(c, await health(c, {})));

  app.get("/api/campaigns", (c) => {
    const now = deps.clock.now();
    return publicJson(c, {
      campaigns: deps.catalog.current.campaigns.map((campaign) => ({
        slug: campaign.slug,
        title: campaign.title.zh,
        ...(campaign.title.en ? { titleEn: campaign.title.en } : {}),
        timezone: campaign.timezone,
        url: `/${campaign.slug}/`,
        lists: campaign.lists.map((l) => ({
          slug: l.slug,
          title: l.title.zh,
          ...(l.title.en ? { titleEn: l.title.en } : {}),
          ranking: l.ranking,
          entries: l.entries.length,
          url: `/${campaign.slug}/${l.slug}/`,
          voting: votingView(l, now),
        })),
      })),
    });
  });

  const findList = (campaign: string, list: string) => findListIn(deps, campaign, list);

  const leaderboard = leaderboardAnswer(deps);
  app.get(LEADERBOARD_PATH, async (c) => viaContext(c, await leaderboard(c, {})));

  app.get("/api/campaigns/:campaign/lists/:list/leaderboard.csv", async (c) => {
    const list = findList(c.req.param("campaign"), c.req.param("list"));
    const { board } = await deps.leaderboards.view(list, deps.catalog.current.version);
    c.header("Content-Disposition", `inline; filename="${list.campaign.slug}-${list.slug}.csv"`);
    return publicBody(c, leaderboardCsv(board), "text/csv; charset=UTF-8");
  });

  app.get("/api/entries/:id", async (c) => {
    const id = Number(c.req.param("id"));
    const entry = Number.isSafeInteger(id) && id > 0 ? deps.catalog.current.entry(id) : undefined;
    if (!entry) throw new AppError("not_found", { zh: "找不到该参评对象", en: "No such entry" });
    const list = entry.list;
    const view = await deps.leaderboards.view(list, deps.catalog.current.version);
    return publicJson(c, {
      ...publicEntry(entry, view.rankOf.get(entry.id)),
      ...(entry.description ? { description: entry.description.zh } : {}),
      campaign: list.campaign.slug,
      list: list.slug,
      ranking: list.ranking,
      voting: votingView(list, deps.clock.now()),
      url: entryUrl(entry),
    });
  });
}

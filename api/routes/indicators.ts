/**
 * Organizer indicator routes: import indicator figures (CSV or XLSX as the raw body) and read every
 * list's evaluated sheet, public or not. Behind requireAdmin like every /api/admin route.
 */
import type { Hono } from "hono";
import type { AppDeps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { actorOf, type AdminEnv } from "./admin.ts";
import { spreadsheetBody } from "./scores.ts";
import { evaluateListFromDb, importIndicators } from "../services/indicators.ts";

export function registerIndicatorRoutes(hono: Hono, deps: AppDeps): void {
  // registered after registerAdminRoutes, whose requireAdmin guards every /api/admin/* path
  const app = hono as unknown as Hono<AdminEnv>;
  app.post("/api/admin/campaigns/:campaign/indicators", async (c) => {
    const { bytes, format } = await spreadsheetBody(c, { zh: "指标数据文件", en: "indicator file" });
    const result = await importIndicators(deps, deps.catalog.current, c.req.param("campaign"), bytes, format, actorOf(c));
    await deps.catalog.reload();
    return c.json(result);
  });

  app.get("/api/admin/campaigns/:campaign/indicators", async (c) => {
    const campaign = deps.catalog.current.campaign(c.req.param("campaign"));
    if (!campaign) throw new AppError("not_found", { zh: `找不到活动 ${c.req.param("campaign")}`, en: `No such campaign ${c.req.param("campaign")}` });
    const lists = [];
    for (const list of campaign.lists) {
      const evaluated = await evaluateListFromDb(deps.db.read, list);
      if (!evaluated) continue;
      const slugOf = new Map(list.entries.map((e) => [e.id, e.slug]));
      lists.push({
        list: list.slug,
        visibility: evaluated.sheet.visibility,
        periods: evaluated.sheet.periods.map((p) => p.key),
        entries: evaluated.entries.map((e) => ({ slug: slugOf.get(e.entryId)!, values: e.values, checks: e.checks, changes: e.changes })),
      });
    }
    return c.json({ campaign: campaign.slug, lists });
  });
}

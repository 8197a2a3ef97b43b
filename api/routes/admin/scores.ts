/** Score files (CSV or XLSX as the raw body) and the full scoring, whatever the public may see. */
import { Hono } from "hono";
import type { AppDeps } from "../../deps.ts";
import { actorOf, type AdminEnv } from "../../http/admin.ts";
import { spreadsheetBody } from "../../http/body.ts";
import { campaignScoring, importScores } from "../../services/scores.ts";
import { scoringOverview } from "../../services/scoring-admin.ts";

export function scoreRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.post("/campaigns/:campaign/scores", async (c) => {
    const { bytes, format } = await spreadsheetBody(c, { zh: "成绩文件", en: "scores file" });
    const result = await importScores(deps, { campaign: c.req.param("campaign"), bytes, format, actor: actorOf(c) });
    // This process follows at once; other processes within a poll (the catalog version moved).
    await deps.catalog.reload();
    deps.leaderboards.invalidate();
    return c.json(result);
  });

  app.get("/campaigns/:campaign/scoring", async (c) => {
    // the full scoring (lists), and expert scoring's rounds, scorers, entries, advancing and outliers
    const campaign = c.req.param("campaign");
    const full = await campaignScoring(deps, { campaign });
    return c.json({ ...full, ...(await scoringOverview(deps, { campaign })) });
  });
  return app;
}

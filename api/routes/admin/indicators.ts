/** Indicator figures (CSV or XLSX as the raw body) and every list's evaluated sheet, public or not. */
import { Hono } from "hono";
import type { AppDeps } from "../../deps.ts";
import { actorOf, type AdminEnv } from "../../http/admin.ts";
import { spreadsheetBody } from "../../http/body.ts";
import { campaignIndicatorSheets, importIndicators } from "../../services/indicators.ts";

export function indicatorRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.post("/campaigns/:campaign/indicators", async (c) => {
    const { bytes, format } = await spreadsheetBody(c, { zh: "指标数据文件", en: "indicator file" });
    const result = await importIndicators(deps, { campaign: c.req.param("campaign"), bytes, format, actor: actorOf(c) });
    await deps.catalog.reload();
    return c.json(result);
  });

  app.get("/campaigns/:campaign/indicators", async (c) => {
    return c.json(await campaignIndicatorSheets(deps, { campaign: c.req.param("campaign") }));
  });
  return app;
}

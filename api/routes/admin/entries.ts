/** A list's entries (S2's city cases) from a spreadsheet, CSV or XLSX as the raw body. */
import { Hono } from "hono";
import type { AppDeps } from "../../deps.ts";
import { actorOf, type AdminEnv } from "../../http/admin.ts";
import { spreadsheetBody } from "../../http/body.ts";
import { importEntries } from "../../services/entries.ts";

export function entryRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.post("/campaigns/:campaign/lists/:list/entries", async (c) => {
    const { bytes, format } = await spreadsheetBody(c, { zh: "名单文件", en: "entries file" });
    const result = await importEntries(deps, {
      campaign: c.req.param("campaign"),
      list: c.req.param("list"),
      bytes,
      format,
      actor: actorOf(c),
    });
    await deps.catalog.reload();
    deps.leaderboards.invalidate();
    return c.json(result);
  });
  return app;
}

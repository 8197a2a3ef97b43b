/**
 * Organizer entry routes: import a list's entries (S2's city cases) from a spreadsheet, CSV or XLSX
 * as the raw body. Behind requireAdmin like every /api/admin route.
 */
import type { Hono } from "hono";
import type { AppDeps } from "../deps.ts";
import { actorOf, type AdminEnv } from "./admin.ts";
import { spreadsheetBody } from "./scores.ts";
import { importEntries } from "../services/entries.ts";

export function registerEntryRoutes(hono: Hono, deps: AppDeps): void {
  // registered after registerAdminRoutes, whose requireAdmin guards every /api/admin/* path
  const app = hono as unknown as Hono<AdminEnv>;
  app.post("/api/admin/campaigns/:campaign/lists/:list/entries", async (c) => {
    const { bytes, format } = await spreadsheetBody(c, { zh: "名单文件", en: "entries file" });
    const result = await importEntries(deps, c.req.param("campaign"), c.req.param("list"), bytes, format, actorOf(c));
    await deps.catalog.reload();
    deps.leaderboards.invalidate();
    return c.json(result);
  });
}

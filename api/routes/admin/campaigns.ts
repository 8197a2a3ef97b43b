/** Campaign files, voting now and scheduled, the audit log and the counts of refused anonymous traffic. */
import { Hono } from "hono";
import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { AppError } from "../../errors.ts";
import { actorOf, type AdminEnv } from "../../http/admin.ts";
import { readJson } from "../../http/body.ts";
import { isoWithOffset } from "../../http/params.ts";
import { auditLog } from "../../services/admin-access.ts";
import { importCampaign, setVoting, setWindow, validateCampaign } from "../../services/campaigns.ts";
import { recentRefusals } from "../../services/refusals.ts";

const windowSchema = z.object({ opensAt: isoWithOffset, closesAt: isoWithOffset }).strict();
/** A reopening's end; required once the scheduled close has passed (the service says so with a 422). */
const openSchema = z.object({ closesAt: isoWithOffset.optional() }).strict();

export function campaignRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const afterCatalogChange = async () => {
    await deps.catalog.reload();
    deps.leaderboards.invalidate();
  };

  app.post("/campaigns", async (c) => {
    const body = await readJson(c, z.unknown(), 4 * 1024 * 1024);
    const campaign = validateCampaign(body);
    const result = await importCampaign(deps, { campaign, actor: actorOf(c) });
    await afterCatalogChange();
    return c.json({ campaign: result }, result.created ? 201 : 200);
  });

  for (const [action, state] of [
    ["close", "closed"],
    ["open", "open"],
  ] as const) {
    app.post(`/campaigns/:campaign/lists/:list/${action}`, async (c) => {
      // open may carry {"closesAt"}; a bodiless call (the console's, a script's) stays valid
      const hasBody = state === "open" && (c.req.header("content-type") !== undefined || Number(c.req.header("content-length") ?? 0) > 0);
      const body = hasBody ? await readJson(c, openSchema) : {};
      const result = await setVoting(deps, {
        campaign: c.req.param("campaign"),
        list: c.req.param("list"),
        state,
        actor: actorOf(c),
        ...(body.closesAt !== undefined ? { closesAt: body.closesAt } : {}),
      });
      await afterCatalogChange();
      return c.json({ voting: result });
    });
  }

  app.put("/campaigns/:campaign/lists/:list/window", async (c) => {
    const body = await readJson(c, windowSchema);
    const result = await setWindow(deps, { campaign: c.req.param("campaign"), list: c.req.param("list"), window: body, actor: actorOf(c) });
    await afterCatalogChange();
    return c.json({ voting: result });
  });

  app.get("/audit", async (c) => {
    const limit = Math.min(1000, Math.max(1, Number(c.req.query("limit") ?? 200) || 200));
    return c.json({ audit: await auditLog(deps, { limit }) });
  });

  // Calls without a valid token and failed bot checks, counted per minute and reason (not audited one by one).
  app.get("/refusals", async (c) => {
    const raw = c.req.query("since");
    const since = raw === undefined ? undefined : Date.parse(raw);
    if (since !== undefined && Number.isNaN(since))
      throw new AppError("invalid_request", { zh: "since 须为 ISO 8601 时间", en: "since must be an ISO 8601 time" });
    return c.json({ refusals: await recentRefusals(deps, { since }) });
  });
  return app;
}

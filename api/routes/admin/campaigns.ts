/** Campaign files, voting now and scheduled, the audit log and the counts of refused anonymous traffic. */
import { Hono } from "hono";
import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { AppError } from "../../errors.ts";
import { actorOf, type AdminEnv } from "../../http/admin.ts";
import { readDocument, readJson } from "../../http/body.ts";
import { isoWithOffset } from "../../http/params.ts";
import { auditLog } from "../../services/admin-access.ts";
import { importCampaign, setVoting, setWindow, validateCampaign } from "../../services/campaigns.ts";
import { previewCampaignImport } from "../../services/campaign-preview.ts";
import { recentRefusals } from "../../services/refusals.ts";

/** `kind` writes (the default) | reads | refusals | all; `limit` 1–1000 (200); `before` an id, for the next page. */
const auditQuery = z.object({
  kind: z.enum(["writes", "reads", "refusals", "all"], "kind 须为 writes、reads、refusals 或 all").default("writes"),
  limit: z
    .string()
    .regex(/^[1-9]\d{0,3}$/, "limit 须为 1 到 1000 的整数")
    .transform(Number)
    .refine((n) => n <= 1000, "limit 须为 1 到 1000 的整数")
    .default(200),
  before: z
    .string()
    .regex(/^[1-9]\d{0,15}$/, "before 须为正整数（记录的 id）")
    .transform(Number)
    .optional(),
});

/** `?dryRun=1` (or `true`) previews an import; `0`, `false` or none imports; anything else is a 400. */
function dryRunOf(raw: string | undefined): boolean {
  if (raw === undefined || raw === "0" || raw === "false") return false;
  if (raw === "1" || raw === "true") return true;
  throw new AppError("invalid_request", { zh: "dryRun 须为 1 或 0", en: "dryRun must be 1 or 0" });
}

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
    const dryRun = dryRunOf(c.req.query("dryRun"));
    // a preview changes nothing: audited as a read, whatever it answers
    if (dryRun) c.set("preview", true);
    const body = await readDocument(c, 4 * 1024 * 1024);
    const campaign = validateCampaign(body);
    if (dryRun) return c.json(await previewCampaignImport(deps, { campaign, actor: actorOf(c) }));
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
    const q = auditQuery.safeParse(c.req.query());
    if (!q.success) {
      const issue = q.error.issues[0]!;
      const path = issue.path.map(String).join(".") || "query";
      throw new AppError("invalid_request", {
        zh: `参数 ${path} 无效：${issue.message}`,
        en: `Invalid parameter ${path}: ${issue.message}`,
      });
    }
    return c.json({ audit: await auditLog(deps, { view: q.data.kind, limit: q.data.limit, before: q.data.before }) });
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

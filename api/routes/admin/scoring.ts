/** Expert scoring, the organizer's writes: reopening a submitted sheet, and the pick for a `manual` round. */
import { Hono } from "hono";
import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { actorOf, type AdminEnv } from "../../http/admin.ts";
import { readJson } from "../../http/body.ts";
import { recordAdvance, reopenSheet } from "../../services/scoring-admin.ts";

const reopenSchema = z
  .object({
    scorer: z.string().trim().min(1, "请填写评审专家的令牌名称").max(100),
    round: z.string().max(100).optional(),
    reason: z.string().max(500, "不能超过 500 个字符").optional(),
  })
  .strict();

const advanceSchema = z
  .object({
    round: z.string().trim().min(1, "请填写进入的轮次").max(100),
    list: z.string().trim().min(1, "请填写榜单标识").max(100),
    entries: z.array(z.string().trim().min(1).max(200), "须为对象标识数组").max(5000),
  })
  .strict();

export function scoringRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.post("/campaigns/:campaign/scoring/reopen", async (c) => {
    const body = await readJson(c, reopenSchema);
    const result = await reopenSheet(deps, { campaign: c.req.param("campaign"), ...body, reason: body.reason ?? "", actor: actorOf(c) });
    await deps.catalog.reload();
    deps.leaderboards.invalidate();
    return c.json(result);
  });
  app.post("/campaigns/:campaign/scoring/advance", async (c) => {
    const body = await readJson(c, advanceSchema);
    return c.json(await recordAdvance(deps, { campaign: c.req.param("campaign"), ...body, actor: actorOf(c) }));
  });
  return app;
}

/**
 * Admin tokens: list, create (the token in this answer only) and revoke, organizers only, reads too;
 * and `GET /me`, which tells any signed-in organizer or auditor its own name and role (the console
 * offers an auditor no write it would refuse).
 */
import { Hono } from "hono";
import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { AppError } from "../../errors.ts";
import { actorOf, requireOrganizer, type AdminEnv } from "../../http/admin.ts";
import { readJson } from "../../http/body.ts";
import { createToken, listTokens, revokeToken, TOKEN_NAME_MAX, TOKEN_ROLES, tokenNameProblem } from "../../services/tokens.ts";

/** `campaign`, `lists`, `recuse` and `round` belong to the `scorer` role; with the others they are refused. */
const SCORER_FIELDS = ["campaign", "lists", "recuse", "round"];

const slugs = (what: string) => z.array(z.string().trim().min(1, `${what}不能为空`).max(200), `须为${what}数组`).max(500);

const createSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, "请填写令牌名称")
      .max(TOKEN_NAME_MAX, `不能超过 ${TOKEN_NAME_MAX} 个字符`)
      .refine((s) => tokenNameProblem(s) === undefined, "不能含有控制字符或斜杠"),
    role: z.enum(TOKEN_ROLES, "role 须为 organizer、auditor 或 scorer"),
    campaign: z.string().trim().min(1, "请填写活动标识").max(200).optional(),
    lists: slugs("榜单标识").optional(),
    recuse: slugs("对象标识").optional(),
    round: z.string().trim().min(1, "请填写轮次标识").max(200).optional(),
  })
  .strict();

export function tokenRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  app.get("/me", (c) => {
    const { name, role } = c.get("admin");
    return c.json({ name, role });
  });

  app.get("/tokens", async (c) => {
    requireOrganizer(c);
    return c.json({ tokens: await listTokens(deps) });
  });

  app.post("/tokens", async (c) => {
    requireOrganizer(c);
    const body = await readJson(c, z.unknown());
    if (body && typeof body === "object" && (body as { role?: unknown }).role !== "scorer" && SCORER_FIELDS.some((k) => k in body)) {
      throw new AppError("invalid_request", {
        zh: "campaign、lists、recuse、round 只用于评审专家（scorer）令牌，主办方和审计令牌不能带这些字段",
        en: "campaign, lists, recuse and round are for scorer tokens only; organizer and auditor tokens take none of them",
      });
    }
    const parsed = createSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const path = issue.path.map(String).join(".") || "body";
      throw new AppError("invalid_request", { zh: `字段 ${path} 无效：${issue.message}`, en: `Invalid field ${path}: ${issue.message}` });
    }
    const { name, role, ...scorer } = parsed.data;
    return c.json(await createToken(deps, { name, role, scorer, actor: actorOf(c) }), 201);
  });

  app.delete("/tokens/:name", async (c) => {
    requireOrganizer(c);
    await revokeToken(deps, { name: c.req.param("name"), actor: actorOf(c) });
    return c.body(null, 204);
  });
  return app;
}

/** Admin tokens: list, create (the token in this answer only) and revoke. Organizers only, reads too. */
import { Hono } from "hono";
import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { AppError } from "../../errors.ts";
import { actorOf, requireOrganizer, type AdminEnv } from "../../http/admin.ts";
import { readJson } from "../../http/body.ts";
import { createToken, listTokens, revokeToken, TOKEN_NAME_MAX, TOKEN_ROLES, tokenNameProblem } from "../../services/tokens.ts";

/** `campaign`, `lists` and `recuse` belong to a later `scorer` role; with these roles they are refused. */
const SCORER_FIELDS = ["campaign", "lists", "recuse"];

const createSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, "请填写令牌名称")
      .max(TOKEN_NAME_MAX, `不能超过 ${TOKEN_NAME_MAX} 个字符`)
      .refine((s) => tokenNameProblem(s) === undefined, "不能含有控制字符或斜杠"),
    role: z.enum(TOKEN_ROLES, "role 须为 organizer 或 auditor"),
  })
  .strict();

export function tokenRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  app.get("/tokens", async (c) => {
    requireOrganizer(c);
    return c.json({ tokens: await listTokens(deps) });
  });

  app.post("/tokens", async (c) => {
    requireOrganizer(c);
    const body = await readJson(c, z.unknown());
    if (body && typeof body === "object" && SCORER_FIELDS.some((k) => k in body)) {
      throw new AppError("invalid_request", {
        zh: "campaign、lists、recuse 只用于评审专家（scorer）令牌，主办方和审计令牌不能带这些字段",
        en: "campaign, lists and recuse are for scorer tokens only; organizer and auditor tokens take none of them",
      });
    }
    const parsed = createSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const path = issue.path.map(String).join(".") || "body";
      throw new AppError("invalid_request", { zh: `字段 ${path} 无效：${issue.message}`, en: `Invalid field ${path}: ${issue.message}` });
    }
    return c.json(await createToken(deps, { ...parsed.data, actor: actorOf(c) }), 201);
  });

  app.delete("/tokens/:name", async (c) => {
    requireOrganizer(c);
    await revokeToken(deps, { name: c.req.param("name"), actor: actorOf(c) });
    return c.body(null, 204);
  });
  return app;
}

/**
 * Publicity, the public side: publications as frozen, and the objection form's POST. Names and
 * contacts of objectors appear only under /api/admin/ (routes/admin/publications.ts).
 */
import type { Hono } from "hono";
import { z } from "zod";
import type { AppDeps } from "../deps.ts";
import { readJson } from "../http/body.ts";
import { clientIp } from "../http/client.ts";
import { idParam, textField } from "../http/params.ts";
import { noStore, publicBody, publicJson } from "../http/public.ts";
import { MAX_TOKEN_LENGTH } from "../ports/bot-check.ts";
import { campaignPublicationList, publicationBody, submitObjection } from "../services/publicity.ts";

const positiveId = z.union([
  z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  z
    .string()
    .regex(/^[1-9]\d{0,15}$/)
    .transform(Number),
]);

export const objectionSchema = z
  .object({
    publicationId: positiveId,
    entryId: positiveId,
    name: textField(50, "真实姓名"),
    contact: textField(100, "联系方式").refine((s) => s.length >= 5, "联系方式过短"),
    reason: textField(2000, "异议理由"),
    evidence: textField(5000, "证明材料说明").optional(),
    token: z.string().min(1, "缺少人机验证令牌").max(MAX_TOKEN_LENGTH, "令牌过长"),
  })
  .strict();

/** Public reads and the objection form's POST. */
export function registerPublicationRoutes(app: Hono, deps: AppDeps): void {
  app.get("/api/campaigns/:campaign/publications", async (c) => {
    return publicJson(c, { publications: await campaignPublicationList(deps, { campaign: c.req.param("campaign") }) });
  });

  app.get("/api/publications/:id", async (c) => {
    const body = await publicationBody(deps, { id: idParam(c, "id") });
    return publicBody(c, body, "application/json; charset=UTF-8");
  });

  app.post("/api/objections", async (c) => {
    noStore(c);
    const body = await readJson(c, objectionSchema, 32 * 1024);
    const result = await submitObjection(deps, { ...body, ip: clientIp(c, deps) });
    return c.json(result, 201);
  });
}

/**
 * Publicity: publications (public reads and the organizer's publish), objections (public submit,
 * organizers' list and resolve). Contacts and names appear only under /api/admin/.
 */
import type { Context, Hono } from "hono";
import { z } from "zod";
import type { Role } from "../../db/index.ts";
import type { AppDeps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { noStore, publicBody, publicJson, readJson } from "../http.ts";
import { MAX_TOKEN_LENGTH } from "../ports/bot-check.ts";
import {
  campaignObjections,
  campaignPublicationList,
  createPublication,
  publicationBody,
  resolveObjection,
  submitObjection,
} from "../services/publicity.ts";
import { clientIp } from "./votes.ts";

type AdminEnv = { Variables: { admin: { id: number; name: string; role: Role } } };

const isoWithOffset = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, "须为带时区偏移的 ISO 8601 时间")
  .refine((s) => !Number.isNaN(Date.parse(s)), "不是有效的时间");

const slug = z.string().regex(/^[a-z0-9-]{1,64}$/, "须为榜单标识（a-z0-9-）");

export const publishSchema = z
  .object({
    kind: z.enum(["preliminary", "final"], "kind 须为 preliminary 或 final"),
    list: slug.optional(),
    startsAt: isoWithOffset.optional(),
    workingDays: z.number().int().min(1).max(60).optional(),
    endsAt: isoWithOffset.optional(),
    exclude: z.array(z.union([z.number().int().positive(), slug])).max(1000).optional(),
  })
  .strict();

const text = (max: number, what: string) =>
  z
    .string()
    .trim()
    .min(1, `请填写${what}`)
    .max(max, `${what}不能超过 ${max} 个字符`)
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), `${what}含有不可见的控制字符`);

const positiveId = z.union([z.number().int().positive().max(Number.MAX_SAFE_INTEGER), z.string().regex(/^[1-9]\d{0,15}$/).transform(Number)]);

export const objectionSchema = z
  .object({
    publicationId: positiveId,
    entryId: positiveId,
    name: text(50, "真实姓名"),
    contact: text(100, "联系方式").refine((s) => s.length >= 5, "联系方式过短"),
    reason: text(2000, "异议理由"),
    evidence: text(5000, "证明材料说明").optional(),
    token: z.string().min(1, "缺少人机验证令牌").max(MAX_TOKEN_LENGTH, "令牌过长"),
  })
  .strict();

const resolveSchema = z
  .object({
    resolution: z.enum(["upheld", "rejected"], "resolution 须为 upheld 或 rejected"),
    note: text(2000, "处理意见"),
  })
  .strict();

function idParam(c: Context, name: string): number {
  const raw = c.req.param(name) ?? "";
  const id = /^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id)) throw new AppError("not_found");
  return id;
}

function actorOf(c: Context<AdminEnv>): string {
  const a = c.get("admin");
  return `${a.role}:${a.name}`;
}

/** Public reads and the objection form's POST. */
export function registerPublicationRoutes(app: Hono, deps: AppDeps): void {
  app.get("/api/campaigns/:campaign/publications", async (c) => {
    return publicJson(c, { publications: await campaignPublicationList(deps, c.req.param("campaign")) });
  });

  app.get("/api/publications/:id", async (c) => {
    const body = await publicationBody(deps, idParam(c, "id"));
    return publicBody(c, body, "application/json; charset=UTF-8");
  });

  app.post("/api/objections", async (c) => {
    noStore(c);
    const body = await readJson(c, objectionSchema, 32 * 1024);
    const result = await submitObjection(deps, { ...body, ip: clientIp(c, deps) });
    return c.json(result, 201);
  });
}

/** Organizer routes; register after the admin routes so `requireAdmin` guards them. */
export function registerPublicationAdminRoutes(app: Hono, deps: AppDeps): void {
  const admin = app as unknown as Hono<AdminEnv>;

  admin.post("/api/admin/campaigns/:campaign/publications", async (c) => {
    const body = await readJson(c, publishSchema);
    const p = await createPublication(deps, c.req.param("campaign"), body, actorOf(c));
    await deps.catalog.reload();
    return c.body(await publicationBody(deps, p.id), 201, { "Content-Type": "application/json; charset=UTF-8" });
  });

  admin.get("/api/admin/objections", async (c) => {
    const campaign = c.req.query("campaign");
    const objections = await campaignObjections(deps, campaign || undefined);
    // Names and contacts are for organizers: an auditor checks the handling, not the people
    // (the objections export is organizers-only for the same reason).
    if (c.get("admin").role !== "organizer") return c.json({ objections: objections.map(({ name: _name, contact: _contact, ...rest }) => rest) });
    return c.json({ objections });
  });

  admin.post("/api/admin/objections/:id/resolve", async (c) => {
    const body = await readJson(c, resolveSchema);
    return c.json({ objection: await resolveObjection(deps, idParam(c, "id"), body, actorOf(c)) });
  });
}

/**
 * Organizer routes. Bearer tokens are looked up by hash; `auditor` tokens may read but not write.
 * Writes are audited by the operation they run (in the same transaction); reads are audited here.
 */
import type { Context, Hono, MiddlewareHandler } from "hono";
import { z } from "zod";
import { appendAudit, findActiveToken, recentAudit, type Role } from "../../db/index.ts";
import type { AppDeps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { noStore, readJson } from "../http.ts";
import { tokenHash } from "../secrets.ts";
import { importCampaign, setVoting, setWindow, validateCampaign } from "../services/campaigns.ts";

export type AdminEnv = { Variables: { admin: { id: number; name: string; role: Role } } };

const isoWithOffset = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, "须为带时区偏移的 ISO 8601 时间")
  .refine((s) => !Number.isNaN(Date.parse(s)), "不是有效的时间");
const windowSchema = z.object({ opensAt: isoWithOffset, closesAt: isoWithOffset }).strict();

export function requireAdmin(deps: AppDeps): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    noStore(c);
    const header = c.req.header("authorization") ?? "";
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const found = m ? await findActiveToken(deps.db.read, tokenHash(m[1]!)) : undefined;
    const write = c.req.method !== "GET" && c.req.method !== "HEAD";
    if (!found) {
      // Refused calls are traced too (who tried what), under no name: the token was not valid.
      await auditCall(deps, c, "anonymous", "denied", 401);
      c.header("WWW-Authenticate", 'Bearer realm="bangdan"');
      throw new AppError("unauthorized");
    }
    const actor = `${found.role}:${found.name}`;
    if (write && found.role !== "organizer") {
      await auditCall(deps, c, actor, "denied", 403);
      throw new AppError("forbidden");
    }
    c.set("admin", found);
    await next();
    // Successful writes are audited by the operation they ran, in its own transaction; reads and
    // refused writes are audited here with the request's essentials.
    if (!write) await auditCall(deps, c, actor, "read", c.res.status);
    else if (c.res.status >= 400) await auditCall(deps, c, actor, "refused", c.res.status);
  };
}

async function auditCall(deps: AppDeps, c: Context, actor: string, action: string, status: number): Promise<void> {
  const url = new URL(c.req.url);
  const query = Object.fromEntries(url.searchParams);
  const at = deps.clock.now();
  await deps.db.writer.run((tx) =>
    appendAudit(tx, {
      at,
      actor,
      action,
      target: url.pathname.slice(0, 300),
      details: { method: c.req.method, status, ...(Object.keys(query).length ? { query } : {}) },
    }),
  );
}

export function actorOf(c: Context<AdminEnv>): string {
  const a = c.get("admin");
  return `${a.role}:${a.name}`;
}

export function registerAdminRoutes(app: Hono, deps: AppDeps): void {
  const admin = app as unknown as Hono<AdminEnv>;
  admin.use("/api/admin/*", requireAdmin(deps));

  const afterCatalogChange = async () => {
    await deps.catalog.reload();
    deps.leaderboards.invalidate();
  };

  admin.post("/api/admin/campaigns", async (c) => {
    const body = await readJson(c, z.unknown(), 4 * 1024 * 1024);
    const campaign = validateCampaign(body);
    const result = await importCampaign(deps, campaign, actorOf(c));
    await afterCatalogChange();
    return c.json({ campaign: result }, result.created ? 201 : 200);
  });

  for (const [action, state] of [
    ["close", "closed"],
    ["open", "open"],
  ] as const) {
    admin.post(`/api/admin/campaigns/:campaign/lists/:list/${action}`, async (c) => {
      const result = await setVoting(deps, c.req.param("campaign"), c.req.param("list"), state, actorOf(c));
      await afterCatalogChange();
      return c.json({ voting: result });
    });
  }

  admin.put("/api/admin/campaigns/:campaign/lists/:list/window", async (c) => {
    const body = await readJson(c, windowSchema);
    const result = await setWindow(deps, c.req.param("campaign"), c.req.param("list"), body, actorOf(c));
    await afterCatalogChange();
    return c.json({ voting: result });
  });

  admin.get("/api/admin/audit", async (c) => {
    const limit = Math.min(1000, Math.max(1, Number(c.req.query("limit") ?? 200) || 200));
    const records = await recentAudit(deps.db.read, limit);
    return c.json({ audit: records.map((r) => ({ ...r, at: new Date(r.at).toISOString() })) });
  });
}

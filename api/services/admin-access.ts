/**
 * Who may call the organizer API, and the trace of every call: bearer tokens are looked up by hash;
 * a signed-in caller's reads and refusals are audited here, successful writes by the operation they
 * ran. Calls without a valid token are no one's actions: they are counted per minute, not audited
 * one by one, and limited per address.
 */
import { appendAudit, findActiveToken, recentAudit, touchAdminToken, type AuditKind, type Role } from "../../db/index.ts";
import { adminRateRules } from "../domain/rate-policy.ts";
import { AppError } from "../errors.ts";
import { ipLimitKey } from "./rate-limits.ts";
import type { ServiceContext } from "./context.ts";
import { noteRefusal } from "./refusals.ts";
import { tokenHash } from "../secrets.ts";

export type { AuditKind };

export interface AdminIdentity {
  id: number;
  name: string;
  role: Role;
}

export interface AdminCall {
  actor: string;
  /** read | denied | refused */
  action: string;
  kind: AuditKind;
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
}

/** How stale a token's `lastUsedAt` may get: it is written at most once a minute per token, not on every call. */
export const TOKEN_USE_RESOLUTION_MS = 60_000;

/**
 * The active token's holder, or undefined when the token is unknown or revoked (read from the
 * database on every call, so a revocation by this process or the CLI holds at once). Its last use
 * is kept to the minute.
 */
export async function findAdmin(ctx: ServiceContext, input: { token: string }): Promise<AdminIdentity | undefined> {
  const found = await findActiveToken(ctx.db.read, tokenHash(input.token));
  if (!found) return undefined;
  const now = ctx.clock.now();
  if (found.lastUsedAt === null || now - found.lastUsedAt >= TOKEN_USE_RESOLUTION_MS) {
    await ctx.db.writer.run((tx) => touchAdminToken(tx, found.id, now));
  }
  return { id: found.id, name: found.name, role: found.role };
}

export interface AnonymousCall {
  ip: string;
  method: string;
  path: string;
  /** the query string with its "?", or "" */
  search: string;
}

/**
 * A call without a valid token: counted, and refused with 429 past the per-address limit (the
 * caller then refuses it with 401). Loopback is our own reverse proxy when TRUST_PROXY is not set,
 * as for votes: it is counted but not limited.
 */
export async function refuseAnonymous(ctx: ServiceContext, call: AnonymousCall): Promise<void> {
  const routeKind = call.method === "GET" || call.method === "HEAD" ? "admin_read" : "admin_write";
  const sample = `${call.method} ${call.path}${call.search}`;
  // keyed like the vote limits: an IPv6 caller by its /64 (services/rate-limits.ts)
  const key = ipLimitKey(ctx, call.ip);
  if (key !== undefined) {
    const decision = await ctx.rateLimiter.limit(adminRateRules.anonymousIp, key, ctx.clock.now());
    if (!decision.success) {
      noteRefusal(ctx, { reason: "rate_limited", routeKind, sample });
      const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
      throw new AppError("rate_limited", undefined, { headers: { "Retry-After": String(seconds) } });
    }
  }
  noteRefusal(ctx, { reason: "unauthorized", routeKind, sample });
}

export async function auditAdminCall(ctx: ServiceContext, call: AdminCall): Promise<void> {
  const at = ctx.clock.now();
  const { actor, action, kind, method, path, query, status } = call;
  await ctx.db.writer.run((tx) =>
    appendAudit(tx, {
      at,
      actor,
      action,
      kind,
      target: path.slice(0, 300),
      details: { method, status, ...(Object.keys(query).length ? { query } : {}) },
    }),
  );
}

export const AUDIT_VIEWS = { writes: ["write"], reads: ["read"], refusals: ["refusal"], all: undefined } as const;
export type AuditView = keyof typeof AUDIT_VIEWS;

/**
 * The audit log, newest first: `writes` (what changed something), `reads`, `refusals` (a signed-in
 * caller refused) or `all`; pages by `before` (an id). Each record says who (`actor`, and `role`
 * read from it), what, on what, and the HTTP status where the call was recorded with one.
 */
export async function auditLog(ctx: ServiceContext, input: { view: AuditView; limit: number; before?: number }) {
  const kinds = AUDIT_VIEWS[input.view];
  const records = await recentAudit(ctx.db.read, input.limit, {
    ...(kinds ? { kinds: [...kinds] } : {}),
    ...(input.before !== undefined ? { before: input.before } : {}),
  });
  return records.map((r) => {
    const status = typeof r.details?.status === "number" ? r.details.status : null;
    const role = r.actor.includes(":") ? r.actor.slice(0, r.actor.indexOf(":")) : r.actor;
    return {
      id: r.id,
      at: new Date(r.at).toISOString(),
      actor: r.actor,
      role,
      action: r.action,
      target: r.target ?? null,
      status,
      kind: r.kind,
      details: r.details ?? {},
    };
  });
}

/**
 * Who may call the organizer API, and the trace of every call: bearer tokens are looked up by hash;
 * a signed-in caller's reads and refusals are audited here, successful writes by the operation they
 * ran. Calls without a valid token are no one's actions: they are counted per minute, not audited
 * one by one, and limited per address.
 */
import { appendAudit, findActiveToken, recentAudit, type Role } from "../../db/index.ts";
import { adminRateRules } from "../domain/rate-policy.ts";
import { AppError } from "../errors.ts";
import { ipLimitKey } from "./rate-limits.ts";
import type { ServiceContext } from "./context.ts";
import { noteRefusal } from "./refusals.ts";
import { tokenHash } from "../secrets.ts";

export interface AdminIdentity {
  id: number;
  name: string;
  role: Role;
}

export interface AdminCall {
  actor: string;
  /** read | denied | refused */
  action: string;
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
}

/** The active token's holder, or undefined when the token is unknown or revoked. */
export async function findAdmin(ctx: ServiceContext, input: { token: string }): Promise<AdminIdentity | undefined> {
  return findActiveToken(ctx.db.read, tokenHash(input.token));
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
  const { actor, action, method, path, query, status } = call;
  await ctx.db.writer.run((tx) =>
    appendAudit(tx, {
      at,
      actor,
      action,
      target: path.slice(0, 300),
      details: { method, status, ...(Object.keys(query).length ? { query } : {}) },
    }),
  );
}

export async function auditLog(ctx: ServiceContext, input: { limit: number }) {
  const records = await recentAudit(ctx.db.read, input.limit);
  return records.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
}

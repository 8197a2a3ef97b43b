/**
 * Who may call the organizer API, and the trace of every call: bearer tokens are looked up by hash;
 * reads and refusals are audited here, successful writes by the operation they ran.
 */
import { appendAudit, findActiveToken, recentAudit, type Role } from "../../db/index.ts";
import type { ServiceContext } from "./context.ts";
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

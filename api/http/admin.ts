/**
 * The organizer API's guard: a valid bearer token, and the organizer role for writes (`auditor`
 * tokens read only). Every call is traced: a signed-in caller's reads and refusals in the audit log
 * here, successful writes by the operation they ran, in its own transaction; calls without a valid
 * token as counts per minute (api/services/refusals.ts), limited per address. Mounted once over the
 * whole admin sub-app.
 */
import type { Context, MiddlewareHandler } from "hono";
import type { AppDeps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { auditAdminCall, findAdmin, refuseAnonymous, type AdminIdentity, type AuditKind } from "../services/admin-access.ts";
import { clientIp } from "./client.ts";
import { noStore } from "./public.ts";

export type AdminEnv = {
  Variables: {
    admin: AdminIdentity;
    /** set by a route whose POST changes nothing (a preview): audited as a read, not as a write */
    preview?: boolean;
  };
};

export function requireAdmin(deps: AppDeps): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    noStore(c);
    const m = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header("authorization") ?? "");
    const found = m ? await findAdmin(deps, { token: m[1]! }) : undefined;
    const write = c.req.method !== "GET" && c.req.method !== "HEAD";
    if (!found) {
      // No one's action: counted per minute and reason, never a write per call (429 past the limit).
      const url = new URL(c.req.url);
      await refuseAnonymous(deps, { ip: clientIp(c, deps), method: c.req.method, path: url.pathname, search: url.search });
      c.header("WWW-Authenticate", 'Bearer realm="bangdan"');
      throw new AppError("unauthorized");
    }
    const actor = `${found.role}:${found.name}`;
    // a scorer token scores (/api/scoring) and does nothing else: every organizer route, reads too
    if (found.role === "scorer") {
      await audit(deps, c, actor, "denied", 403, "refusal");
      throw new AppError("forbidden");
    }
    if (write && found.role !== "organizer") {
      await audit(deps, c, actor, "denied", 403, "refusal");
      throw new AppError("forbidden");
    }
    c.set("admin", found);
    await next();
    if (!write || c.get("preview")) await audit(deps, c, actor, "read", c.res.status, "read");
    else if (c.res.status >= 400) await audit(deps, c, actor, "refused", c.res.status, "refusal");
  };
}

function audit(deps: AppDeps, c: Context, actor: string, action: string, status: number, kind: AuditKind): Promise<void> {
  const url = new URL(c.req.url);
  return auditAdminCall(deps, {
    actor,
    action,
    kind,
    method: c.req.method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    status,
  });
}

/** Organizers only, for reads too (tokens): an auditor gets 403. */
export function requireOrganizer(c: Context<AdminEnv>): void {
  if (c.get("admin").role !== "organizer") throw new AppError("forbidden");
}

/** The audit name of the caller: `role:name`. */
export function actorOf(c: Context<AdminEnv>): string {
  const a = c.get("admin");
  return `${a.role}:${a.name}`;
}

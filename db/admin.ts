/** Admin tokens (stored as hashes only) and the append-only audit log. */
import { and, count, desc, eq, inArray, isNull, lt } from "drizzle-orm";
import type { Queryable, Tx } from "./client.ts";
import { adminTokens, auditLog } from "./schema.ts";

export type Role = "organizer" | "auditor" | "scorer";

/** What a scorer token may score: one campaign, optionally some lists, never the recused entries, one round. */
export interface ScorerScope {
  campaign: string;
  /** list slugs; null for every list */
  lists: string[] | null;
  /** entry slugs or `list/slug` */
  recuse: string[];
  /** the round's declared key; "" when the campaign declares none */
  round: string;
}

const scopeOf = (text: string | null): ScorerScope | null => (text === null ? null : (JSON.parse(text) as ScorerScope));

export async function insertAdminToken(
  tx: Tx,
  token: { name: string; role: Role; tokenHash: string; at: number; scope?: ScorerScope },
): Promise<number> {
  const row = await tx
    .insert(adminTokens)
    .values({
      name: token.name,
      role: token.role,
      tokenHash: token.tokenHash,
      createdAt: token.at,
      scope: token.scope ? JSON.stringify(token.scope) : null,
    })
    .returning({ id: adminTokens.id })
    .get();
  return row.id;
}

export async function findActiveToken(
  db: Queryable,
  tokenHash: string,
): Promise<{ id: number; name: string; role: Role; lastUsedAt: number | null; scope: ScorerScope | null } | undefined> {
  const row = await db
    .select({
      id: adminTokens.id,
      name: adminTokens.name,
      role: adminTokens.role,
      lastUsedAt: adminTokens.lastUsedAt,
      scope: adminTokens.scope,
    })
    .from(adminTokens)
    .where(and(eq(adminTokens.tokenHash, tokenHash), isNull(adminTokens.revokedAt)))
    .get();
  return row ? { ...row, scope: scopeOf(row.scope) } : undefined;
}

/** Every scorer token ever issued for a campaign, revoked ones too (their submitted sheets still count). */
export async function scorerTokens(
  db: Queryable,
  campaign: string,
): Promise<{ id: number; name: string; createdAt: number; revokedAt: number | null; scope: ScorerScope }[]> {
  const rows = await db
    .select({
      id: adminTokens.id,
      name: adminTokens.name,
      createdAt: adminTokens.createdAt,
      revokedAt: adminTokens.revokedAt,
      scope: adminTokens.scope,
    })
    .from(adminTokens)
    .where(eq(adminTokens.role, "scorer"))
    .orderBy(adminTokens.id);
  return rows.map((r) => ({ ...r, scope: scopeOf(r.scope)! })).filter((r) => r.scope.campaign === campaign);
}

export async function revokeAdminToken(tx: Tx, name: string, at: number): Promise<number> {
  const rows = await tx
    .update(adminTokens)
    .set({ revokedAt: at })
    .where(and(eq(adminTokens.name, name), isNull(adminTokens.revokedAt)))
    .returning({ id: adminTokens.id });
  return rows.length;
}

/** The active tokens, oldest first: names, roles and times, never a hash. */
export async function activeTokens(db: Queryable) {
  const rows = await db
    .select({
      name: adminTokens.name,
      role: adminTokens.role,
      createdAt: adminTokens.createdAt,
      lastUsedAt: adminTokens.lastUsedAt,
      scope: adminTokens.scope,
    })
    .from(adminTokens)
    .where(isNull(adminTokens.revokedAt))
    .orderBy(adminTokens.id);
  return rows.map((r) => ({ ...r, scope: scopeOf(r.scope) }));
}

/** The active token of that name (names are unique among active tokens). */
export async function findActiveTokenByName(db: Queryable, name: string): Promise<{ id: number; role: Role } | undefined> {
  return db
    .select({ id: adminTokens.id, role: adminTokens.role })
    .from(adminTokens)
    .where(and(eq(adminTokens.name, name), isNull(adminTokens.revokedAt)))
    .get();
}

export async function activeOrganizerCount(db: Queryable): Promise<number> {
  const row = await db
    .select({ n: count() })
    .from(adminTokens)
    .where(and(eq(adminTokens.role, "organizer"), isNull(adminTokens.revokedAt)))
    .get();
  return row?.n ?? 0;
}

export async function touchAdminToken(tx: Tx, id: number, at: number): Promise<void> {
  await tx.update(adminTokens).set({ lastUsedAt: at }).where(eq(adminTokens.id, id));
}

export type AuditKind = "write" | "read" | "refusal";

export interface AuditRecord {
  at: number;
  actor: string;
  action: string;
  target?: string;
  details?: Record<string, unknown>;
  /** write (the default), read or refusal */
  kind?: AuditKind;
}

export async function appendAudit(tx: Tx, record: AuditRecord): Promise<void> {
  await tx.insert(auditLog).values({
    at: record.at,
    actor: record.actor,
    action: record.action,
    target: record.target ?? null,
    details: JSON.stringify(record.details ?? {}),
    kind: record.kind ?? "write",
  });
}

/** The newest records first, of the given kinds (all when none), before the id `before` when given. */
export async function recentAudit(
  db: Queryable,
  limit: number,
  options: { kinds?: AuditKind[]; before?: number } = {},
): Promise<(AuditRecord & { id: number; kind: AuditKind })[]> {
  const rows = await db
    .select()
    .from(auditLog)
    .where(
      and(
        options.kinds ? inArray(auditLog.kind, options.kinds) : undefined,
        options.before !== undefined ? lt(auditLog.id, options.before) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    target: r.target ?? undefined,
    details: JSON.parse(r.details),
    kind: r.kind,
  }));
}

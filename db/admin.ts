/** Admin tokens (stored as hashes only) and the append-only audit log. */
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Queryable, Tx } from "./client.ts";
import { adminTokens, auditLog } from "./schema.ts";

export type Role = "organizer" | "auditor";

export async function insertAdminToken(tx: Tx, token: { name: string; role: Role; tokenHash: string; at: number }): Promise<number> {
  const row = await tx
    .insert(adminTokens)
    .values({ name: token.name, role: token.role, tokenHash: token.tokenHash, createdAt: token.at })
    .returning({ id: adminTokens.id })
    .get();
  return row.id;
}

export async function findActiveToken(db: Queryable, tokenHash: string): Promise<{ id: number; name: string; role: Role } | undefined> {
  return db
    .select({ id: adminTokens.id, name: adminTokens.name, role: adminTokens.role })
    .from(adminTokens)
    .where(and(eq(adminTokens.tokenHash, tokenHash), isNull(adminTokens.revokedAt)))
    .get();
}

export async function revokeAdminToken(tx: Tx, name: string, at: number): Promise<number> {
  const rows = await tx
    .update(adminTokens)
    .set({ revokedAt: at })
    .where(and(eq(adminTokens.name, name), isNull(adminTokens.revokedAt)))
    .returning({ id: adminTokens.id });
  return rows.length;
}

export interface AuditRecord {
  at: number;
  actor: string;
  action: string;
  target?: string;
  details?: Record<string, unknown>;
}

export async function appendAudit(tx: Tx, record: AuditRecord): Promise<void> {
  await tx.insert(auditLog).values({
    at: record.at,
    actor: record.actor,
    action: record.action,
    target: record.target ?? null,
    details: JSON.stringify(record.details ?? {}),
  });
}

export async function recentAudit(db: Queryable, limit: number): Promise<(AuditRecord & { id: number })[]> {
  const rows = await db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(limit);
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    target: r.target ?? undefined,
    details: JSON.parse(r.details),
  }));
}

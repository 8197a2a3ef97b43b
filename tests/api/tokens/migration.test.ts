/**
 * Migration 0006 on a database from before it: several active tokens of one name are renamed
 * name-2, name-3… in the order they were created (the oldest keeps the name), revoked ones keep
 * theirs, an existing name of that form is not collided with, and old audit rows get their kind.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { activeTokens, openDatabase, recentAudit } from "../../../db/index.ts";
import { databaseBefore } from "../../helpers/migrations.ts";

const dir = mkdtempSync(join(tmpdir(), "bangdan-0006-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("renames duplicate active token names deterministically and sorts old audit rows", async () => {
  // the migrations up to 0005, as an older release shipped them
  const { url, client } = await databaseBefore(dir, "0006");
  let n = 0;
  const token = (name: string, role: string, revokedAt: number | null = null) =>
    client.execute({
      sql: "INSERT INTO admin_tokens (name, role, token_hash, created_at, revoked_at) VALUES (?, ?, ?, ?, ?)",
      args: [name, role, `hash-${++n}`, 1000 + n, revokedAt],
    });
  await token("alice", "organizer");
  await token("alice", "auditor", 5000); // revoked: keeps its name
  await token("alice", "auditor");
  await token("alice-2", "organizer"); // a real token already named like a renamed one
  await token("alice", "organizer");
  await token("bob", "organizer");
  for (const action of ["read", "denied", "refused", "campaign.create"])
    await client.execute({ sql: "INSERT INTO audit_log (at, actor, action) VALUES (1, 'organizer:alice', ?)", args: [action] });
  client.close();

  const db = await openDatabase(url);
  try {
    const names = (await activeTokens(db.read)).map((t) => [t.name, t.role]);
    expect(names).toEqual([
      ["alice", "organizer"],
      ["alice-2-3", "auditor"],
      ["alice-2", "organizer"],
      ["alice-3", "organizer"],
      ["bob", "organizer"],
    ]);
    const kinds = (await recentAudit(db.read, 10)).map((r) => [r.action, r.kind]);
    expect(kinds).toEqual([
      ["campaign.create", "write"],
      ["refused", "refusal"],
      ["denied", "refusal"],
      ["read", "read"],
    ]);
  } finally {
    await db.close();
  }
});

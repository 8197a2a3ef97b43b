/**
 * A database as an older release left it: the project's migrations before `tag` applied to a new
 * file in `dir`, with an open client for the test to put old rows in (close it before opening the
 * database the current way, which applies the rest).
 */
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createClient, type Client } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";

export async function databaseBefore(dir: string, tag: string): Promise<{ url: string; client: Client }> {
  const old = join(dir, "migrations");
  cpSync("db/migrations", old, { recursive: true });
  const journalPath = join(old, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
  journal.entries = journal.entries.filter((e) => e.tag < tag);
  writeFileSync(journalPath, JSON.stringify(journal));
  const url = `file:${join(dir, "old.db")}`;
  const client = createClient({ url });
  await migrate(drizzle(client), { migrationsFolder: old });
  return { url, client };
}

/**
 * Opens the database: a single-connection client for the writer (so its PRAGMAs hold) and a pooled
 * client for reads. Local files run in WAL mode with synchronous=FULL and a busy timeout on every
 * connection; remote URLs (Turso / libsql server) use one client for both.
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createClient, type Client } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import * as schema from "./schema.ts";

export type Schema = typeof schema;
export type ReadDb = LibSQLDatabase<Schema>;
export type WriteDb = LibSQLDatabase<Schema>;
/** A write transaction handed to writer jobs; only `db/` functions look inside it. */
export type Tx = Parameters<Parameters<WriteDb["transaction"]>[0]>[0];
/** Anything that can run a read: the read pool or an open transaction (which sees its own writes). */
export type Queryable = ReadDb | Tx;

export const BUSY_TIMEOUT_MS = 10_000;

export interface Connections {
  url: string;
  local: boolean;
  read: ReadDb;
  write: WriteDb;
  close(): void;
}

export function isLocalUrl(url: string): boolean {
  return url.startsWith("file:") || url === ":memory:";
}

export async function openConnections(url: string, authToken?: string): Promise<Connections> {
  if (!isLocalUrl(url)) {
    const client = createClient({ url, authToken });
    const db = drizzle(client, { schema });
    return { url, local: false, read: db, write: db, close: () => client.close() };
  }
  const path = url.replace(/^file:/, "").split("?")[0]!;
  if (path !== ":memory:") mkdirSync(dirname(resolve(path)), { recursive: true });
  const writeClient = createClient({ url, concurrency: 1, timeout: BUSY_TIMEOUT_MS });
  await applyPragmas(writeClient, true);
  const readClient = createClient({ url, concurrency: 8, timeout: BUSY_TIMEOUT_MS });
  return {
    url,
    local: true,
    read: drizzle(readClient, { schema }),
    write: drizzle(writeClient, { schema }),
    close: () => {
      readClient.close();
      writeClient.close();
    },
  };
}

async function applyPragmas(client: Client, writer: boolean): Promise<void> {
  await client.execute("PRAGMA journal_mode = WAL");
  if (writer) await client.execute("PRAGMA synchronous = FULL");
  await client.execute("PRAGMA foreign_keys = ON");
}

const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), "migrations");

export async function migrateDatabase(conn: Connections): Promise<void> {
  await migrate(conn.write, { migrationsFolder });
}

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
  /**
   * A new writer connection in place of the old one, which is closed. After a write fails busy the
   * libsql file client leaves the failed statement in progress, and every later COMMIT on that
   * connection fails (tursodatabase/libsql-client-ts#352): the writer reopens it to recover.
   */
  reopenWrite(): Promise<WriteDb>;
  close(): void;
}

export function isLocalUrl(url: string): boolean {
  return url.startsWith("file:") || url === ":memory:";
}

export async function openConnections(url: string, authToken?: string, options: { busyTimeoutMs?: number } = {}): Promise<Connections> {
  const timeout = options.busyTimeoutMs ?? BUSY_TIMEOUT_MS;
  if (!isLocalUrl(url)) {
    const client = createClient({ url, authToken });
    const db = drizzle(client, { schema });
    return { url, local: false, read: db, write: db, reopenWrite: async () => db, close: () => client.close() };
  }
  const path = url.replace(/^file:/, "").split("?")[0]!;
  if (path !== ":memory:") mkdirSync(dirname(resolve(path)), { recursive: true });
  let writeClient = createClient({ url, concurrency: 1, timeout });
  await applyPragmas(writeClient, true);
  const readClient = createClient({ url, concurrency: 8, timeout });
  const conn: Connections = {
    url,
    local: true,
    read: drizzle(readClient, { schema }),
    write: drizzle(writeClient, { schema }),
    async reopenWrite() {
      writeClient.close();
      writeClient = createClient({ url, concurrency: 1, timeout });
      await applyPragmas(writeClient, true);
      conn.write = drizzle(writeClient, { schema });
      return conn.write;
    },
    close: () => {
      readClient.close();
      writeClient.close();
    },
  };
  return conn;
}

async function applyPragmas(client: Client, writer: boolean): Promise<void> {
  await client.execute("PRAGMA journal_mode = WAL");
  if (writer) await client.execute("PRAGMA synchronous = FULL");
  await client.execute("PRAGMA foreign_keys = ON");
}

/** Where the migrations are on disk: found when first needed, so an edge bundle that never reads them can load this module. */
export const migrationsFolder = (): string => resolve(dirname(fileURLToPath(import.meta.url)), "migrations");

export async function migrateDatabase(conn: Connections): Promise<void> {
  await migrate(conn.write, { migrationsFolder: migrationsFolder() });
}

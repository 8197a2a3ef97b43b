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
import { readMigrationFiles } from "drizzle-orm/migrator";
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
  /** applies the migrations this database lacks (see `migrateDatabase`) */
  migrate(): Promise<void>;
  close(): void;
}

export function isLocalUrl(url: string): boolean {
  return url.startsWith("file:") || url === ":memory:";
}

export interface ConnectionOptions {
  busyTimeoutMs?: number;
  /**
   * Opens the writer's connection to a local file in place of @libsql/client's (the vote writer's
   * thread passes db/held-client.ts, which keeps its prepared statements); read connections and
   * remote databases always use the client.
   */
  openWriter?: (path: string, timeoutMs: number) => Client;
}

export async function openConnections(url: string, authToken?: string, options: ConnectionOptions = {}): Promise<Connections> {
  const timeout = options.busyTimeoutMs ?? BUSY_TIMEOUT_MS;
  if (!isLocalUrl(url)) {
    const client = createClient({ url, authToken });
    const db = drizzle(client, { schema });
    return {
      url,
      local: false,
      read: db,
      write: db,
      reopenWrite: async () => db,
      migrate: () => migrate(db, { migrationsFolder: migrationsFolder() }),
      close: () => client.close(),
    };
  }
  const path = url.replace(/^file:/, "").split("?")[0]!;
  if (path !== ":memory:") mkdirSync(dirname(resolve(path)), { recursive: true });
  const openWriter =
    path !== ":memory:" && options.openWriter
      ? () => options.openWriter!(path, timeout)
      : () => createClient({ url, concurrency: 1, timeout });
  let writeClient = openWriter();
  await applyPragmas(writeClient, true);
  const readClient = createClient({ url, concurrency: 8, timeout });
  const conn: Connections = {
    url,
    local: true,
    read: drizzle(readClient, { schema }),
    write: drizzle(writeClient, { schema }),
    async reopenWrite() {
      writeClient.close();
      writeClient = openWriter();
      await applyPragmas(writeClient, true);
      conn.write = drizzle(writeClient, { schema });
      return conn.write;
    },
    migrate: () => migrateFile(writeClient),
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

/**
 * Applies the migrations the database lacks. Several processes may start at once on one file: the
 * migrations are read and applied inside one write transaction (BEGIN IMMEDIATE), so a second
 * process waits for the first (busy timeout) and then finds nothing left to do. drizzle's own
 * migrator reads what was applied before it takes the lock, and a second process would apply the
 * same migration again and fail. Same table and rows as drizzle's, so either reads the other's.
 */
export async function migrateDatabase(conn: Connections): Promise<void> {
  await conn.migrate();
}

const MIGRATIONS_TABLE = "__drizzle_migrations";

async function migrateFile(client: Client): Promise<void> {
  const migrations = readMigrationFiles({ migrationsFolder: migrationsFolder() });
  // as drizzle does: a migration that rebuilds a table must not trip (or cascade) foreign keys;
  // the pragma cannot change inside a transaction, and this client has one connection
  await client.execute("PRAGMA foreign_keys = OFF");
  let failed = false;
  try {
    const tx = await client.transaction("write");
    try {
      await tx.execute(`CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`);
      const last = await tx.execute(`SELECT created_at FROM "${MIGRATIONS_TABLE}" ORDER BY created_at DESC LIMIT 1`);
      const lastAt = last.rows[0] ? Number(last.rows[0][0]) : undefined;
      for (const migration of migrations) {
        if (lastAt !== undefined && lastAt >= migration.folderMillis) continue;
        for (const statement of migration.sql) if (statement.trim()) await tx.execute(statement);
        await tx.execute({
          sql: `INSERT INTO "${MIGRATIONS_TABLE}" ("hash", "created_at") VALUES (?, ?)`,
          args: [migration.hash, migration.folderMillis],
        });
      }
      await tx.commit();
    } finally {
      tx.close();
    }
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    // after a failed BEGIN the client may refuse this too: the migration's own error is the one to see
    const restored = client.execute("PRAGMA foreign_keys = ON");
    await (failed ? restored.catch(() => undefined) : restored);
  }
}

/**
 * The database inside a Durable Object with SQLite storage: the edge's store (decision 034). The
 * same schema, migrations, named data functions and single writer as on Node, over the object's own
 * SQLite file instead of a libsql client.
 *
 * - Queries are drizzle's `durable-sqlite` driver: the storage's SQL runs synchronously, and the
 *   query builders are awaited as on Node.
 * - Transactions: drizzle's driver wraps `transactionSync`, which cannot span an `await`; the
 *   writer's batches await their jobs, so `transaction` here runs in the storage's own
 *   `transaction(async …)`, which rolls back across awaits. A nested one (the writer's savepoint
 *   per run of jobs) is a nested storage transaction: a failing run is undone alone.
 * - The vote batch's plain SQL (db/vote-sql.ts) runs through an `execute` with the libsql
 *   client's shape over the same storage.
 * - Migrations: the files of db/migrations, carried by the bundle (the object has no disk to read),
 *   applied in order by drizzle's durable-sqlite migrator.
 */
import type { InArgs, ResultSet } from "@libsql/client";
import { drizzle } from "drizzle-orm/durable-sqlite";
import { migrate } from "drizzle-orm/durable-sqlite/migrator";
import type { Connections, WriteDb } from "./client.ts";
import type { Database } from "./index.ts";
import * as schema from "./schema.ts";
import { newVoteMemory } from "./vote-memory.ts";
import { Writer } from "./writer.ts";

/** What this module uses of a Durable Object's storage (the runtime's `DurableObjectStorage`). */
export interface DurableStorage {
  sql: {
    exec(query: string, ...bindings: unknown[]): DurableCursor;
  };
  transaction<T>(closure: () => Promise<T>): Promise<T>;
  transactionSync<T>(closure: () => T): T;
}

export interface DurableCursor {
  toArray(): Record<string, unknown>[];
  readonly columnNames: string[];
  readonly rowsWritten: number;
  raw(): IterableIterator<unknown[]>;
  next(): IteratorResult<Record<string, unknown>>;
}

/** One migration as drizzle-kit wrote it: `tag` and `when` from meta/_journal.json, `sql` the file. */
export interface Migration {
  idx: number;
  tag: string;
  when: number;
  breakpoints: boolean;
  sql: string;
}

/** Applies the migrations not yet applied, in one storage transaction. */
export async function migrateDurable(storage: DurableStorage, migrations: Migration[]): Promise<void> {
  const db = drizzle(storage as never, { schema });
  const entries = migrations.map(({ idx, tag, when, breakpoints }) => ({ idx, tag, when, breakpoints, version: "6" }));
  await migrate(db, {
    journal: { entries },
    migrations: Object.fromEntries(migrations.map((m) => [`m${m.idx.toString().padStart(4, "0")}`, m.sql])),
  });
}

/** The most values one statement may bind in a Durable Object's SQLite (its documented limit). */
export const MAX_BOUND = 100;

/** A value as an SQLite literal: numbers as written, text quoted with '' for ', bytes as X'…'. */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "boolean") return value ? "1" : "0";
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} into SQL`);
    if (Object.is(value, -0)) return "-0.0";
    const text = String(value);
    // a whole number past 2^53 is a float when bound: keep it one (SQLite would read an integer)
    return Number.isSafeInteger(value) || /[.e]/.test(text) ? text : `${text}.0`;
  }
  if (typeof value === "string") {
    if (value.includes("\0")) throw new Error("cannot write a NUL character into SQL text");
    return `'${value.replaceAll("'", "''")}'`;
  }
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
    const bytes = value instanceof ArrayBuffer ? new Uint8Array(value) : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    return `X'${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}'`;
  }
  throw new Error(`cannot write a ${typeof value} into SQL`);
}

/**
 * The statement with each `?` outside quotes replaced by its value as a literal: how a statement
 * binding more than `MAX_BOUND` values (a multi-row insert) runs here. Quoted text ('…'), quoted
 * names ("…", `…`, […]) and comments are copied as they are.
 */
export function inlineParams(sql: string, params: readonly unknown[]): string {
  let out = "";
  let next = 0;
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    const close = ch === "'" ? "'" : ch === '"' ? '"' : ch === "`" ? "`" : ch === "[" ? "]" : undefined;
    if (close) {
      let j = i + 1;
      for (;;) {
        const k = sql.indexOf(close, j);
        if (k < 0) throw new Error("unterminated quote in SQL");
        if (close !== "]" && sql[k + 1] === close) {
          j = k + 2; // a doubled quote inside
          continue;
        }
        j = k + 1;
        break;
      }
      out += sql.slice(i, j);
      i = j;
    } else if (ch === "-" && sql[i + 1] === "-") {
      const end = sql.indexOf("\n", i);
      const j = end < 0 ? sql.length : end;
      out += sql.slice(i, j);
      i = j;
    } else if (ch === "/" && sql[i + 1] === "*") {
      const end = sql.indexOf("*/", i + 2);
      const j = end < 0 ? sql.length : end + 2;
      out += sql.slice(i, j);
      i = j;
    } else if (ch === "?") {
      if (/[0-9]/.test(sql[i + 1] ?? "")) throw new Error("numbered parameters (?NNN) are not supported here");
      if (next >= params.length) throw new Error("more parameters in the SQL than values");
      out += sqlLiteral(params[next++]);
      i++;
    } else {
      out += ch;
      i++;
    }
  }
  if (next !== params.length) throw new Error("more values than parameters in the SQL");
  return out;
}

/** Runs a statement, with its values inlined when there are more than the storage binds. */
function exec(storage: DurableStorage, sql: string, params: unknown[]): DurableCursor {
  return params.length > MAX_BOUND ? storage.sql.exec(inlineParams(sql, params)) : storage.sql.exec(sql, ...params);
}

/** The storage as drizzle's driver sees it: every statement through `exec`. */
function boundStorage(storage: DurableStorage): DurableStorage {
  return {
    sql: { exec: (query, ...bindings) => exec(storage, query, bindings) },
    transaction: (closure) => storage.transaction(closure),
    transactionSync: (closure) => storage.transactionSync(closure),
  };
}

/** A statement in the libsql client's shape, over the storage's SQL. */
function execute(storage: DurableStorage, stmt: { sql: string; args?: InArgs }): ResultSet {
  const args = (Array.isArray(stmt.args) ? stmt.args : []).map((a) => (typeof a === "boolean" ? Number(a) : a));
  const cursor = exec(storage, stmt.sql, args);
  const rows = cursor.toArray();
  return {
    rows: rows as unknown as ResultSet["rows"],
    columns: cursor.columnNames,
    columnTypes: [],
    rowsAffected: cursor.rowsWritten,
    lastInsertRowid: undefined,
    toJSON: () => ({ rows }),
  };
}

/** Opens the object's database (migrated by `migrateDurable` first) with its single writer. */
export function openDurableDatabase(storage: DurableStorage): Database {
  const base = drizzle(boundStorage(storage) as never, { schema });
  const raw = { execute: async (stmt: { sql: string; args?: InArgs }) => execute(storage, stmt) };
  // db/vote-sql.ts finds the statement runner under a transaction as its session's `tx`.
  (base as unknown as { session: { tx?: unknown } }).session.tx = raw;
  const db = Object.create(base) as object;
  Object.assign(db, {
    transaction: <T>(work: (tx: unknown) => Promise<T>): Promise<T> => storage.transaction(() => work(db)),
    // libsql's batch runs its statements in one transaction; here they run in one turn, in order.
    batch: async (queries: PromiseLike<unknown>[]) => {
      const out: unknown[] = [];
      for (const q of queries) out.push(await q);
      return out;
    },
  });
  const write = db as unknown as WriteDb;
  const conn: Connections = {
    url: "durable-object:",
    local: false,
    read: write,
    write,
    reopenWrite: async () => write,
    // the object migrates when it starts (migrateDurable, from the bundle's migrations)
    migrate: async () => undefined,
    close: () => {},
  };
  // a statement here may be at most 100 KB: 128 votes of a batch write well under that
  const writer = new Writer(write, { maxBatch: 128 });
  return {
    conn,
    read: write,
    writer,
    memory: newVoteMemory(),
    async close() {
      await writer.close();
    },
  };
}

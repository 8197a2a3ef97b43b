/**
 * The vote batch's statements as plain SQL text handed straight to the libsql transaction under
 * drizzle's: the writer runs them for every batch, and building them with the query builder cost
 * more than SQLite spent running them (profile under vote load: drizzle's `is`, `sql` and
 * `buildQueryFromSourceParams` 12.6% of the writer thread). Drizzle stays the schema and every
 * other query; these name the same tables and columns (db/schema.ts), and the tests of the vote
 * path run through them.
 */
import type { InArgs, ResultSet } from "@libsql/client";
import type { Queryable, Tx } from "./client.ts";

/** What runs a statement inside the writer's transaction (a libsql Transaction, local or remote). */
export interface RawRunner {
  execute(stmt: { sql: string; args: InArgs }): Promise<ResultSet>;
}

/**
 * The libsql transaction behind a drizzle transaction or savepoint: drizzle's libsql session keeps
 * it as `tx` (its savepoints share the session). Checked, so a drizzle upgrade that moves it fails
 * loudly at the first vote instead of writing outside the transaction.
 */
export function rawTx(tx: Tx): RawRunner {
  const inner = sessionTx(tx);
  if (!inner) throw new Error("vote writer: no libsql transaction under the drizzle transaction");
  return inner;
}

const sessionTx = (db: Queryable): RawRunner | undefined => {
  const inner = (db as unknown as { session?: { tx?: RawRunner } }).session?.tx;
  return inner && typeof inner.execute === "function" ? inner : undefined;
};

/**
 * The libsql runner under any drizzle handle: the transaction's (see `rawTx`) or, for the read pool
 * or the writer's connection outside a transaction, the client itself (`$client`).
 */
export function rawClient(db: Queryable): RawRunner {
  const inner = sessionTx(db);
  if (inner) return inner;
  const client = (db as unknown as { $client?: RawRunner }).$client;
  if (!client || typeof client.execute !== "function") throw new Error("no libsql client under the drizzle handle");
  return client;
}

const marks = (n: number, each: string) => Array.from({ length: n }, () => each).join(", ");

export const run = (db: RawRunner, sql: string, args: InArgs = []) => db.execute({ sql, args });

/** Rows as plain objects keyed by column name (what the libsql client gives, typed by the caller). */
export async function rows<T>(db: RawRunner, sql: string, args: InArgs = []): Promise<T[]> {
  return (await db.execute({ sql, args })).rows as unknown as T[];
}

export const inList = (n: number) => `(${marks(n, "?")})`;

/** A multi-row VALUES list of `rows` rows of `columns` placeholders each. */
export const valuesList = (rowCount: number, columns: number) => marks(rowCount, `(${marks(columns, "?")})`);

/**
 * A statement's text by its count of rows or ids, built once per count (up to 1,024) and the same
 * string every batch after: the writer's connection finds its held statement by text
 * (db/held-client.ts), and a string seen before keeps its hash, where one built anew is hashed
 * again, a few KB each statement.
 */
export function textByCount(build: (n: number) => string): (n: number) => string {
  const made: string[] = [];
  return (n) => (n > 1024 ? build(n) : (made[n] ??= build(n)));
}

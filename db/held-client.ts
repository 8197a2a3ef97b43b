/**
 * A libsql `Client` over the native driver for one local file that keeps the statements it
 * prepares for the connection's life: the vote writer's connection (api/ports/vote-worker.ts).
 *
 * @libsql/client prepares every statement anew inside each `execute`, asks each whether it returns
 * rows by calling `raw()` (which throws for those that do not), and keeps its connection in a
 * private field. Under vote load that was about a tenth of the writer thread for statements it
 * runs in every batch. Here a statement is prepared once per SQL text and kept (the most recently
 * used `HELD` of them, none longer than `HELD_MAX_SQL`), and whether it returns rows is asked once.
 *
 * What drizzle and db/vote-sql.ts read keeps the client's shape: rows array-like with their
 * columns' names, integers as numbers (a RangeError past 2^53, as the client's "number" mode),
 * errors as `LibsqlError` with SQLite's base code (SQLITE_BUSY…), `transaction()` as BEGIN
 * IMMEDIATE on this one connection. Only local files: a remote database keeps the client.
 */
import {
  LibsqlError,
  type Client,
  type InArgs,
  type InStatement,
  type ResultSet,
  type Row,
  type Transaction,
  type TransactionMode,
} from "@libsql/client";
import Database from "libsql";

/** Statements kept per connection: a batch's multi-row inserts differ by row count, so a few hundred. */
export const HELD = 512;
/**
 * A statement longer than this is run but not kept: a prepared multi-row insert holds about 1.5 KB
 * a row, and the vote batch writes in pieces of 64 rows (db/votes.ts), 3 KB of text at most.
 */
export const HELD_MAX_SQL = 4096;

type Native = InstanceType<typeof Database>;
type Statement = ReturnType<Native["prepare"]>;
type Prepared = { stmt: Statement; reader: boolean; columns: string[]; row: (values: unknown[]) => Row };

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function fromSql(value: unknown): unknown {
  if (typeof value === "bigint") {
    if (value < MIN_SAFE || value > MAX_SAFE)
      throw new RangeError("Received integer which cannot be safely represented as a JavaScript number");
    return Number(value);
  }
  return value instanceof Buffer ? value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength) : value;
}

function toSql(value: unknown): unknown {
  if (typeof value === "number" && !Number.isFinite(value))
    throw new RangeError("Only finite numbers (not Infinity or NaN) can be passed as arguments");
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (value instanceof Date) return value.valueOf();
  if (value === undefined) throw new TypeError("undefined cannot be passed as argument to the database");
  return value;
}

/**
 * What makes one statement's rows. The client's rows hold `length` and each index as their own
 * non-enumerable properties, one `Object.defineProperty` each (about 4 µs a row of six columns,
 * and the writer reads back every vote twice when it catches up). Here `length` and the indexes
 * live once on a prototype a statement, each index a getter of its column, and a row holds its
 * columns' names alone (about 0.15 µs): the same to every reader — by name, by index, `length`,
 * `Array.prototype.slice.call` (drizzle), `Object.keys`, for-in, JSON, spreading. Names that would
 * clash with that (one name twice, `length`, an index, `__proto__`) keep the client's construction.
 */
function rowMaker(columns: string[]): (values: unknown[]) => Row {
  const clash =
    new Set(columns).size !== columns.length || columns.some((c) => c === "length" || c === "__proto__" || /^(0|[1-9]\d*)$/.test(c));
  if (clash) return (values) => toRow(values, columns);
  const proto = Object.create(Object.prototype) as object;
  Object.defineProperty(proto, "length", { value: columns.length });
  columns.forEach((name, i) =>
    Object.defineProperty(proto, i, {
      get(this: Record<string, unknown>) {
        return this[name];
      },
    }),
  );
  return (values) => {
    const row = Object.create(proto) as Record<string, unknown>;
    for (let i = 0; i < columns.length; i++) row[columns[i]!] = fromSql(values[i]);
    return row as unknown as Row;
  };
}

/** A row as the client makes it: indexes and `length` hidden, each column's name enumerable. */
function toRow(values: unknown[], columns: string[]): Row {
  const row = {} as Row;
  Object.defineProperty(row, "length", { value: values.length });
  for (let i = 0; i < values.length; i++) {
    const value = fromSql(values[i]);
    Object.defineProperty(row, i, { value });
    const column = columns[i]!;
    if (!Object.hasOwn(row, column)) Object.defineProperty(row, column, { value, enumerable: true, configurable: true, writable: true });
  }
  return row;
}

function resultSet(columns: string[], rows: Row[], rowsAffected: number, lastInsertRowid: bigint | undefined): ResultSet {
  return { columns, columnTypes: columns.map(() => ""), rows, rowsAffected, lastInsertRowid, toJSON: () => ({ columns, rows }) };
}

/** SQLite's error as the client reports it: `code` the base code (SQLITE_BUSY for SQLITE_BUSY_SNAPSHOT). */
function mapError(error: unknown): unknown {
  const e = error as { code?: unknown; rawCode?: number; message?: string };
  if (!(error instanceof Error) || typeof e.code !== "string" || !e.code.startsWith("SQLITE_")) return error;
  const base = e.code.split("_").slice(0, 2).join("_");
  return new LibsqlError(error.message, base, e.code, e.rawCode, error);
}

const BEGIN: Record<TransactionMode, string> = { write: "BEGIN IMMEDIATE", read: "BEGIN DEFERRED", deferred: "BEGIN DEFERRED" };

/** One connection to the file at `path`, with a busy timeout of `timeoutMs`. */
export function heldStatementsClient(path: string, timeoutMs: number): Client {
  return new HeldStatementsClient(path, timeoutMs) as unknown as Client;
}

class HeldStatementsClient {
  #db: Native | undefined;
  readonly #held = new Map<string, Prepared>();
  readonly protocol = "file";

  constructor(path: string, timeoutMs: number) {
    this.#db = new Database(path, { timeout: timeoutMs });
  }

  get closed(): boolean {
    return this.#db === undefined;
  }

  #native(): Native {
    if (!this.#db) throw new LibsqlError("The client is closed", "CLIENT_CLOSED");
    return this.#db;
  }

  #prepared(sql: string): Prepared {
    const kept = this.#held.get(sql);
    if (kept) {
      // most recently used last, so the oldest goes first when the map is full
      this.#held.delete(sql);
      this.#held.set(sql, kept);
      return kept;
    }
    const stmt = this.#native().prepare(sql);
    stmt.safeIntegers(true);
    const reader = stmt.reader;
    if (reader) stmt.raw(true);
    const columns = reader ? stmt.columns().map((c) => c.name) : [];
    const prepared = { stmt, reader, columns, row: rowMaker(columns) };
    if (sql.length > HELD_MAX_SQL) return prepared;
    if (this.#held.size >= HELD) this.#held.delete(this.#held.keys().next().value!);
    this.#held.set(sql, prepared);
    return prepared;
  }

  run(stmt: InStatement | string, args?: InArgs): ResultSet {
    const sql = typeof stmt === "string" ? stmt : stmt.sql;
    const given = typeof stmt === "string" ? args : stmt.args;
    try {
      const bound = Array.isArray(given)
        ? given.map(toSql)
        : Object.fromEntries(Object.entries(given ?? {}).map(([k, v]) => [/^[@$:]/.test(k) ? k.slice(1) : k, toSql(v)]));
      const { stmt: prepared, reader, columns, row } = this.#prepared(sql);
      if (reader) {
        const rows = (prepared.all(bound) as unknown[][]).map(row);
        return resultSet(columns, rows, 0, undefined);
      }
      const info = prepared.run(bound);
      return resultSet([], [], info.changes, BigInt(info.lastInsertRowid));
    } catch (error) {
      // a statement that failed part way is not used again
      this.#held.delete(sql);
      throw mapError(error);
    }
  }

  async execute(stmt: InStatement | string, args?: InArgs): Promise<ResultSet> {
    return this.run(stmt, args);
  }

  async batch(stmts: (InStatement | [string, InArgs?])[], mode: TransactionMode = "deferred"): Promise<ResultSet[]> {
    const tx = await this.transaction(mode);
    try {
      const results = stmts.map((s) => (Array.isArray(s) ? this.run(s[0], s[1]) : this.run(s)));
      await tx.commit();
      return results;
    } finally {
      tx.close();
    }
  }

  async migrate(stmts: InStatement[]): Promise<ResultSet[]> {
    this.run("PRAGMA foreign_keys = OFF");
    try {
      return await this.batch(stmts, "deferred");
    } finally {
      this.run("PRAGMA foreign_keys = ON");
    }
  }

  /**
   * Runs a statement through sqlite3_exec, which finalizes it whatever happens. For the
   * transaction's own statements: a BEGIN IMMEDIATE that failed busy stays "in progress" while its
   * prepared statement lives, and every later COMMIT on the connection fails
   * (tursodatabase/libsql-client-ts#352); run this way it leaves nothing behind.
   */
  control(sql: string): void {
    try {
      this.#native().exec(sql);
    } catch (error) {
      throw mapError(error);
    }
  }

  async transaction(mode: TransactionMode = "write"): Promise<Transaction> {
    this.control(BEGIN[mode]);
    return new HeldTransaction(this, () => this.#native().inTransaction) as unknown as Transaction;
  }

  async executeMultiple(sql: string): Promise<void> {
    this.control(sql);
  }

  async sync(): Promise<undefined> {
    return undefined;
  }

  async reconnect(): Promise<void> {}

  close(): void {
    // the kept statements go first: the connection closes once nothing refers to it
    this.#held.clear();
    this.#db?.close();
    this.#db = undefined;
  }
}

/** An open transaction on the client's one connection (every statement of the client joins it). */
class HeldTransaction {
  #done = false;
  constructor(
    private readonly client: HeldStatementsClient,
    private readonly open: () => boolean,
  ) {}

  get closed(): boolean {
    return this.#done || !this.open();
  }

  async execute(stmt: InStatement | string, args?: InArgs): Promise<ResultSet> {
    if (this.closed) throw new LibsqlError("The transaction is closed", "TRANSACTION_CLOSED");
    return this.client.run(stmt, args);
  }

  async batch(stmts: InStatement[]): Promise<ResultSet[]> {
    const results: ResultSet[] = [];
    for (const s of stmts) results.push(await this.execute(s));
    return results;
  }

  async executeMultiple(sql: string): Promise<void> {
    if (this.closed) throw new LibsqlError("The transaction is closed", "TRANSACTION_CLOSED");
    await this.client.executeMultiple(sql);
  }

  async commit(): Promise<void> {
    if (this.closed) throw new LibsqlError("Cannot commit the transaction because it is already closed", "TRANSACTION_CLOSED");
    this.client.control("COMMIT");
    this.#done = true;
  }

  async rollback(): Promise<void> {
    if (this.#done) return;
    this.#done = true;
    if (this.open()) this.client.control("ROLLBACK");
  }

  close(): void {
    if (this.#done) return;
    this.#done = true;
    if (this.open()) this.client.control("ROLLBACK");
  }
}

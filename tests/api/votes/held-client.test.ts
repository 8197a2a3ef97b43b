/**
 * The vote writer's connection (db/held-client.ts) on a real file: the same answers as
 * @libsql/client for what drizzle and the vote batch read, each SQL text prepared once and kept
 * (the most recently used `HELD`, none longer than `HELD_MAX_SQL`), SQLite's errors as the client reports them, transactions on
 * its one connection, and the whole database through drizzle and the writer.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, LibsqlError, type Client } from "@libsql/client";
import Native from "libsql";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { heldStatementsClient, HELD, HELD_MAX_SQL } from "../../../db/held-client.ts";
import { findActiveToken, insertAdminToken, openDatabase } from "../../../db/index.ts";

const dir = mkdtempSync(join(tmpdir(), "bangdan-held-"));
const path = join(dir, "held.db");
let held: Client;
let plain: Client;

beforeAll(async () => {
  plain = createClient({ url: `file:${path}` });
  await plain.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, n INTEGER, b BLOB)");
  held = heldStatementsClient(path, 200);
});
afterEach(() => vi.restoreAllMocks());
afterAll(() => {
  held.close();
  plain.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What a row shows: its own enumerable keys, its values by index, its length. */
/** Every name a for-in loop visits, the prototype's included. */
function enumerated(row: object): string[] {
  const names: string[] = [];
  for (const name in row) names.push(name);
  return names;
}
const shape = (row: object) => ({
  keys: Object.keys(row),
  indexed: Array.from(row as ArrayLike<unknown>),
  sliced: Array.prototype.slice.call(row),
  length: (row as ArrayLike<unknown>).length,
  json: JSON.stringify(row),
  spread: { ...row },
  forIn: enumerated(row),
});

describe("the writer's connection that keeps its statements", () => {
  it("answers as @libsql/client does: rows by name and index, integers as numbers, changes and rowids", async () => {
    const inserted = await held.execute({
      sql: "INSERT INTO t (name, n, b) VALUES (?, ?, ?), (?, ?, ?)",
      args: ["a", 1, true, "b", 2n, null],
    });
    expect(inserted.rowsAffected).toBe(2);
    expect(inserted.lastInsertRowid).toBe(2n);
    const sql = "SELECT id, name AS label, n, b, n * 2 AS twice FROM t ORDER BY id";
    const [mine, theirs] = [await held.execute(sql), await plain.execute(sql)];
    expect(mine.columns).toEqual(theirs.columns);
    expect(mine.rows.map(shape)).toEqual(theirs.rows.map(shape));
    expect(mine.rows[0]).toMatchObject({ id: 1, label: "a", n: 1, b: 1, twice: 2 });
    // names that would clash with the indexes or `length`, or come twice, read as the client reads them
    const odd = 'SELECT id, name AS id, n AS length, n AS "0", b AS __proto__ FROM t ORDER BY id';
    const [oddMine, oddTheirs] = [await held.execute(odd), await plain.execute(odd)];
    expect(oddMine.rows.map(shape)).toEqual(oddTheirs.rows.map(shape));
    expect(oddMine.rows.map((r) => [r[0], r[1], r[2], r.id, r.length])).toEqual(
      oddTheirs.rows.map((r) => [r[0], r[1], r[2], r.id, r.length]),
    );
    // named arguments, as the client takes them
    const named = await held.execute({ sql: "SELECT name FROM t WHERE n = :n", args: { ":n": 2 } });
    expect(named.rows.map((r) => r.name)).toEqual(["b"]);
  });

  it("prepares each SQL text once, keeps the most recently used, and prepares again after a failure", async () => {
    const prepare = vi.spyOn(Native.prototype, "prepare");
    const sql = "SELECT count(*) AS n FROM t WHERE n > ?";
    for (let i = 0; i < 5; i++) await held.execute({ sql, args: [i] });
    expect(prepare.mock.calls.filter(([s]) => s === sql)).toHaveLength(1);

    // a statement that fails is dropped, and the next use prepares it afresh
    const insert = "INSERT INTO t (name) VALUES (?)";
    await held.execute({ sql: insert, args: ["c"] });
    await expect(held.execute({ sql: insert, args: ["c"] })).rejects.toMatchObject({ code: "SQLITE_CONSTRAINT" });
    await held.execute({ sql: insert, args: ["d"] });
    expect(prepare.mock.calls.filter(([s]) => s === insert)).toHaveLength(2);

    // HELD others later, the first is gone; the one used meanwhile stays
    for (let i = 0; i < HELD; i++) {
      await held.execute(`SELECT ${i} AS k`);
      if (i === HELD / 2) await held.execute({ sql: insert.replace("name", "name, n"), args: ["e", 0] }).catch(() => undefined);
      if (i % 64 === 0) await held.execute({ sql, args: [0] });
    }
    await held.execute({ sql, args: [0] });
    expect(prepare.mock.calls.filter(([s]) => s === sql)).toHaveLength(1);
    await held.execute(`SELECT 0 AS k`);
    expect(prepare.mock.calls.filter(([s]) => s === "SELECT 0 AS k")).toHaveLength(2);

    // a statement longer than HELD_MAX_SQL runs but is not kept
    const long = `SELECT 1 AS one /* ${"x".repeat(HELD_MAX_SQL)} */`;
    for (let i = 0; i < 2; i++) expect((await held.execute(long)).rows[0]!.one).toBe(1);
    expect(prepare.mock.calls.filter(([s]) => s === long)).toHaveLength(2);
  });

  it("reports SQLite's errors as the client does, and refuses integers past 2^53", async () => {
    const error = await held.execute("SELECT * FROM nowhere").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LibsqlError);
    expect(error).toMatchObject({ code: "SQLITE_ERROR" });
    await expect(held.execute("SELECT 9007199254740993 AS big")).rejects.toThrow(RangeError);
    await expect(held.execute({ sql: "SELECT ?", args: [Number.NaN] })).rejects.toThrow(RangeError);
  });

  it("runs a transaction on its one connection: committed, rolled back, and busy while another holds the lock", async () => {
    const tx = await held.transaction("write");
    await tx.execute({ sql: "INSERT INTO t (name) VALUES (?)", args: ["in-tx"] });
    await tx.commit();
    expect(tx.closed).toBe(true);
    const undone = await held.transaction("write");
    await undone.execute({ sql: "INSERT INTO t (name) VALUES (?)", args: ["undone"] });
    await undone.rollback();
    const names = (await plain.execute("SELECT name FROM t")).rows.map((r) => r.name);
    expect(names).toContain("in-tx");
    expect(names).not.toContain("undone");

    // another connection holds the write lock past the busy timeout (200 ms): SQLITE_BUSY, and the
    // failed BEGIN leaves nothing in progress, so the same connection commits afterwards
    const other = await plain.transaction("write");
    await expect(held.transaction("write")).rejects.toMatchObject({ code: "SQLITE_BUSY" });
    await other.rollback();
    const after = await held.transaction("write");
    await after.execute({ sql: "INSERT INTO t (name) VALUES (?)", args: ["after-busy"] });
    await after.commit();
    expect((await plain.execute("SELECT count(*) AS n FROM t WHERE name = 'after-busy'")).rows[0]!.n).toBe(1);
  });

  it("carries the whole database through drizzle and the writer: migrations, jobs in savepoints, a failed job undone alone", async () => {
    const db = await openDatabase(`file:${join(dir, "whole.db")}`, undefined, { openWriter: heldStatementsClient });
    try {
      const id = await db.writer.run((tx) => insertAdminToken(tx, { name: "held", role: "organizer", tokenHash: "h1", at: Date.now() }));
      // the same name again breaks a unique index: that job fails, the one beside it in the batch commits
      const [again, other] = await Promise.allSettled([
        db.writer.run((tx) => insertAdminToken(tx, { name: "held", role: "organizer", tokenHash: "h2", at: Date.now() })),
        db.writer.run((tx) => insertAdminToken(tx, { name: "beside", role: "auditor", tokenHash: "h3", at: Date.now() })),
      ]);
      expect(again.status).toBe("rejected");
      expect(other.status).toBe("fulfilled");
      expect(await findActiveToken(db.read, "h1")).toMatchObject({ id, name: "held", role: "organizer" });
      expect(await findActiveToken(db.read, "h2")).toBeUndefined();
      expect(await findActiveToken(db.read, "h3")).toMatchObject({ name: "beside", role: "auditor" });
      expect(db.writer.health.up).toBe(true);
    } finally {
      await db.close();
    }
  });
});

/**
 * Migrations 0008 and 0009 on a database from before them: the idempotency table becomes one row a
 * vote (0008), appended in the order the answers were given (0009), and every answer kept before
 * replays exactly as it did. A cookie-less first vote kept its answer twice then: under its voter
 * and under the name `no-cookie`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { afterAll, expect, it } from "vitest";
import { countIdempotencyUpTo, deleteIdempotencyUpTo, findIdempotent, openDatabase } from "../../../db/index.ts";
import { idempotency } from "../../../db/schema.ts";
import { databaseBefore } from "../../helpers/migrations.ts";

const dir = mkdtempSync(join(tmpdir(), "bangdan-0008-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("keeps every earlier answer replaying for the same requests as before", async () => {
  const { url, client } = await databaseBefore(dir, "0008");
  // given in the last hours: keys are found for two days (db/answers.ts)
  const t = Date.now() - 3 * 3_600_000;
  for (const [voter, key, body, at] of [
    ["voter-b", "key-2", '{"vote":"b"}', t + 2000], // a first vote without a cookie: kept twice
    ["no-cookie", "key-2", '{"vote":"b"}', t + 2000],
    ["voter-a", "key-1", '{"vote":"a"}', t + 1000], // a vote that came with its cookie (stored after, given before)
  ] as const)
    await client.execute({
      sql: "INSERT INTO idempotency (voter_hash, key_hash, status, body, created_at) VALUES (?, ?, 201, ?, ?)",
      args: [voter, key, body, at],
    });
  client.close();

  const db = await openDatabase(url);
  try {
    const answer = (voterHash: string, key: string, cookieless = false) =>
      findIdempotent(db.read, db.memory.answers, { voterHash, cookieless }, key, Date.now());
    // a voter's own answers, whether it first came with a cookie or without
    expect(await answer("voter-a", "key-1")).toEqual({ status: 201, body: '{"vote":"a"}' });
    expect(await answer("voter-b", "key-2")).toEqual({ status: 201, body: '{"vote":"b"}' });
    // a retry without a cookie (a new voter id each time) gets the cookie-less answer of its key
    expect(await answer("voter-new", "key-2", true)).toEqual({ status: 201, body: '{"vote":"b"}' });
    // but never an answer given to a request that came with a cookie, nor another voter's
    expect(await answer("voter-new", "key-1", true)).toBeUndefined();
    expect(await answer("voter-c", "key-2")).toBeUndefined();
    expect(await answer("voter-c", "key-1")).toBeUndefined();

    // appended oldest first (0009): seq follows the time each answer was given
    const order = await db.read.select({ voter: idempotency.voterHash }).from(idempotency).orderBy(idempotency.seq);
    expect(order.map((r) => r.voter)).toEqual(["voter-a", "no-cookie", "voter-b"]);

    // retention deletes the oldest first, in pieces
    expect(await countIdempotencyUpTo(db.read, t + 2000)).toBe(3);
    expect(await db.writer.run((tx) => deleteIdempotencyUpTo(tx, t + 1000, 10))).toBe(1);
    expect(await answer("voter-a", "key-1")).toBeUndefined();
    expect(await db.writer.run((tx) => deleteIdempotencyUpTo(tx, t + 2000, 1))).toBe(1);
    expect(await countIdempotencyUpTo(db.read, t + 2000)).toBe(1);
  } finally {
    await db.close();
  }
  const after = createClient({ url });
  const index = await after.execute("SELECT name FROM sqlite_master WHERE tbl_name = 'idempotency' AND type = 'index'");
  after.close();
  expect(index.rows.map((r) => r.name)).toEqual(["idempotency_created"]);
});

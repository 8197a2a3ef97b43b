/**
 * Migration 0008 on a database from before it: the idempotency table becomes one row a vote,
 * without a rowid, and every answer kept before it replays exactly as it did. A cookie-less first
 * vote kept its answer twice then: under its voter and under the name `no-cookie`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { afterAll, expect, it } from "vitest";
import { countIdempotencyUpTo, deleteIdempotencyUpTo, findIdempotent, openDatabase } from "../../../db/index.ts";
import { databaseBefore } from "../../helpers/migrations.ts";

const dir = mkdtempSync(join(tmpdir(), "bangdan-0008-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("keeps every earlier answer replaying for the same requests as before", async () => {
  const { url, client } = await databaseBefore(dir, "0008");
  for (const [voter, key, body, at] of [
    ["voter-a", "key-1", '{"vote":"a"}', 1000], // a vote that came with its cookie
    ["voter-b", "key-2", '{"vote":"b"}', 2000], // a first vote without a cookie: kept twice
    ["no-cookie", "key-2", '{"vote":"b"}', 2000],
  ] as const)
    await client.execute({
      sql: "INSERT INTO idempotency (voter_hash, key_hash, status, body, created_at) VALUES (?, ?, 201, ?, ?)",
      args: [voter, key, body, at],
    });
  client.close();

  const db = await openDatabase(url);
  try {
    const answer = (voterHash: string, key: string, cookieless = false) => findIdempotent(db.read, { voterHash, cookieless }, key);
    // a voter's own answers, whether it first came with a cookie or without
    expect(await answer("voter-a", "key-1")).toEqual({ status: 201, body: '{"vote":"a"}' });
    expect(await answer("voter-b", "key-2")).toEqual({ status: 201, body: '{"vote":"b"}' });
    // a retry without a cookie (a new voter id each time) gets the cookie-less answer of its key
    expect(await answer("voter-new", "key-2", true)).toEqual({ status: 201, body: '{"vote":"b"}' });
    // but never an answer given to a request that came with a cookie, nor another voter's
    expect(await answer("voter-new", "key-1", true)).toBeUndefined();
    expect(await answer("voter-c", "key-2")).toBeUndefined();
    expect(await answer("voter-c", "key-1")).toBeUndefined();

    // retention deletes by the primary key now that there is no rowid: the oldest first, in pieces
    expect(await countIdempotencyUpTo(db.read, 2000)).toBe(3);
    expect(await db.writer.run((tx) => deleteIdempotencyUpTo(tx, 1000, 10))).toBe(1);
    expect(await answer("voter-a", "key-1")).toBeUndefined();
    expect(await db.writer.run((tx) => deleteIdempotencyUpTo(tx, 2000, 1))).toBe(1);
    expect(await countIdempotencyUpTo(db.read, 2000)).toBe(1);
  } finally {
    await db.close();
  }
  const after = createClient({ url });
  const table = await after.execute("SELECT sql FROM sqlite_master WHERE name = 'idempotency'");
  after.close();
  expect(String(table.rows[0]!.sql)).toMatch(/WITHOUT ROWID/);
});

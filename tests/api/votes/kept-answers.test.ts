/**
 * The memory through which an idempotency key's answer is found (db/answers.ts, decision 042), on a
 * real database file: what it learns, from whom, for how long, and that a clash of key prefixes
 * never hands out another key's answer.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findIdempotent, KeptAnswers, openDatabase, type Database } from "../../../db/index.ts";
import { idempotency } from "../../../db/schema.ts";

const DAY = 86_400_000;
const dir = mkdtempSync(join(tmpdir(), "bangdan-kept-"));
const url = `file:${join(dir, "kept.db")}`;
let db: Database;
// a moment well inside a day, so "a day later" never crosses two day boundaries by accident
const t0 = Math.floor(Date.now() / DAY) * DAY + DAY / 2;

beforeAll(async () => {
  db = await openDatabase(url);
});
afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** An answer as the writer appends it. */
const give = (keyHash: string, voterHash: string, at: number, body = `{"for":"${keyHash}/${voterHash}"}`, cookieless = false) =>
  db.writer.run((tx) => tx.insert(idempotency).values({ keyHash, voterHash, cookieless, status: 201, body, createdAt: at }));

const find = (kept: KeptAnswers, keyHash: string, voterHash: string, now: number, cookieless = false) =>
  findIdempotent(db.read, kept, { voterHash, cookieless }, keyHash, now);

describe("kept answers", () => {
  it("learns what another connection appended, at its next catch-up", async () => {
    const kept = new KeptAnswers();
    expect(await find(kept, "a".repeat(64), "v1", t0)).toBeUndefined();
    // another process sharing the file: its own connection, its own writer
    const other = await openDatabase(url, undefined, { migrate: false });
    try {
      await other.writer.run((tx) =>
        tx.insert(idempotency).values({ keyHash: "a".repeat(64), voterHash: "v1", status: 201, body: '{"other":1}', createdAt: t0 }),
      );
    } finally {
      await other.close();
    }
    expect(await find(kept, "a".repeat(64), "v1", t0)).toEqual({ status: 201, body: '{"other":1}' });
    // learnt once however often it catches up
    await find(kept, "a".repeat(64), "v1", t0);
    expect(kept.size).toBe(1);
  });

  it("never hands out another key's answer when two keys share the remembered prefix", async () => {
    const kept = new KeptAnswers();
    const k1 = "b".repeat(12) + "1".repeat(52);
    const k2 = "b".repeat(12) + "2".repeat(52);
    await give(k1, "v1", t0, '{"k":1}');
    await give(k2, "v1", t0, '{"k":2}');
    expect(await find(kept, k1, "v1", t0)).toEqual({ status: 201, body: '{"k":1}' });
    expect(await find(kept, k2, "v1", t0)).toEqual({ status: 201, body: '{"k":2}' });
    expect(await find(kept, "b".repeat(12) + "3".repeat(52), "v1", t0)).toBeUndefined();
    // and the replay rule still holds: another voter with a cookie gets nothing
    expect(await find(kept, k1, "v2", t0)).toBeUndefined();
  });

  it("finds a key for at least two days, then forgets it", async () => {
    const kept = new KeptAnswers();
    const key = "c".repeat(64);
    await give(key, "v1", t0, '{"c":1}');
    expect(await find(kept, key, "v1", t0 + 2 * DAY - 1)).toEqual({ status: 201, body: '{"c":1}' });
    expect(await find(kept, key, "v1", t0 + 3 * DAY)).toBeUndefined();
  });

  it("rebuilds from the table's remembered days when the database is opened again", async () => {
    const key = "d".repeat(64);
    await give("e".repeat(64), "v1", t0 - 5 * DAY, '{"old":1}');
    await give(key, "v1", t0 - DAY, '{"d":1}');
    const again = await openDatabase(url, undefined, { migrate: false });
    try {
      const kept = again.answers;
      expect(await findIdempotent(again.read, kept, { voterHash: "v1" }, key, t0)).toEqual({ status: 201, body: '{"d":1}' });
      // five days old: not remembered, whatever the table still holds before retention runs
      expect(await findIdempotent(again.read, kept, { voterHash: "v1" }, "e".repeat(64), t0)).toBeUndefined();
      // the rows of the remembered days only (a, b1, b2, c and d), not the five-day-old one
      expect(kept.size).toBe(5);
    } finally {
      await again.close();
    }
  });
});

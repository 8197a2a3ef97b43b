/**
 * What the vote path keeps of the ledger in memory (decision 042), on a real database file: the
 * keys answered (db/answers.ts) and the current days' votes (db/voter-days.ts). What each learns,
 * from whom, for how long, and that a clash of key prefixes never hands out another key's answer.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, type Client } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  findIdempotent,
  KeptAnswers,
  openDatabase,
  VoterDays,
  voterDayUsage,
  writeVoteBatch,
  type Database,
  type NewVote,
} from "../../../db/index.ts";
import { ANSWER_MEMORY_MS } from "../../../db/answers.ts";
import { idempotency } from "../../../db/schema.ts";
import { RETENTION } from "../../../api/domain/retention.ts";

const DAY = 86_400_000;
const dir = mkdtempSync(join(tmpdir(), "bangdan-kept-"));
const url = `file:${join(dir, "kept.db")}`;
let db: Database;
/** a connection of its own, as the writer's catch-up reads inside its transaction */
let reader: Client;
// a moment well inside a day, so "a day later" never crosses two day boundaries by accident
const t0 = Math.floor(Date.now() / DAY) * DAY + DAY / 2;

beforeAll(async () => {
  db = await openDatabase(url);
  reader = createClient({ url });
});
afterAll(async () => {
  reader.close();
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

  it("remembers keys as long as retention keeps their answers", () => {
    expect(ANSWER_MEMORY_MS).toBe(RETENTION.idempotencyMs);
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
      const kept = again.memory.answers;
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

let seq = 0;
/** Votes as the writer appends them (their chain is not what is tested here). */
const cast = (db: Database, votes: { listId: number; voter: string; entryId: number; day: string; at: number }[]) =>
  db.writer.run((tx) =>
    writeVoteBatch(
      tx,
      votes.map((v): NewVote => ({
        seq: ++seq,
        id: `vote-${seq}`,
        campaignId: 1,
        listId: v.listId,
        entryId: v.entryId,
        voterHash: v.voter,
        ipHash: "ip",
        ipPrefixHash: "prefix",
        day: v.day,
        receivedAt: v.at,
        prevHash: "prev",
        hash: `hash-${seq}`,
        deviceHash: "",
      })),
      [],
    ),
  );

const asMap = (pairs: [number, number][]) => new Map(pairs);

describe("voter days", () => {
  it("learns every vote appended to the ledger, by any connection, per list, voter and day", async () => {
    const days = new VoterDays();
    await cast(db, [
      { listId: 1, voter: "v1", entryId: 10, day: "2026-12-01", at: t0 },
      { listId: 1, voter: "v1", entryId: 11, day: "2026-12-01", at: t0 + 1 },
      { listId: 2, voter: "v1", entryId: 20, day: "2026-12-01", at: t0 + 2 },
    ]);
    await days.catchUp(reader, t0 + 3);
    expect(days.usage(1, "v1", "2026-12-01")).toEqual(
      asMap([
        [10, 1],
        [11, 1],
      ]),
    );
    expect(days.usage(2, "v1", "2026-12-01")).toEqual(asMap([[20, 1]]));
    expect(days.usage(1, "v1", "2026-12-02")).toEqual(new Map());
    expect(days.usage(1, "v2", "2026-12-01")).toEqual(new Map());

    const other = await openDatabase(url, undefined, { migrate: false });
    try {
      await cast(other, [{ listId: 1, voter: "v1", entryId: 10, day: "2026-12-01", at: t0 + 4 }]);
    } finally {
      await other.close();
    }
    await days.catchUp(reader, t0 + 5);
    expect(days.usage(1, "v1", "2026-12-01")).toEqual(
      asMap([
        [10, 2],
        [11, 1],
      ]),
    );
    // learnt once however often it catches up
    await days.catchUp(reader, t0 + 5);
    expect(days.size).toBe(2);
  });

  it("forgets a list's day once its last vote is older than any day lasts", async () => {
    const days = new VoterDays();
    await days.catchUp(reader, t0 + 5);
    expect(days.usage(1, "v1", "2026-12-01").size).toBe(2);
    await days.catchUp(reader, t0 + 26 * 3_600_000);
    expect(days.usage(1, "v1", "2026-12-01").size).toBe(2);
    await days.catchUp(reader, t0 + 27 * 3_600_000);
    expect(days.usage(1, "v1", "2026-12-01")).toEqual(new Map());
    expect(days.size).toBe(0);
  });

  it("rebuilds from the votes of the last 26 hours when the database is opened again", async () => {
    await cast(db, [{ listId: 3, voter: "v9", entryId: 30, day: "2026-12-03", at: t0 + 30 * 3_600_000 }]);
    const again = await openDatabase(url, undefined, { migrate: false });
    try {
      const query = (listId: number, voterHash: string, day: string) => ({ listId, voterHash, day, now: t0 + 31 * 3_600_000 });
      // the earlier votes (30 hours before) are not read; the recent one is
      expect(await voterDayUsage(again.read, again.memory, query(3, "v9", "2026-12-03"))).toEqual(asMap([[30, 1]]));
      expect(await voterDayUsage(again.read, again.memory, query(1, "v1", "2026-12-01"))).toEqual(new Map());
      expect(again.memory.voterDays.size).toBe(1);
    } finally {
      await again.close();
    }
  });

  it("catches up a long way behind by pages, skipping to the last 26 hours", async () => {
    const days = new VoterDays();
    const at = t0 + 100 * 3_600_000;
    await days.catchUp(reader, at);
    const before = days.size;
    // a process left idle while others took 12,000 votes two days ago, then three now
    const old = Array.from({ length: 12_000 }, (_, i) => ({
      listId: 5,
      voter: `old-${i}`,
      entryId: 50,
      day: "2026-12-04",
      at: at - 48 * 3_600_000,
    }));
    for (let i = 0; i < old.length; i += 1000) await cast(db, old.slice(i, i + 1000));
    await cast(db, [
      { listId: 5, voter: "new-1", entryId: 51, day: "2026-12-06", at },
      { listId: 5, voter: "new-2", entryId: 51, day: "2026-12-06", at },
      { listId: 5, voter: "new-1", entryId: 52, day: "2026-12-06", at },
    ]);
    await days.catchUp(reader, at + 1);
    expect(days.usage(5, "new-1", "2026-12-06")).toEqual(
      asMap([
        [51, 1],
        [52, 1],
      ]),
    );
    expect(days.usage(5, "old-1", "2026-12-04")).toEqual(new Map());
    expect(days.size - before).toBe(2);
  });

  it("leaves no index led by the voter on the votes table", async () => {
    const indexes = await reader.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'votes'");
    expect(indexes.rows.map((r) => r.name).sort()).toEqual(["votes_entry", "votes_id_unique"]);
  });
});

import { describe, expect, it } from "vitest";
import { chainHash, GENESIS_HASH, newVoteId, verifyChain, voidChainHash, type LedgerVote } from "../../api/domain/ledger.ts";

function chain(n: number) {
  const rows: (LedgerVote & { prevHash: string; hash: string })[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const v: LedgerVote = {
      seq,
      id: `v${seq}`,
      campaignId: 1,
      listId: 1,
      entryId: (seq % 3) + 1,
      voterHash: `h${seq}`,
      ipHash: "ip",
      day: "2024-10-08",
      receivedAt: 1_000 + seq,
    };
    const hash = chainHash(prev, v);
    rows.push({ ...v, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

describe("vote ledger hash chain", () => {
  it("hashes a void as every export of voids was chained, its Chinese reason and actor as UTF-8", () => {
    const v = {
      seq: 3,
      voteSeq: 17,
      voteHash: "e".repeat(64),
      reason: "同一设备批量投票，经复核作废",
      actor: "organizer:主办方甲",
      at: 1_728_370_000_456,
    };
    expect(voidChainHash("d".repeat(64), v)).toBe("7f8340112f89085ed783d8454f18c1c31ef4135e5381c93f0fae0a55d8d5606d");
  });

  it("hashes the previous hash, a newline and the canonical fields, as every export since the first was chained", () => {
    const v: LedgerVote = {
      seq: 7,
      id: "0193f1a2-0c4d-7e1f-8a2b-3c4d5e6f7a8b",
      campaignId: 2,
      listId: 3,
      entryId: 41,
      voterHash: "b".repeat(64),
      ipHash: "c".repeat(64),
      day: "2024-10-08",
      receivedAt: 1_728_370_000_123,
    };
    // a fixed value: a ledger exported by any earlier version verifies only while this holds
    expect(chainHash("a".repeat(64), v)).toBe("807dfeb44192f24f44b4b9545ed4a482cb28eafe9f6ad17bce5967f1b576bab2");
  });

  it("verifies an untouched chain and reports its head", () => {
    const rows = chain(5);
    expect(verifyChain(rows)).toEqual({ ok: true, head: rows[4]!.hash, count: 5 });
  });

  it("names the first altered row", () => {
    const rows = chain(5);
    rows[2] = { ...rows[2]!, entryId: 99 };
    expect(verifyChain(rows)).toMatchObject({ ok: false, seq: 3 });
  });

  it("detects a removed row", () => {
    const rows = chain(5);
    rows.splice(1, 1);
    expect(verifyChain(rows)).toMatchObject({ ok: false, seq: 3 });
  });

  it("detects a row re-hashed without its successors", () => {
    const rows = chain(4);
    const forged = { ...rows[1]!, entryId: 7 };
    forged.hash = chainHash(forged.prevHash, forged);
    rows[1] = forged;
    expect(verifyChain(rows)).toMatchObject({ ok: false, seq: 3 });
  });
});

describe("vote ids", () => {
  it("are version 7 UUIDs carrying the receipt's millisecond, in receipt order, and never repeat", () => {
    const at = Date.parse("2024-10-10T12:00:00.123+08:00");
    const ids = Array.from({ length: 2000 }, (_, i) => newVoteId(at + Math.floor(i / 10)));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(parseInt(ids[0]!.replace("-", "").slice(0, 12), 16)).toBe(at);
    // a later millisecond sorts after: the index of vote ids grows at its end
    for (let i = 10; i < ids.length; i += 10) expect(ids[i]! > ids[i - 1]!).toBe(true);
    expect(newVoteId(0)).toMatch(/^00000000-0000-7/);
  });
});

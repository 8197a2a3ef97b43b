import { describe, expect, it } from "vitest";
import { chainHash, GENESIS_HASH, verifyChain, type LedgerVote } from "../../api/domain/ledger.ts";

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

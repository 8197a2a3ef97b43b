/**
 * The vote ledger's hash chain. Each accepted vote's hash covers its own fields and the previous
 * vote's hash, so changing, inserting or removing any row breaks every hash after it.
 */
import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

export interface LedgerVote {
  seq: number;
  id: string;
  campaignId: number;
  listId: number;
  entryId: number;
  voterHash: string;
  ipHash: string;
  day: string;
  receivedAt: number;
}

/** The canonical text a vote's hash is computed from: fixed field order, `|`-separated. */
export function canonicalVote(v: LedgerVote): string {
  return [v.seq, v.id, v.campaignId, v.listId, v.entryId, v.voterHash, v.ipHash, v.day, v.receivedAt].join("|");
}

export function chainHash(prevHash: string, v: LedgerVote): string {
  return createHash("sha256").update(prevHash).update("\n").update(canonicalVote(v)).digest("hex");
}

export type ChainCheck = { ok: true; head: string; count: number } | { ok: false; seq: number; reason: string };

/** Recomputes a chain from its first row (whose prevHash must be the genesis hash). */
export function verifyChain(rows: Iterable<LedgerVote & { prevHash: string; hash: string }>): ChainCheck {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (const row of rows) {
    if (row.seq !== expectedSeq) return { ok: false, seq: row.seq, reason: `序号不连续：应为 ${expectedSeq}` };
    if (row.prevHash !== prev) return { ok: false, seq: row.seq, reason: "前一哈希不匹配" };
    if (chainHash(prev, row) !== row.hash) return { ok: false, seq: row.seq, reason: "哈希与内容不符" };
    prev = row.hash;
    expectedSeq += 1;
    count += 1;
  }
  return { ok: true, head: prev, count };
}

/** A void record: fraud review's append-only answer to a vote that should not count. */
export interface LedgerVoid {
  seq: number;
  voteSeq: number;
  /** the voided vote's own chained hash, so a void names exactly one vote */
  voteHash: string;
  reason: string;
  actor: string;
  at: number;
}

export function canonicalVoid(v: LedgerVoid): string {
  return ["void", v.seq, v.voteSeq, v.voteHash, v.at, v.actor, v.reason].join("|");
}

/** Voids chain like votes, on a chain of their own (which also starts at the genesis hash). */
export function voidChainHash(prevHash: string, v: LedgerVoid): string {
  return createHash("sha256").update(prevHash).update("\n").update(canonicalVoid(v)).digest("hex");
}

/** Recomputes the void chain from its first record. */
export function verifyVoidChain(rows: Iterable<LedgerVoid & { prevHash: string; hash: string }>): ChainCheck {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (const row of rows) {
    if (row.seq !== expectedSeq) return { ok: false, seq: row.seq, reason: `作废记录序号不连续：应为 ${expectedSeq}` };
    if (row.prevHash !== prev) return { ok: false, seq: row.seq, reason: "作废记录的前一哈希不匹配" };
    if (voidChainHash(prev, row) !== row.hash) return { ok: false, seq: row.seq, reason: "作废记录哈希与内容不符" };
    prev = row.hash;
    expectedSeq += 1;
    count += 1;
  }
  return { ok: true, head: prev, count };
}

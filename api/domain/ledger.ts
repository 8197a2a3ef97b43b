/**
 * The vote ledger's hash chain. Each accepted vote's hash covers its own fields and the previous
 * vote's hash, so changing, inserting or removing any row breaks every hash after it.
 */
import { hash, randomUUID } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

/**
 * A new vote's id: a UUID version 7 (RFC 9562), the receipt's millisecond first and 74 random bits
 * after it. Ids in time order go to the end of the votes' unique index instead of a random page of
 * it: with random (version 4) ids every vote dirtied a page of that index of its own, written to
 * the WAL at each commit and again at each checkpoint (measured: the writer's CPU per vote about a
 * fifth lower, decision 029). Ids stay unique and unguessable; the time in them is the vote's
 * `received_at`, in every export already.
 */
export function newVoteId(receivedAt: number): string {
  const ms = Math.max(0, Math.min(Math.floor(receivedAt), 2 ** 48 - 1))
    .toString(16)
    .padStart(12, "0");
  // a version 4 UUID's random bits after its version digit, with its variant bits (10) in place
  return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${randomUUID().slice(15)}`;
}

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

/**
 * SHA-256 of the previous hash, a newline and the canonical fields, hex. One-shot (`crypto.hash`):
 * the same bytes as a hash object fed the three in turn, in about 0.8 µs instead of 1.8 (the writer
 * chains every vote, `verify` every row).
 */
export function chainHash(prevHash: string, v: LedgerVote): string {
  return hash("sha256", `${prevHash}\n${canonicalVote(v)}`, "hex");
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
  return hash("sha256", `${prevHash}\n${canonicalVoid(v)}`, "hex");
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

/**
 * Recording votes in batches: the decisions that must be taken against committed state, inside the
 * writer's transaction. Runs wherever the vote writer runs (a worker thread for local files).
 */
import {
  loadVoteBatchState,
  replays,
  usageKey,
  writeVoteBatch,
  type Batcher,
  type NewVote,
  type Outcome,
  type StoredAnswer,
  type StoredResponse,
  type Tx,
  type VoteBatchKey,
  type VoteMemory,
} from "../../db/index.ts";
import { chainHash, GENESIS_HASH, newVoteId } from "../domain/ledger.ts";
import { decideVote, votingState, type VotingState } from "../domain/voting.ts";
import { AppError } from "../errors.ts";

export function stateError(state: VotingState): AppError | undefined {
  if (state === "open") return undefined;
  if (state === "scheduled") return new AppError("voting_not_started");
  if (state === "none") return new AppError("voting_closed", { zh: "该榜单不设网络投票", en: "This list has no public vote" });
  return new AppError("voting_closed");
}

/** The answer to a vote, and the entry's valid votes after it (absent for a replayed answer). */
export type VoteResult = StoredResponse & { tally?: number };

export interface VoteIntent extends VoteBatchKey {
  campaignId: number;
  ranked: boolean;
  ipHash: string;
  ipPrefixHash: string;
  /** keyed hash of the browser's self-description and IP prefix, for anomaly review */
  deviceHash: string;
  receivedAt: number;
}

/**
 * Decides and records every vote that queued together, against what is committed: the list's
 * window and every manual close and open as of each vote's arrival, what each voter did today (including earlier
 * votes of this same batch), and answers already given to an idempotency key. Refused votes write
 * nothing; accepted ones are chained in order and written in a few multi-row statements. One
 * batcher a database: `memory` is its memory of the ledger (answered keys and the current days'
 * votes, db/vote-memory.ts), and the writer gathers only the jobs of one batcher into a batch.
 */
export function voteBatcher(memory: VoteMemory): Batcher<VoteIntent, VoteResult> {
  return { process: (tx, intents) => processVotes(tx, memory, intents) };
}

async function processVotes(tx: Tx, memory: VoteMemory, intents: VoteIntent[]): Promise<Outcome<VoteResult>[]> {
  const state = await loadVoteBatchState(tx, memory, intents);
  let head = state.head ?? { seq: 0, hash: GENESIS_HASH };
  const accepted: NewVote[] = [];
  const answers: (StoredAnswer & { keyHash: string; at: number })[] = [];
  const outcomes: Outcome<VoteResult>[] = intents.map((it) => {
    if (it.keyHash) {
      const replay = state.answered.get(it.keyHash)?.find((a) => replays(a, it));
      if (replay) return { ok: true, value: { status: replay.status, body: replay.body } };
    }
    const row = state.lists.get(it.listId);
    if (!row) return { ok: false, error: new AppError("not_found") };
    const window = row.opensAt !== null && row.closesAt !== null ? { opensAt: row.opensAt, closesAt: row.closesAt } : null;
    // judged at its receipt against every open and close committed, not only the latest
    const closed = stateError(votingState(window, row.overrides, it.receivedAt));
    if (closed) return { ok: false, error: closed };

    const uk = usageKey(it.listId, it.voterHash, it.day);
    const usage = state.usage.get(uk) ?? new Map<number, number>();
    const decision = decideVote(usage, it.entryId, row);
    if (!decision.ok) return { ok: false, error: new AppError(decision.code) };

    const fields = {
      seq: head.seq + 1,
      id: newVoteId(it.receivedAt),
      campaignId: it.campaignId,
      listId: it.listId,
      entryId: it.entryId,
      voterHash: it.voterHash,
      ipHash: it.ipHash,
      day: it.day,
      receivedAt: it.receivedAt,
    };
    const hash = chainHash(head.hash, fields);
    accepted.push({ ...fields, ipPrefixHash: it.ipPrefixHash, deviceHash: it.deviceHash, prevHash: head.hash, hash });
    head = { seq: fields.seq, hash };
    usage.set(it.entryId, (usage.get(it.entryId) ?? 0) + 1);
    state.usage.set(uk, usage);
    const votes = (state.tallies.get(it.entryId) ?? 0) + 1;
    state.tallies.set(it.entryId, votes);

    const response = {
      status: 201,
      body: JSON.stringify({
        vote: { id: fields.id, seq: fields.seq, entryId: it.entryId },
        ...(it.ranked ? { votes } : {}),
        remainingToday: decision.remainingToday,
      }),
    };
    if (it.keyHash) {
      // one row: a cookie-less first vote's answer replays for its voter and for cookie-less retries alike
      const answer = { ...response, voterHash: it.voterHash, cookieless: it.cookieless === true };
      answers.push({ ...answer, keyHash: it.keyHash, at: it.receivedAt });
      state.answered.set(it.keyHash, [...(state.answered.get(it.keyHash) ?? []), answer]);
    }
    return { ok: true, value: { ...response, tally: votes } };
  });
  await writeVoteBatch(tx, accepted, answers);
  return outcomes;
}

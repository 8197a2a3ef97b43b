/**
 * Casting a vote: the one operation behind POST /api/votes. Cheap refusals first (unknown entry,
 * window, a replayed idempotency key, rate limits), then the bot check, then the writer, which
 * decides again inside its transaction against what is committed: the list's window and manual
 * close as of now, and what this voter did today. Nothing is written unless the vote counts.
 */
import { randomUUID } from "node:crypto";
import {
  answerKey,
  findIdempotent,
  loadVoteBatchState,
  usageKey,
  voterDayUsage,
  writeVoteBatch,
  type Batcher,
  type NewVote,
  type Outcome,
  type StoredResponse,
  type VoteBatchKey,
} from "../../db/index.ts";
import type { AppDeps } from "../deps.ts";
import { listState } from "../catalog.ts";
import { chainHash, GENESIS_HASH } from "../domain/ledger.ts";
import { calendarDay, decideVote, remainingToday, votingState, type VotingState } from "../domain/voting.ts";
import { AppError } from "../errors.ts";
import { voteRateRules } from "../ports/rate-limit.ts";

export interface VoteRequest {
  entryId: number;
  token: string;
  idempotencyKey?: string;
  voterId: string;
  ip: string;
  receivedAt: number;
}

export interface VoteAnswer {
  status: number;
  body: string;
}

function stateError(state: VotingState): AppError | undefined {
  if (state === "open") return undefined;
  if (state === "scheduled") return new AppError("voting_not_started");
  if (state === "none") return new AppError("voting_closed", { zh: "该榜单不设网络投票", en: "This list has no public vote" });
  return new AppError("voting_closed");
}

export async function castVote(deps: AppDeps, req: VoteRequest): Promise<VoteAnswer> {
  const catalog = deps.catalog.current;
  const entry = catalog.entry(req.entryId);
  if (!entry) throw new AppError("not_found", { zh: "找不到该参评对象", en: "No such entry" });
  const list = entry.list;
  const early = stateError(listState(list, req.receivedAt));
  if (early) throw early;

  const voterHash = deps.secrets.voterHash(req.voterId);
  const keyHash = req.idempotencyKey ? deps.secrets.idempotencyKeyHash(`${list.id}:${req.idempotencyKey}`) : undefined;
  if (keyHash) {
    const replay = await findIdempotent(deps.db.read, voterHash, keyHash);
    if (replay) return replay;
  }

  const ipHash = deps.secrets.ipHash(req.ip);
  for (const [rule, key] of [
    [voteRateRules.voter, voterHash],
    [voteRateRules.ip, ipHash],
    [voteRateRules.global, "all"],
  ] as const) {
    const decision = await deps.rateLimiter.limit(rule, key, req.receivedAt);
    if (!decision.success) {
      const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
      throw new AppError("rate_limited", undefined, { headers: { "Retry-After": String(seconds) } });
    }
  }

  const check = await deps.botCheck.verify({ token: req.token, remoteIp: req.ip, action: "vote", idempotencyKey: req.idempotencyKey });
  if (!check.ok) throw new AppError(check.reason === "unavailable" ? "bot_check_unavailable" : "bot_check_failed");

  const answer = await deps.db.writer.submit(voteBatcher, {
    listId: list.id,
    campaignId: list.campaign.id,
    entryId: entry.id,
    ranked: list.ranking === "ranked",
    voterHash,
    ipHash,
    ipPrefixHash: deps.secrets.ipPrefixHash(req.ip),
    day: calendarDay(req.receivedAt, list.campaign.timezone),
    receivedAt: req.receivedAt,
    keyHash,
  });
  // The leaderboard this process serves shows the vote at once, not after its next refresh.
  if (answer.tally !== undefined) deps.leaderboards.noteVote(list.id, entry.id, answer.tally);
  return answer;
}

interface VoteIntent extends VoteBatchKey {
  campaignId: number;
  ranked: boolean;
  ipHash: string;
  ipPrefixHash: string;
  receivedAt: number;
}

/**
 * Decides and records every vote that queued together, against what is committed: the list's
 * window and manual close as of each vote's arrival, what each voter did today (including earlier
 * votes of this same batch), and answers already given to an idempotency key. Refused votes write
 * nothing; accepted ones are chained in order and written in a few multi-row statements.
 */
const voteBatcher: Batcher<VoteIntent, StoredResponse & { tally?: number }> = {
  async process(tx, intents) {
    const state = await loadVoteBatchState(tx, intents);
    let head = state.head ?? { seq: 0, hash: GENESIS_HASH };
    const accepted: NewVote[] = [];
    const answers: { voterHash: string; keyHash: string; response: StoredResponse; at: number }[] = [];
    const outcomes: Outcome<StoredResponse & { tally?: number }>[] = intents.map((it) => {
      if (it.keyHash) {
        const replay = state.answered.get(answerKey(it.voterHash, it.keyHash));
        if (replay) return { ok: true, value: replay };
      }
      const row = state.lists.get(it.listId);
      if (!row) return { ok: false, error: new AppError("not_found") };
      const window = row.opensAt !== null && row.closesAt !== null ? { opensAt: row.opensAt, closesAt: row.closesAt } : null;
      const override = row.overrideState !== null && row.overrideAt !== null ? { state: row.overrideState, at: row.overrideAt } : null;
      const closed = stateError(votingState(window, override, it.receivedAt));
      if (closed) return { ok: false, error: closed };

      const uk = usageKey(it.listId, it.voterHash, it.day);
      const usage = state.usage.get(uk) ?? new Map<number, number>();
      const decision = decideVote(usage, it.entryId, row);
      if (!decision.ok) return { ok: false, error: new AppError(decision.code) };

      const fields = {
        seq: head.seq + 1,
        id: randomUUID(),
        campaignId: it.campaignId,
        listId: it.listId,
        entryId: it.entryId,
        voterHash: it.voterHash,
        ipHash: it.ipHash,
        day: it.day,
        receivedAt: it.receivedAt,
      };
      const hash = chainHash(head.hash, fields);
      accepted.push({ ...fields, ipPrefixHash: it.ipPrefixHash, prevHash: head.hash, hash });
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
        answers.push({ voterHash: it.voterHash, keyHash: it.keyHash, response, at: it.receivedAt });
        state.answered.set(answerKey(it.voterHash, it.keyHash), response);
      }
      return { ok: true, value: { ...response, tally: votes } };
    });
    await writeVoteBatch(tx, accepted, answers);
    return outcomes;
  },
};

/** What a voter did today in each list of a campaign, and what remains. */
export async function voterToday(deps: AppDeps, voterId: string | undefined, campaignSlug: string, listSlug: string | undefined, now: number) {
  const catalog = deps.catalog.current;
  const campaign = catalog.campaign(campaignSlug);
  if (!campaign) throw new AppError("not_found", { zh: "找不到该活动", en: "No such campaign" });
  const lists = listSlug ? campaign.lists.filter((l) => l.slug === listSlug) : campaign.lists;
  if (listSlug && lists.length === 0) throw new AppError("not_found", { zh: "找不到该榜单", en: "No such list" });
  const day = calendarDay(now, campaign.timezone);
  const voterHash = voterId ? deps.secrets.voterHash(voterId) : undefined;
  const result = [];
  for (const list of lists) {
    const usage = voterHash ? await voterDayUsage(deps.db.read, list.id, voterHash, day) : new Map<number, number>();
    const state = listState(list, now);
    result.push({
      campaign: campaign.slug,
      list: list.slug,
      state,
      perDay: list.perDay,
      perEntryPerDay: list.perEntryPerDay,
      remainingToday: state === "open" ? remainingToday(usage, list) : 0,
      entries: [...usage].map(([entryId, count]) => ({ entryId, count })),
    });
  }
  return { day, lists: result };
}

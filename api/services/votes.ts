/**
 * Casting a vote: the one operation behind POST /api/votes. Cheap refusals first (unknown entry,
 * window, rate limits), then the bot check, then the writer, which decides again inside its
 * transaction against what is committed: an answer already given to this idempotency key, the
 * list's window and manual close as of now, and what this voter did today. Nothing is written
 * unless the vote counts.
 */
import { isIP } from "node:net";
import type { ServiceContext } from "./context.ts";
import { listState } from "../read/catalog.ts";
import { calendarDay, remainingToday } from "../domain/voting.ts";
import { AppError } from "../errors.ts";
import { voteRateChecks } from "../domain/rate-policy.ts";
import { enforceRateLimits, ipLimitKey } from "./rate-limits.ts";
import { noteRefusal } from "./refusals.ts";
import { stateError } from "../ports/vote-batch.ts";

export interface VoteRequest {
  entryId: number;
  token: string;
  idempotencyKey?: string;
  voterId: string;
  /** no voter cookie came with the request (`voterId` was issued with this answer) */
  cookieless?: boolean;
  ip: string;
  /** what the browser says about itself (User-Agent, Accept-Language, client hints), for the device hash */
  device: string;
  receivedAt: number;
}

export interface VoteAnswer {
  status: number;
  body: string;
}

export async function castVote(ctx: ServiceContext, req: VoteRequest): Promise<VoteAnswer> {
  const catalog = ctx.catalog.current;
  const entry = catalog.entry(req.entryId);
  if (!entry) throw new AppError("not_found", { zh: "找不到该参评对象", en: "No such entry" });
  const list = entry.list;
  const early = stateError(listState(list, req.receivedAt));
  if (early) throw early;

  const voterHash = ctx.secrets.voterHash(req.voterId);
  const keyHash = req.idempotencyKey ? ctx.secrets.idempotencyKeyHash(`${list.id}:${req.idempotencyKey}`) : undefined;

  const ipHash = ctx.secrets.ipHash(req.ip);
  // the address and the total before the voter: see voteRateChecks
  const checks = voteRateChecks(ctx.voteRateRules, { ip: ipLimitKey(ctx, req.ip, ipHash), voter: voterHash });
  await enforceRateLimits(ctx, checks, req.receivedAt);

  const check = await ctx.botCheck.verify({
    token: req.token,
    remoteIp: isIP(req.ip) ? req.ip : undefined,
    action: "vote",
    idempotencyKey: req.idempotencyKey,
  });
  if (!check.ok) {
    // A retry of a vote that was already answered carries a spent token (Turnstile tokens are
    // single use), or arrives while Cloudflare is down: the first answer stands either way.
    // Looking it up only here keeps it off the path of every first attempt.
    const replay = keyHash ? await ctx.votes.answered({ voterHash, cookieless: req.cookieless }, keyHash, req.receivedAt) : undefined;
    if (replay) return replay;
    // Failing tokens in a row feed anomaly review: counted per minute and IP-prefix hash in
    // memory, written once a minute, never a write per request beside the votes.
    if (check.reason !== "unavailable") {
      noteRefusal(ctx, {
        reason: "bot_check_failed",
        routeKind: "vote",
        campaignId: list.campaign.id,
        ipPrefixHash: ctx.secrets.ipPrefixHash(req.ip),
      });
    }
    throw new AppError(check.reason === "unavailable" ? "bot_check_unavailable" : "bot_check_failed");
  }

  const answer = await ctx.votes.record({
    listId: list.id,
    campaignId: list.campaign.id,
    entryId: entry.id,
    ranked: list.ranking === "ranked",
    voterHash,
    ipHash,
    ipPrefixHash: ctx.secrets.ipPrefixHash(req.ip),
    deviceHash: ctx.secrets.deviceHash(req.device, req.ip),
    day: calendarDay(req.receivedAt, list.campaign.timezone),
    receivedAt: req.receivedAt,
    keyHash,
    cookieless: req.cookieless,
  });
  // The leaderboard this process serves shows the vote at once, not after its next refresh.
  if (answer.tally !== undefined) ctx.leaderboards.noteVote(list.id, entry.id, answer.tally);
  return answer;
}

/** What a voter did today in each list of a campaign, and what remains. */
export async function voterToday(
  ctx: ServiceContext,
  input: { voterId: string | undefined; campaign: string; list?: string; now: number },
) {
  const { voterId, campaign: campaignSlug, list: listSlug, now } = input;
  const catalog = ctx.catalog.current;
  const campaign = catalog.campaign(campaignSlug);
  if (!campaign) throw new AppError("not_found", { zh: "找不到该活动", en: "No such campaign" });
  const lists = listSlug ? campaign.lists.filter((l) => l.slug === listSlug) : campaign.lists;
  if (listSlug && lists.length === 0) throw new AppError("not_found", { zh: "找不到该榜单", en: "No such list" });
  const day = calendarDay(now, campaign.timezone);
  const voterHash = voterId ? ctx.secrets.voterHash(voterId) : undefined;
  const result = [];
  for (const list of lists) {
    // the writer's memory of the ledger: the daily limits read the same (no index leads by voter)
    const usage = voterHash ? await ctx.votes.usage({ listId: list.id, voterHash, day, now }) : new Map<number, number>();
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

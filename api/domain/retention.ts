/**
 * How long personal data is kept, as plain rules: the privacy notice (site/components/PrivacyText.astro)
 * states the same periods, and `purge` (api/services/purge.ts) applies them.
 *
 * A campaign ends at its final publication, or at its last voting close when it has none. Kept:
 * the chained ledger (votes and voids, which hold keyed hashes only), because `verify` and the
 * published tallies depend on every chained field. Going, once its purpose ends:
 * - idempotent answers: they let a lost response be retried; a retry is a matter of seconds;
 * - bot-check failure rows (keyed voter and IP-prefix hashes): anomaly review of recent traffic;
 * - votes' device and IP-prefix hashes (outside the chain): anomaly review of the campaign, which
 *   ends with its final list and the objections to it;
 * - objectors' names, contacts, reasons and IP hashes: to check and answer objections, and to
 *   answer for the decision afterwards.
 */
import { overrideInForce, votingEnd, votingState, type VotingOverride, type VotingWindow } from "./voting.ts";

const DAY_MS = 86_400_000;

export const RETENTION = {
  /** idempotent answers, from when they were given */
  idempotencyMs: 2 * DAY_MS,
  /** bot-check failure rows, from the failure */
  botFailuresMs: 7 * DAY_MS,
  /** votes' device and IP-prefix hashes, from the campaign's end */
  advisoryHashesAfterEndMs: 90 * DAY_MS,
  /** objectors' personal data, in calendar years from the campaign's end */
  objectionsAfterEndYears: 1,
} as const;

/** What decides a campaign's end: its lists' voting and its final publications. */
export interface CampaignSchedule {
  id: number;
  lists: { slug: string; window: VotingWindow | null; overrides: readonly VotingOverride[] }[];
  /** final publications: the list each covers (null: the whole campaign) and when it was published */
  finals: { listSlug: string | null; at: number }[];
}

/**
 * When a list's voting closed, as of `now`; null while it has no vote or is not closed. A manual
 * close counts from its instant, unless voting had already closed before it (then the earlier close).
 */
export function votingClosedAt(window: VotingWindow | null, history: readonly VotingOverride[], now: number): number | null {
  if (!window || votingState(window, history, now) !== "closed") return null;
  const o = overrideInForce(history, now);
  if (o?.kind === "close")
    return votingState(window, history, o.at - 1) === "closed" ? (votingClosedAt(window, history, o.at - 1) ?? o.at) : o.at;
  return votingEnd(window, history, now);
}

/**
 * When the campaign ended, as of `now`, or null while it runs. Each list ends at its latest final
 * publication (its own or the campaign's), else at its voting close; a list still voting keeps the
 * campaign running, a list with neither a vote nor a final list does not count.
 */
export function campaignEnd(c: CampaignSchedule, now: number): number | null {
  const finalAt = (slug: string) =>
    c.finals
      .filter((f) => f.at <= now && (f.listSlug === null || f.listSlug === slug))
      .reduce<number | null>((m, f) => Math.max(m ?? f.at, f.at), null);
  let end: number | null = null;
  for (const list of c.lists) {
    const listEnd = finalAt(list.slug) ?? votingClosedAt(list.window, list.overrides, now);
    if (listEnd === null) {
      if (list.window) return null;
      continue;
    }
    end = Math.max(end ?? listEnd, listEnd);
  }
  return end;
}

/** `at` plus whole calendar years (UTC; 29 February moves to 1 March). */
export function addYears(at: number, years: number): number {
  const d = new Date(at);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.getTime();
}

/** What a purge at `now` removes: cut-off instants, and the campaigns whose data has expired. */
export interface PurgePlan {
  now: number;
  /** idempotent answers given at or before this go (they are 2 days old) */
  idempotencyUpTo: number;
  /** bot-check failures at or before this go (7 days old) */
  botFailuresUpTo: number;
  /** campaigns ended at least 90 days ago: their votes' device and IP-prefix hashes go */
  advisoryCampaignIds: number[];
  /** campaigns ended at least a year ago: their objectors' personal data goes */
  objectionCampaignIds: number[];
  /** each campaign's end and when each of its rules falls due (null while it runs) */
  campaigns: { id: number; end: number | null; advisoryAt: number | null; objectionsAt: number | null }[];
}

export function purgePlan(now: number, campaigns: CampaignSchedule[]): PurgePlan {
  const dues = campaigns.map((c) => {
    const end = campaignEnd(c, now);
    return {
      id: c.id,
      end,
      advisoryAt: end === null ? null : end + RETENTION.advisoryHashesAfterEndMs,
      objectionsAt: end === null ? null : addYears(end, RETENTION.objectionsAfterEndYears),
    };
  });
  return {
    now,
    idempotencyUpTo: now - RETENTION.idempotencyMs,
    botFailuresUpTo: now - RETENTION.botFailuresMs,
    advisoryCampaignIds: dues.filter((d) => d.advisoryAt !== null && d.advisoryAt <= now).map((d) => d.id),
    objectionCampaignIds: dues.filter((d) => d.objectionsAt !== null && d.objectionsAt <= now).map((d) => d.id),
    campaigns: dues,
  };
}

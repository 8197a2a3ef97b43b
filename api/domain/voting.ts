/**
 * The vote rules, as plain functions: window state, calendar day, per-day quotas.
 * No I/O; every input (time, rules, what the voter already did) is explicit.
 */

export type VotingState = "none" | "scheduled" | "open" | "closed";

export interface VotingWindow {
  /** epoch ms */
  opensAt: number;
  closesAt: number;
}

/**
 * An organizer's manual change to a list's voting, effective from `at` (epoch ms): a close, a
 * reopening (until `until`, or else the scheduled `closesAt`), or a new window set by hand
 * (`schedule`), from which the window alone decides again.
 */
export interface VotingOverride {
  kind: "open" | "close" | "schedule";
  at: number;
  until?: number | null;
}

/**
 * The override in force at instant `at`: of those that took effect by then, the latest; of two at
 * the same instant, the one committed later (`history` is in commit order).
 */
export function overrideInForce(history: readonly VotingOverride[], at: number): VotingOverride | undefined {
  let found: VotingOverride | undefined;
  for (const o of history) if (o.at <= at && (!found || o.at >= found.at)) found = o;
  return found;
}

/**
 * When a reopening ends: its own end; else the scheduled close when that lies after it; else
 * never (only reopenings recorded before an end was required can be so).
 */
export function reopeningEnd(window: VotingWindow, open: VotingOverride): number {
  if (open.until !== undefined && open.until !== null) return open.until;
  return window.closesAt > open.at ? window.closesAt : Number.POSITIVE_INFINITY;
}

/**
 * The state of a list's voting at instant `at`, judged against the window and every manual open
 * and close committed (`history`), not only the latest: a vote received during a close stays
 * refused even when a reopening committed before the vote did.
 * - No window: "none" (the list has no public vote), whatever the history says.
 * - A manual close wins from the moment it took effect until the next open or new window.
 * - A manual open starts voting at once (ignoring `opensAt`) and ends at `reopeningEnd`.
 */
export function votingState(window: VotingWindow | null, history: readonly VotingOverride[], at: number): VotingState {
  if (!window) return "none";
  const o = overrideInForce(history, at);
  if (o && o.kind === "close") return "closed";
  if (o && o.kind === "open") return at < reopeningEnd(window, o) ? "open" : "closed";
  if (at < window.opensAt) return "scheduled";
  if (at >= window.closesAt) return "closed";
  return "open";
}

/**
 * Whether a list's voting has ever been open by `now` (so the console offers 重新开启, not 开启): it
 * took votes, was opened by hand, or its window opened with no close in force at that moment.
 */
export function everOpened(window: VotingWindow | null, history: readonly VotingOverride[], now: number, votes: number): boolean {
  if (votes > 0) return true;
  if (history.some((o) => o.kind === "open" && o.at <= now)) return true;
  return window !== null && window.opensAt <= now && votingState(window, history, window.opensAt) === "open";
}

/** When voting ends as of `at`: a reopening's end while it is in force, else the scheduled close. */
export function votingEnd(window: VotingWindow, history: readonly VotingOverride[], at: number): number {
  const o = overrideInForce(history, at);
  return o && o.kind === "open" ? reopeningEnd(window, o) : window.closesAt;
}

/**
 * Whether a manual reopening at `at` must say when it ends: once the scheduled close has passed,
 * an open without an end would never end.
 */
export function reopeningNeedsEnd(window: VotingWindow, at: number): boolean {
  return at >= window.closesAt;
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (YYYY-MM-DD) of instant `at` in `timeZone`: quotas reset at local midnight. */
export function calendarDay(at: number, timeZone: string): string {
  let fmt = dayFormatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormatters.set(timeZone, fmt);
  }
  return fmt.format(new Date(at));
}

export interface QuotaRules {
  /** distinct entries a voter may vote for per calendar day */
  perDay: number;
  /** votes per entry per voter per calendar day */
  perEntryPerDay: number;
}

/** What a voter did today in one list: votes per entry id. */
export type DayUsage = ReadonlyMap<number, number>;

export type VoteDecision =
  { ok: true; remainingToday: number } | { ok: false; code: "already_voted" | "daily_limit"; remainingToday: number };

/** Remaining distinct entries the voter may still vote for today. */
export function remainingToday(usage: DayUsage, rules: QuotaRules): number {
  return Math.max(0, rules.perDay - usage.size);
}

/** Whether one more vote for `entryId` is allowed today, and what remains after it. */
export function decideVote(usage: DayUsage, entryId: number, rules: QuotaRules): VoteDecision {
  const forEntry = usage.get(entryId) ?? 0;
  if (forEntry >= rules.perEntryPerDay) {
    return { ok: false, code: "already_voted", remainingToday: remainingToday(usage, rules) };
  }
  if (forEntry === 0 && usage.size >= rules.perDay) {
    return { ok: false, code: "daily_limit", remainingToday: 0 };
  }
  const after = new Map(usage);
  after.set(entryId, forEntry + 1);
  return { ok: true, remainingToday: remainingToday(after, rules) };
}

/** Whether the entry can take another vote from this voter today (for "已投票" display). */
export function canVoteFor(usage: DayUsage, entryId: number, rules: QuotaRules): boolean {
  return decideVote(usage, entryId, rules).ok;
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** An instant written in ISO 8601 with the offset of `timeZone` (e.g. 2024-10-08T09:00:00+08:00). */
export function isoInZone(at: number, timeZone: string): string {
  let fmt = offsetFormatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
    offsetFormatters.set(timeZone, fmt);
  }
  const name = fmt.formatToParts(new Date(at)).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const m = /GMT([+-]\d{2}):?(\d{2})?/.exec(name);
  const offset = m ? `${m[1]}:${m[2] ?? "00"}` : "+00:00";
  const sign = offset.startsWith("-") ? -1 : 1;
  const minutes = sign * (Math.abs(Number(offset.slice(1, 3))) * 60 + Number(offset.slice(4, 6)));
  const local = new Date(at + minutes * 60_000).toISOString().slice(0, 19);
  return `${local}${minutes === 0 ? "+00:00" : offset}`;
}

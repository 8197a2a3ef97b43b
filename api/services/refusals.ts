/**
 * Refusals of unauthenticated traffic (organizer calls without a valid token, failed bot checks),
 * counted in memory per minute and reason and written once a minute through the writer, so that
 * an anonymous flood never queues one write per request beside the votes. What is kept is bounded:
 * a minute holds at most `MAX_KEYS` counters (keys past the cap fold into one per reason), a sample
 * path is cut to `SAMPLE_MAX` characters, and `purge` removes minutes past their week (api/domain/retention.ts).
 */
import { addRefusalCounts, refusalCountsSince, type RefusalCount } from "../../db/index.ts";
import type { ServiceContext } from "./context.ts";

export type RefusalReason = "unauthorized" | "rate_limited" | "bot_check_failed";
/** organizer reads and writes refused before any route ran, and votes whose bot check failed */
export type RouteKind = "admin_read" | "admin_write" | "vote";

export interface Refusal {
  reason: RefusalReason;
  routeKind: RouteKind;
  /** failed bot checks: the list's campaign and the client's IP-prefix hash, for anomaly review */
  campaignId?: number;
  ipPrefixHash?: string;
  /** what was asked (method, path and query): only the last one per counter is kept, cut short */
  sample?: string;
}

export const SAMPLE_MAX = 200;
/** counters held between two flushes; a flood of distinct prefixes folds into `OVERFLOW_PREFIX` */
export const MAX_KEYS = 1000;
export const OVERFLOW_PREFIX = "*";
export const FLUSH_INTERVAL_MS = 60_000;
/** Long enough to review a campaign's week (bot-check failures feed anomaly review), no longer. */
export const REFUSAL_RETENTION_MS = 7 * 86_400_000;

const minuteOf = (at: number) => Math.floor(at / 60_000) * 60_000;

/** The counters in memory; `note` never waits and never writes. */
export class RefusalCounter {
  readonly #counts = new Map<string, RefusalCount>();

  note(at: number, refusal: Refusal): void {
    const minute = minuteOf(at);
    const campaignId = refusal.campaignId ?? 0;
    let ipPrefixHash = refusal.ipPrefixHash ?? "";
    const keyOf = () => `${minute}\n${refusal.reason}\n${refusal.routeKind}\n${campaignId}\n${ipPrefixHash}`;
    let row = this.#counts.get(keyOf());
    if (!row && this.#counts.size >= MAX_KEYS) {
      ipPrefixHash = OVERFLOW_PREFIX;
      row = this.#counts.get(keyOf());
    }
    if (!row) {
      row = { minute, reason: refusal.reason, routeKind: refusal.routeKind, campaignId, ipPrefixHash, count: 0, sample: null };
      this.#counts.set(keyOf(), row);
    }
    row.count += 1;
    if (refusal.sample !== undefined) row.sample = refusal.sample.slice(0, SAMPLE_MAX);
  }

  /** The counters so far, which start again from zero. */
  take(): RefusalCount[] {
    const rows = [...this.#counts.values()];
    this.#counts.clear();
    return rows;
  }

  get size(): number {
    return this.#counts.size;
  }
}

/** Counts a refusal in memory (written by the next flush). */
export function noteRefusal(ctx: ServiceContext, refusal: Refusal): void {
  ctx.refusals.note(ctx.clock.now(), refusal);
}

/** Writes the counters gathered since the last flush in one writer job. Advisory data: a failed write drops them. */
export async function flushRefusals(ctx: ServiceContext): Promise<number> {
  const rows = ctx.refusals.take();
  if (rows.length > 0) await ctx.db.writer.run((tx) => addRefusalCounts(tx, rows));
  return rows.length;
}

/** The counts from `since` on (the last week by default), with what is still in memory. */
export async function recentRefusals(ctx: ServiceContext, input: { since?: number } = {}) {
  await flushRefusals(ctx);
  const since = input.since ?? ctx.clock.now() - REFUSAL_RETENTION_MS;
  // one line per minute, reason and kind: the per-prefix counters are anomaly review's
  const lines = new Map<string, { minute: string; reason: string; routeKind: string; count: number; sample?: string }>();
  for (const r of await refusalCountsSince(ctx.db.read, since)) {
    const key = `${r.minute}\n${r.reason}\n${r.routeKind}`;
    const line = lines.get(key) ?? { minute: new Date(r.minute).toISOString(), reason: r.reason, routeKind: r.routeKind, count: 0 };
    line.count += r.count;
    if (r.sample !== null) line.sample = r.sample;
    lines.set(key, line);
  }
  return [...lines.values()];
}

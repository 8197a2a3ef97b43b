/**
 * Rate-limit policies: how many requests of each kind a voter, an address and everyone together may
 * make. Plain data; the limiter ports (api/ports/rate-limit.ts) enforce them.
 */
export interface RateRule {
  name: string;
  limit: number;
  windowMs: number;
}

/**
 * Per voter, per IP and in total. IP limits are generous on purpose: mobile carriers in China put
 * many phones behind one address (CGNAT). Busy IPs are left to anomaly review, not refused.
 */
export const voteRateRules = {
  voter: { name: "vote-voter", limit: 30, windowMs: 60_000 },
  ip: { name: "vote-ip", limit: 1200, windowMs: 60_000 },
  global: { name: "vote-global", limit: 50_000, windowMs: 1_000 },
} as const satisfies Record<string, RateRule>;

export type VoteRateRules = Record<keyof typeof voteRateRules, RateRule>;

/** Objections are rare and written by hand: a few per sender, generous in total. */
export const objectionRateRules = {
  ip: { name: "objection-ip", limit: 5, windowMs: 10 * 60_000 },
  global: { name: "objection-global", limit: 600, windowMs: 60_000 },
} as const satisfies Record<string, RateRule>;

/**
 * Organizer calls without a valid token, per address: an organizer's script with a stale token
 * stays well under it; a scan or a token guesser gets 429 instead of a refusal counted each time.
 * Calls with a valid token are never limited by it.
 */
export const adminRateRules = {
  anonymousIp: { name: "admin-anonymous-ip", limit: 60, windowMs: 60_000 },
} as const satisfies Record<string, RateRule>;

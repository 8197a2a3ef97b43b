/**
 * The rate limiter port. The embedded default keeps sliding-window counters in memory; the
 * scale-out adapter uses @upstash/ratelimit so several processes share one budget.
 */
import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";

export interface RateRule {
  name: string;
  limit: number;
  windowMs: number;
}

export interface RateDecision {
  success: boolean;
  /** when to try again, ms; 0 on success */
  retryAfterMs: number;
}

export interface RateLimiter {
  readonly kind: string;
  limit(rule: RateRule, key: string, now: number): Promise<RateDecision>;
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

interface Counter {
  window: number;
  current: number;
  previous: number;
}

/** Sliding-window counters in memory (the previous window's count weighted by its overlap). */
export class MemoryRateLimiter implements RateLimiter {
  readonly kind = "memory";
  readonly #counters = new Map<string, Counter>();
  readonly #maxKeys: number;

  constructor(options: { maxKeys?: number } = {}) {
    this.#maxKeys = options.maxKeys ?? 500_000;
  }

  async limit(rule: RateRule, key: string, now: number): Promise<RateDecision> {
    const id = `${rule.name}:${key}`;
    const window = Math.floor(now / rule.windowMs);
    let c = this.#counters.get(id);
    if (!c) {
      if (this.#counters.size >= this.#maxKeys) this.#sweep(now);
      c = { window, current: 0, previous: 0 };
      this.#counters.set(id, c);
    } else if (c.window !== window) {
      c.previous = c.window === window - 1 ? c.current : 0;
      c.current = 0;
      c.window = window;
    }
    const elapsed = (now % rule.windowMs) / rule.windowMs;
    const estimate = c.previous * (1 - elapsed) + c.current;
    if (estimate + 1 > rule.limit) {
      const retryAfterMs = Math.max(1, rule.windowMs - (now % rule.windowMs));
      return { success: false, retryAfterMs };
    }
    c.current += 1;
    return { success: true, retryAfterMs: 0 };
  }

  /** Drops counters whose windows are over, so memory stays bounded. */
  #sweep(now: number): void {
    for (const [id, c] of this.#counters) {
      // a counter two windows old carries no weight any more; 1 h covers every rule's window
      if (c.window * 60_000 < now - 3_600_000 || c.current + c.previous === 0) this.#counters.delete(id);
    }
    if (this.#counters.size >= this.#maxKeys) this.#counters.clear();
  }
}

/** @upstash/ratelimit over Upstash's REST API. It fails open when Upstash does not answer in time. */
export class UpstashRateLimiter implements RateLimiter {
  readonly kind = "upstash";
  readonly #redis: Redis;
  readonly #limiters = new Map<string, Ratelimit>();

  constructor(options: { url: string; token: string }) {
    this.#redis = new Redis({ url: options.url, token: options.token, enableTelemetry: false });
  }

  async limit(rule: RateRule, key: string): Promise<RateDecision> {
    let limiter = this.#limiters.get(rule.name);
    if (!limiter) {
      limiter = new Ratelimit({
        redis: this.#redis,
        limiter: Ratelimit.slidingWindow(rule.limit, `${rule.windowMs} ms`),
        prefix: `bangdan:${rule.name}`,
        timeout: 1000,
        analytics: false,
        ephemeralCache: new Map(),
      });
      this.#limiters.set(rule.name, limiter);
    }
    const res = await limiter.limit(key);
    return { success: res.success, retryAfterMs: res.success ? 0 : Math.max(1, res.reset - Date.now()) };
  }
}

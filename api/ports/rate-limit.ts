/**
 * The rate limiter port. The embedded default keeps sliding-window counters in memory; the
 * scale-out adapters use @upstash/ratelimit so several processes share one budget, over Upstash's
 * REST API or over a plain Redis.
 */
import { createHash } from "node:crypto";
import { Ratelimit } from "@upstash/ratelimit";
import { Redis as UpstashRedis } from "@upstash/redis";
import { Redis as IORedis } from "ioredis";
import type { RateRule } from "../domain/rate-policy.ts";

export type { RateRule } from "../domain/rate-policy.ts";

export interface RateDecision {
  success: boolean;
  /** when to try again, ms; 0 on success */
  retryAfterMs: number;
}

export interface RateLimiter {
  readonly kind: string;
  limit(rule: RateRule, key: string, now: number): Promise<RateDecision>;
  /** releases connections; the server calls it when it closes */
  close?(): Promise<void>;
}

interface Counter {
  window: number;
  current: number;
  previous: number;
}

/**
 * Sliding-window counters in memory (the previous window's count weighted by its overlap), one map
 * per rule so that a flood of one rule's keys (new voters) never pushes out another's (addresses).
 * Each map is kept in order of last use, so its counters' windows never decrease from front to
 * back: a counter two of its own windows old carries no weight and is dropped from the front, and
 * when a rule holds `maxKeys` counters the least recently used one makes room for the next.
 */
export class MemoryRateLimiter implements RateLimiter {
  readonly kind = "memory";
  readonly #rules = new Map<string, Map<string, Counter>>();
  readonly #maxKeys: number;

  /** `maxKeys`: counters kept per rule (default 200,000) */
  constructor(options: { maxKeys?: number } = {}) {
    this.#maxKeys = Math.max(1, options.maxKeys ?? 200_000);
  }

  async limit(rule: RateRule, key: string, now: number): Promise<RateDecision> {
    const window = Math.floor(now / rule.windowMs);
    let counters = this.#rules.get(rule.name);
    if (!counters) this.#rules.set(rule.name, (counters = new Map()));
    dropExpired(counters, window);
    let c = counters.get(key);
    if (c) {
      counters.delete(key); // set again below: now the most recently used
      if (c.window !== window) {
        c.previous = c.window === window - 1 ? c.current : 0;
        c.current = 0;
        c.window = window;
      }
    } else {
      if (counters.size >= this.#maxKeys) counters.delete(counters.keys().next().value!);
      c = { window, current: 0, previous: 0 };
    }
    counters.set(key, c);
    const elapsed = (now % rule.windowMs) / rule.windowMs;
    const estimate = c.previous * (1 - elapsed) + c.current;
    if (estimate + 1 > rule.limit) {
      const retryAfterMs = Math.max(1, rule.windowMs - (now % rule.windowMs));
      return { success: false, retryAfterMs };
    }
    c.current += 1;
    return { success: true, retryAfterMs: 0 };
  }

  /** How many counters a rule holds now (for tests and monitoring). */
  size(ruleName: string): number {
    return this.#rules.get(ruleName)?.size ?? 0;
  }
}

/** Drops a rule's counters that no longer weigh on `window`, oldest first; each is dropped once. */
function dropExpired(counters: Map<string, Counter>, window: number): void {
  for (const [key, c] of counters) {
    if (c.window + 2 > window) return;
    counters.delete(key);
  }
}

/**
 * The map @upstash/ratelimit keeps of identifiers it refused (identifier → until when, ms), with a
 * bound: the library forgets an entry only when that identifier asks again. Entries come in order
 * of refusal, so the expired ones are dropped from the front and, at the bound, the oldest goes.
 */
export class BlockedCache extends Map<string, number> {
  constructor(private readonly maxEntries = 100_000) {
    super();
  }

  override set(identifier: string, reset: number): this {
    const now = Date.now();
    for (const [id, until] of this) {
      if (until >= now && this.size < this.maxEntries) break;
      this.delete(id);
    }
    this.delete(identifier);
    return super.set(identifier, reset);
  }
}

/** The client @upstash/ratelimit takes: an @upstash/redis instance, or something that acts like one. */
type RatelimitClient = ConstructorParameters<typeof Ratelimit>[0]["redis"];

/**
 * One @upstash/ratelimit instance per rule over one client. The library fails open when the store
 * does not answer within `timeoutMs`; this fails open on store errors too (logged, at most once a
 * minute), so an outage of the store never stops voting: the bot check and daily limits still hold.
 */
class SharedRateLimits {
  readonly #limiters = new Map<string, Ratelimit>();
  #warnedAt = -Infinity;

  constructor(
    private readonly client: RatelimitClient,
    private readonly timeoutMs: number,
    private readonly log: (line: string) => void,
  ) {}

  async limit(rule: RateRule, key: string): Promise<RateDecision> {
    let limiter = this.#limiters.get(rule.name);
    if (!limiter) {
      limiter = new Ratelimit({
        redis: this.client,
        limiter: Ratelimit.slidingWindow(rule.limit, `${rule.windowMs} ms`),
        prefix: `bangdan:${rule.name}`,
        timeout: this.timeoutMs,
        analytics: false,
        ephemeralCache: new BlockedCache(),
      });
      this.#limiters.set(rule.name, limiter);
    }
    try {
      const res = await limiter.limit(key);
      return { success: res.success, retryAfterMs: res.success ? 0 : Math.max(1, res.reset - Date.now()) };
    } catch (error) {
      this.warn(`rate limiter store failed; letting requests through: ${String(error)}`);
      return { success: true, retryAfterMs: 0 };
    }
  }

  warn(line: string): void {
    if (Date.now() - this.#warnedAt < 60_000) return;
    this.#warnedAt = Date.now();
    this.log(line);
  }
}

export interface SharedRateLimiterOptions {
  /** wait at most this long for the store, then let the request through (fail open); default 1000 */
  timeoutMs?: number;
  log?: (line: string) => void;
}

/** @upstash/ratelimit over Upstash's REST API. It fails open when Upstash does not answer in time. */
export class UpstashRateLimiter implements RateLimiter {
  readonly kind = "upstash";
  readonly #limits: SharedRateLimits;

  constructor(options: { url: string; token: string } & SharedRateLimiterOptions) {
    const redis = new UpstashRedis({ url: options.url, token: options.token, enableTelemetry: false });
    this.#limits = new SharedRateLimits(redis, options.timeoutMs ?? 1000, options.log ?? ((line) => console.warn(line)));
  }

  limit(rule: RateRule, key: string): Promise<RateDecision> {
    return this.#limits.limit(rule, key);
  }
}

/**
 * @upstash/ratelimit over a plain Redis (ioredis), for deployments that run their own Redis.
 * It fails open: when Redis does not answer within the timeout, or fails, requests go through.
 */
export class RedisRateLimiter implements RateLimiter {
  readonly kind = "redis";
  readonly #redis: IORedis;
  readonly #limits: SharedRateLimits;

  constructor(options: { url: string } & SharedRateLimiterOptions) {
    const timeoutMs = options.timeoutMs ?? 1000;
    this.#redis = new IORedis(options.url, {
      // while Redis is away, commands give up quickly instead of piling up in the offline queue
      maxRetriesPerRequest: 1,
      commandTimeout: timeoutMs,
    });
    // the library's type names a whole @upstash/redis client; with this configuration it calls only eval and evalsha
    const client = new UpstashLikeClient(this.#redis) as unknown as RatelimitClient;
    this.#limits = new SharedRateLimits(client, timeoutMs, options.log ?? ((line) => console.warn(line)));
    // without a listener ioredis prints every reconnection error with console.error
    this.#redis.on("error", (error: Error) =>
      this.#limits.warn(`rate limiter cannot reach Redis; letting requests through: ${error.message}`),
    );
  }

  limit(rule: RateRule, key: string): Promise<RateDecision> {
    return this.#limits.limit(rule, key);
  }

  async close(): Promise<void> {
    // QUIT waits for pending replies; when Redis is not connected there is nothing to wait for
    if (this.#redis.status === "ready") await this.#redis.quit().catch(() => undefined);
    this.#redis.disconnect();
  }
}

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

/**
 * Upstash accepts a first line `#!lua flags=allow-key-locking` that plain Redis refuses (Redis 7
 * knows other flags, Redis 6 no shebang at all). Without flags the script runs as a classic one.
 */
export function withoutUpstashShebang(script: string): string {
  return script.replace(/^#!lua[^\n]*\n/, "");
}

/**
 * The two methods @upstash/ratelimit calls on its client for single-region limits without deny
 * lists or analytics (`safeEval`: EVALSHA with the hash it ships, EVAL on NOSCRIPT), over ioredis.
 * The library's hashes are of the scripts with their shebang, which Redis never sees, so each
 * script's hash is mapped to the hash of the script Redis actually caches.
 */
class UpstashLikeClient {
  /** sha1 of the script as the library sends it → the script Redis runs and its sha1 */
  readonly #scripts = new Map<string, { script: string; sha: string }>();

  constructor(private readonly redis: IORedis) {}

  async evalsha(hash: string, keys: string[], args: unknown[]): Promise<unknown> {
    const known = this.#scripts.get(hash);
    if (!known) return this.redis.evalsha(hash, keys.length, ...keys, ...toRedisArgs(args)); // NOSCRIPT: the library EVALs next
    try {
      return await this.redis.evalsha(known.sha, keys.length, ...keys, ...toRedisArgs(args));
    } catch (error) {
      // Redis restarted or SCRIPT FLUSH: EVAL caches the script again
      if (!String(error).includes("NOSCRIPT")) throw error;
      return this.redis.eval(known.script, keys.length, ...keys, ...toRedisArgs(args));
    }
  }

  async eval(script: string, keys: string[], args: unknown[]): Promise<unknown> {
    const stripped = withoutUpstashShebang(script);
    this.#scripts.set(sha1(script), { script: stripped, sha: sha1(stripped) });
    return this.redis.eval(stripped, keys.length, ...keys, ...toRedisArgs(args));
  }
}

/** Arguments as @upstash/redis would send them: primitives as text, anything else as JSON. */
function toRedisArgs(args: unknown[]): (string | number)[] {
  return args.map((a) => (typeof a === "string" || typeof a === "number" ? a : typeof a === "boolean" ? String(a) : JSON.stringify(a)));
}

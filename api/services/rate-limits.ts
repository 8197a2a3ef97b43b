/**
 * Enforcing rate limits for the services that take public writes (votes, objections): the
 * checks come in order from the policy (api/domain/rate-policy.ts) and stop at the first refusal,
 * so a later rule's counter is not created for a request an earlier one refused.
 */
import { ipRateKey, type RateCheck } from "../domain/rate-policy.ts";
import { AppError } from "../errors.ts";
import { isLoopback } from "../secrets.ts";
import type { ServiceContext } from "./context.ts";

/**
 * The key of a client's per-address counter: the keyed hash of its address (an IPv6 one by its
 * /64), never the address itself. Undefined for a loopback address: that is our own reverse proxy
 * when TRUST_PROXY is not set, and limiting it would throttle everyone at once.
 */
export function ipLimitKey(ctx: ServiceContext, ip: string, ipHash?: string): string | undefined {
  if (isLoopback(ip)) return undefined;
  const key = ipRateKey(ip);
  // an IPv4 address is its own key: the vote's ipHash of it is the same keyed hash, made once
  return key === ip && ipHash !== undefined ? ipHash : ctx.secrets.ipHash(key);
}

/** Moves each counter in turn; the first refusal is a 429 with Retry-After. */
export async function enforceRateLimits(ctx: ServiceContext, checks: RateCheck[], now: number): Promise<void> {
  for (const { rule, key } of checks) {
    const decision = await ctx.rateLimiter.limit(rule, key, now);
    if (!decision.success) {
      const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
      throw new AppError("rate_limited", undefined, { headers: { "Retry-After": String(seconds) } });
    }
  }
}

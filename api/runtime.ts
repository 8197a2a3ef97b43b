/**
 * What the Node server and the edge Worker both build their dependencies from: the bot check and
 * rate limiter chosen by configuration, and the one-secret-per-database check. Nothing here may
 * need Node's file system, threads or sockets at load.
 */
import { claimMeta, type Database } from "../db/index.ts";
import { ConfigError, type Env } from "./config.ts";
import { testBotCheck, turnstileBotCheck, type BotCheck } from "./ports/bot-check.ts";
import { MemoryRateLimiter, RedisRateLimiter, UpstashRateLimiter, type RateLimiter } from "./ports/rate-limit.ts";
import type { Secrets } from "./secrets.ts";

export function botCheckFor(env: Env): BotCheck {
  if (!env.TURNSTILE_SECRET_KEY) return testBotCheck;
  const hostnames = env.PUBLIC_ORIGIN ? [new URL(env.PUBLIC_ORIGIN).hostname] : [];
  return turnstileBotCheck({ secret: env.TURNSTILE_SECRET_KEY, verifyUrl: env.TURNSTILE_VERIFY_URL, hostnames });
}

export function rateLimiterFor(env: Env): RateLimiter {
  if (env.RATE_LIMIT === "upstash")
    return new UpstashRateLimiter({ url: env.UPSTASH_REDIS_REST_URL!, token: env.UPSTASH_REDIS_REST_TOKEN! });
  if (env.RATE_LIMIT === "redis") return new RedisRateLimiter({ url: env.REDIS_URL! });
  return new MemoryRateLimiter();
}

/**
 * Every process on one database must hash and sign with one key, or a voter's cookie counts again
 * on another machine. The first process to start records the key's fingerprint in the database; a
 * process with another key refuses to start, naming the variable.
 */
export async function checkSecretFingerprint(db: Database, secrets: Secrets): Promise<void> {
  const mine = secrets.fingerprint();
  const stored = await db.writer.run((tx) => claimMeta(tx, "secret_fingerprint", mine));
  if (stored !== mine) {
    throw new ConfigError(
      "配置无效 / invalid configuration:\n  BANGDAN_SECRET: 与此数据库已在用的密钥不同；所有服务器和命令行须用同一个 BANGDAN_SECRET / differs from the key this database is already used with; every server and the CLI must share one BANGDAN_SECRET",
    );
  }
}

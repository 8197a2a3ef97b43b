/** What the commands share: the database opened on demand, who acts, argument parsers. */
import { InvalidArgumentError } from "commander";
import { loadEnv } from "../../api/config.ts";
import { serviceContext } from "../../api/node.ts";
import { testBotCheck } from "../../api/ports/bot-check.ts";
import { MemoryRateLimiter } from "../../api/ports/rate-limit.ts";
import type { ServiceContext } from "../../api/services/context.ts";
import { openDatabase } from "../../db/index.ts";

/** Who the audit log names for what the CLI does. */
export const actor = (): string => `cli:${process.env.USER ?? "organizer"}`;

/**
 * Loads the configuration, opens (and migrates) the database, runs `fn` and closes it. Only actions
 * call it, and commander runs an action only once the command line is whole: help and usage errors
 * never read the configuration or touch a database file.
 */
export async function withDatabase<T>(fn: (ctx: ServiceContext) => Promise<T>): Promise<T> {
  const env = loadEnv();
  const db = await openDatabase(env.DATABASE_URL, env.DATABASE_AUTH_TOKEN);
  // The services' context the server uses, writing in this process. The CLI never takes a vote,
  // so its bot check and rate limiter are the in-process ones whatever the server is configured with.
  const ctx = await serviceContext(env, { voteWorker: false, botCheck: testBotCheck, rateLimiter: new MemoryRateLimiter() }, db);
  try {
    await ctx.catalog.reload();
    return await fn(ctx);
  } finally {
    await ctx.votes.close();
    await db.close();
  }
}

/** `<campaign>/<list>` → [campaign, list]; anything else is a usage error. */
export function campaignList(value: string): [string, string] {
  const m = /^([a-z0-9-]+)\/([a-z0-9-]+)$/.exec(value);
  if (!m) throw new InvalidArgumentError(`需要 <campaign>/<list>，收到 ${value || "（空）"} / expected <campaign>/<list>`);
  return [m[1]!, m[2]!];
}

/** A parser for a whole number from `min` to `max`, named in its message as `what`. */
export function wholeNumber(what: { zh: string; en: string }, min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max) {
      throw new InvalidArgumentError(
        `${what.zh}须为 ${min} 到 ${max} 之间的整数，收到 ${value} / ${what.en} must be a whole number from ${min} to ${max}`,
      );
    }
    return n;
  };
}

const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** A parser for an instant written with its offset (as the admin API takes it), named by its flag. */
export function instant(flag: string): (value: string) => string {
  return (value) => {
    if (!iso.test(value) || Number.isNaN(Date.parse(value)))
      throw new InvalidArgumentError(`${flag} 须为带时区偏移的 ISO 8601 时间 / ${flag} must be ISO 8601 with an offset`);
    return value;
  };
}

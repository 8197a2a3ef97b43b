/**
 * Configuration is read once, at start, from the environment, and validated with zod.
 * A bad value stops the start with a message that names the variable.
 */
import { z } from "zod";

export const TEST_BOT_TOKEN = "XXXX.DUMMY.TOKEN.XXXX";

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const envSchema = z
  .object({
    NODE_ENV: optionalString,
    PORT: z.coerce.number().int().min(0).max(65535).default(4321),
    HOST: z.string().default("127.0.0.1"),
    DATABASE_URL: z.string().default("file:./data/bangdan.db"),
    DATABASE_AUTH_TOKEN: optionalString,
    TURNSTILE_SITE_KEY: optionalString,
    TURNSTILE_SECRET_KEY: optionalString,
    TURNSTILE_VERIFY_URL: z.url().default("https://challenges.cloudflare.com/turnstile/v0/siteverify"),
    RATE_LIMIT: z.enum(["memory", "upstash", "redis"]).default("memory"),
    UPSTASH_REDIS_REST_URL: optionalString,
    UPSTASH_REDIS_REST_TOKEN: optionalString,
    REDIS_URL: optionalString,
    BANGDAN_SECRET: optionalString.refine((v) => v === undefined || v.length >= 32, "至少 32 个字符 / at least 32 characters"),
    PUBLIC_ORIGIN: optionalString.pipe(z.url().optional()),
    TRUST_PROXY: optionalString.transform((v) => v?.toLowerCase()),
    SITE_REBUILD_HOOK: optionalString.pipe(z.url().optional()),
    BANGDAN_DATA_DIR: z.string().default("./data"),
    /**
     * What this process does with the static site when several share one data directory: `build`
     * (the default: build it, call SITE_REBUILD_HOOK, serve it), `follow` (serve what the builder
     * built, never build), `none` (no pages, no build, no hook: the API alone).
     */
    BANGDAN_SITE: z.enum(["build", "follow", "none"]).default("build"),
    /** load the fictional demo campaigns into an empty database even in production */
    BANGDAN_DEMO: optionalString.transform((v) => v !== undefined && ["1", "true", "yes"].includes(v.toLowerCase())),
  })
  .superRefine((env, ctx) => {
    if (env.RATE_LIMIT === "upstash" && (!env.UPSTASH_REDIS_REST_URL || !env.UPSTASH_REDIS_REST_TOKEN)) {
      ctx.addIssue({
        code: "custom",
        path: ["UPSTASH_REDIS_REST_URL"],
        message: "RATE_LIMIT=upstash 需要 UPSTASH_REDIS_REST_URL 和 UPSTASH_REDIS_REST_TOKEN",
      });
    }
    if (env.RATE_LIMIT === "redis" && !env.REDIS_URL) {
      ctx.addIssue({ code: "custom", path: ["REDIS_URL"], message: "RATE_LIMIT=redis 需要 REDIS_URL" });
    }
    if (env.NODE_ENV === "production" && !env.TURNSTILE_SECRET_KEY) {
      ctx.addIssue({
        code: "custom",
        path: ["TURNSTILE_SECRET_KEY"],
        message: "生产环境必须配置 Turnstile 密钥；测试模式只接受固定的测试令牌 / production refuses bot-check test mode",
      });
    }
    if (isRemoteDatabase(env.DATABASE_URL) && !env.BANGDAN_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["BANGDAN_SECRET"],
        message:
          "远程数据库（DATABASE_URL）必须配置 BANGDAN_SECRET，各台服务器用同一个：否则每台各自生成密钥，投票者的 Cookie 换一台就能再投 / a remote DATABASE_URL needs BANGDAN_SECRET, the same on every machine: each would otherwise generate its own, and a voter's cookie would count again on another machine",
      });
    }
    if (env.NODE_ENV === "production" && !env.PUBLIC_ORIGIN) {
      ctx.addIssue({
        code: "custom",
        path: ["PUBLIC_ORIGIN"],
        message:
          "生产环境必须配置 PUBLIC_ORIGIN（如 https://vote.example.cn），人机验证据此核对令牌的主机名 / production needs PUBLIC_ORIGIN: the bot check matches each token's hostname against it",
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

/** A database other processes on other machines reach too (Turso/libsql, sqld over HTTP or WebSocket). */
export function isRemoteDatabase(url: string): boolean {
  return /^(libsql|https?|wss?):\/\//i.test(url);
}

export class ConfigError extends Error {}

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new ConfigError(`配置无效 / invalid configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

/** Which request header carries the client IP when behind a proxy; undefined = the socket address. */
export function trustedIpHeader(env: Env): string | undefined {
  const v = env.TRUST_PROXY;
  if (!v || v === "false" || v === "0" || v === "no") return undefined;
  if (v === "true" || v === "1" || v === "yes") return "x-forwarded-for";
  return v;
}

/**
 * The embedded default on Node: one process serving the API and the built site on one port, with
 * the database, rate limiter and bot check chosen by configuration.
 */
import { randomBytes } from "node:crypto";
import { existsSync, linkSync, readFileSync, unlinkSync, writeFileSync, mkdirSync } from "node:fs";
import type { IncomingMessage } from "node:http";
import { join, resolve } from "node:path";
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { Hono } from "hono";
import { isLocalUrl, openDatabase, type Database } from "../db/index.ts";
import { createApp } from "./app.ts";
import { isRemoteDatabase, trustedIpHeader, type Env } from "./config.ts";
import type { AppDeps } from "./deps.ts";
import type { ServiceContext } from "./services/context.ts";
import { CatalogStore } from "./read/catalog-store.ts";
import { Leaderboards } from "./read/leaderboard.ts";
import type { BotCheck } from "./ports/bot-check.ts";
import { systemClock, type Clock } from "./ports/clock.ts";
import type { RateLimiter } from "./ports/rate-limit.ts";
import { botCheckFor, checkSecretFingerprint, rateLimiterFor } from "./runtime.ts";
import { voteRateRules, type VoteRateRules } from "./domain/rate-policy.ts";
import { newSecret, Secrets } from "./secrets.ts";
import { seedDemoIfEmpty } from "./services/demo.ts";
import { inlineVoteRecorder, workerVoteRecorder } from "./ports/vote-recorder.ts";
import { schedulePurge } from "./services/purge.ts";
import { flushRefusals, FLUSH_INTERVAL_MS, RefusalCounter } from "./services/refusals.ts";
import { SiteHost } from "./site/host.ts";
import { registerSiteMetaFiles } from "./site/meta-files.ts";
import { serveSite } from "./site/serve.ts";
import { answerClientError } from "./http/client-errors.ts";

export { botCheckFor, checkSecretFingerprint, rateLimiterFor };

export interface ServerOptions {
  env: Env;
  log?: (line: string) => void;
  /** build and serve the static site (default true) */
  site?: boolean;
  /** load the demo campaigns into an empty database (default: outside production, or BANGDAN_DEMO) */
  seedDemo?: boolean;
  clock?: Clock;
  botCheck?: BotCheck;
  rateLimiter?: RateLimiter;
  /** vote request limits (defaults: `voteRateRules`) */
  voteRateRules?: VoteRateRules;
  /** how often to look for catalog changes made by other processes (the CLI) */
  pollMs?: number;
  /** wait before rebuilding the site after a change, so a burst of changes builds once */
  rebuildDelayMs?: number;
  /** how long requests in flight may take to finish when the server closes (default 5 s) */
  drainMs?: number;
  /** write votes from a worker thread when the database is a local file (default true) */
  voteWorker?: boolean;
  /** the first wait before restarting a vote writer thread that keeps stopping, ms (default 1000) */
  voteWorkerBackoffMs?: number;
  /** one line per request through `log` (default true) */
  accessLog?: boolean;
  /** how often the retention purge runs (default daily, the first run a minute after the start; 0: never) */
  purgeEveryMs?: number;
}

export interface RunningServer {
  url: string;
  deps: AppDeps;
  app: Hono;
  site: SiteHost;
  close(): Promise<void>;
}

export function loadSecret(env: Env): string {
  if (env.BANGDAN_SECRET) return env.BANGDAN_SECRET;
  const dir = resolve(env.BANGDAN_DATA_DIR);
  const file = join(dir, "secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dir, { recursive: true });
  const secret = newSecret();
  // Written whole beside it, then linked into place: link fails if the file exists, so several
  // processes starting at once on a fresh directory agree on the first one's secret, and none
  // ever reads a file still being written.
  const draft = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  writeFileSync(draft, secret + "\n", { mode: 0o600, flag: "wx" });
  try {
    linkSync(draft, file);
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return readFileSync(file, "utf8").trim();
  } finally {
    unlinkSync(draft);
  }
}

/** The services' context over an open database: what the CLI works with, and the heart of `buildDeps`. */
export async function serviceContext(
  env: Env,
  options: Pick<ServerOptions, "clock" | "botCheck" | "rateLimiter" | "voteRateRules" | "voteWorker" | "voteWorkerBackoffMs" | "log">,
  db: Database,
): Promise<ServiceContext> {
  const clock = options.clock ?? systemClock;
  const secrets = new Secrets(loadSecret(env));
  await checkSecretFingerprint(db, secrets);
  const votes =
    options.voteWorker !== false && isLocalUrl(env.DATABASE_URL)
      ? await workerVoteRecorder(env.DATABASE_URL, env.DATABASE_AUTH_TOKEN, {
          log: options.log,
          restartBackoffMs: options.voteWorkerBackoffMs,
        })
      : inlineVoteRecorder(db);
  return {
    db,
    votes,
    catalog: new CatalogStore(db),
    leaderboards: new Leaderboards(db.read, clock),
    botCheck: options.botCheck ?? botCheckFor(env),
    rateLimiter: options.rateLimiter ?? rateLimiterFor(env),
    voteRateRules: options.voteRateRules ?? voteRateRules,
    clock,
    secrets,
    refusals: new RefusalCounter(),
  };
}

export async function buildDeps(env: Env, options: Parameters<typeof serviceContext>[1], db: Database): Promise<AppDeps> {
  return {
    ...(await serviceContext(env, options, db)),
    http: {
      ipHeader: trustedIpHeader(env),
      secureCookies: env.PUBLIC_ORIGIN?.startsWith("https:") ? "always" : "auto",
      ...(env.PUBLIC_ORIGIN ? { publicOrigin: new URL(env.PUBLIC_ORIGIN).origin } : {}),
    },
    remoteAddress: (_raw, nodeEnv) => (nodeEnv as { incoming?: IncomingMessage } | undefined)?.incoming?.socket.remoteAddress,
  };
}

/** What the configuration leaves unsafe, said at start: the bot check's test mode, and rate limits other processes cannot see. */
export function startWarnings(env: Env): string[] {
  const lines: string[] = [];
  if (!env.TURNSTILE_SECRET_KEY) {
    lines.push(
      "⚠️  人机验证处于测试模式：未配置 TURNSTILE_SECRET_KEY，只接受测试令牌 XXXX.DUMMY.TOKEN.XXXX。切勿用于正式活动。",
      "⚠️  Bot check is in TEST MODE (no TURNSTILE_SECRET_KEY): only the token XXXX.DUMMY.TOKEN.XXXX is accepted. Never run a real campaign like this.",
    );
  }
  if (env.TURNSTILE_SECRET_KEY && !env.PUBLIC_ORIGIN) {
    lines.push(
      "⚠️  未配置 PUBLIC_ORIGIN：人机验证不核对令牌的主机名（生产环境拒绝这样启动）。",
      "⚠️  No PUBLIC_ORIGIN: the bot check does not match tokens' hostname (production refuses to start so).",
    );
  }
  // Other processes, as far as the configuration itself shows them: a database other machines
  // reach, or a site another process builds. Nothing else here can tell.
  const shared = isRemoteDatabase(env.DATABASE_URL) || env.BANGDAN_SITE !== "build";
  if (shared && env.RATE_LIMIT === "memory") {
    lines.push(
      "⚠️  RATE_LIMIT=memory 只在本进程内计数：多个进程或多台服务器时，每个进程各计各的，每分钟的限额随之成倍放宽。请用 RATE_LIMIT=redis 或 upstash。",
      "⚠️  RATE_LIMIT=memory counts in this process only: with several processes or machines each counts apart and the per-minute limits multiply. Use RATE_LIMIT=redis or upstash.",
    );
  }
  return lines;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { env } = options;
  const log = options.log ?? ((line: string) => console.log(line));
  for (const line of startWarnings(env)) log(line);
  const db = await openDatabase(env.DATABASE_URL, env.DATABASE_AUTH_TOKEN);
  let deps: AppDeps;
  try {
    deps = await buildDeps(env, { ...options, log }, db);
  } catch (error) {
    await db.close(); // a refused start (another BANGDAN_SECRET) leaves nothing open
    throw error;
  }
  // The fictional demo only where it is wanted: a development start, or on request (--demo, BANGDAN_DEMO).
  if (options.seedDemo ?? (env.BANGDAN_DEMO || env.NODE_ENV !== "production")) {
    const seeded = await seedDemoIfEmpty(deps);
    if (seeded.length > 0) log(`loaded demo campaigns: ${seeded.join(", ")}`);
  }
  await deps.catalog.reload();

  const serveStatic = options.site !== false && env.BANGDAN_SITE !== "none";
  const site = new SiteHost({ root: resolve(env.BANGDAN_DATA_DIR, "site") }, deps, {
    serve: serveStatic,
    follow: env.BANGDAN_SITE === "follow",
    rebuildHook: env.BANGDAN_SITE === "build" ? env.SITE_REBUILD_HOOK : undefined,
    siteKey: env.TURNSTILE_SITE_KEY ?? null,
    log,
    delayMs: options.rebuildDelayMs ?? 1000,
  });
  await site.start();

  const app = createApp(deps, options.accessLog === false ? {} : { accessLog: log });
  registerSiteMetaFiles(app, () => (serveStatic ? site.dir : undefined), deps.http.publicOrigin);
  app.get("*", async (c) => (await serveSite(c, serveStatic ? site.dir : undefined)) ?? c.text("Not found", 404));

  const stopPurge = options.purgeEveryMs === 0 ? async () => {} : schedulePurge(deps, { everyMs: options.purgeEveryMs, log });
  const countRefusals = () => flushRefusals(deps).catch((error: unknown) => log(`writing refusal counts failed: ${String(error)}`));
  const refusals = setInterval(countRefusals, FLUSH_INTERVAL_MS);
  refusals.unref();

  const poll = setInterval(() => {
    deps.catalog.refresh().catch((error: unknown) => log(`catalog refresh failed: ${String(error)}`));
  }, options.pollMs ?? 1000);
  poll.unref();

  const server: ServerType = await new Promise((resolveServer) => {
    const s = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, () => resolveServer(s));
    s.on("clientError", answerClientError);
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;
  return {
    url,
    deps,
    app,
    site,
    async close() {
      clearInterval(poll);
      await stopPurge();
      clearInterval(refusals);
      site.stop();
      // Stop taking requests, let the ones in flight finish (a vote is answered only after it
      // committed), then cut whatever is still open.
      const http = server as ServerType & { closeIdleConnections?: () => void; closeAllConnections?: () => void };
      await new Promise<void>((r) => {
        const force = setTimeout(() => http.closeAllConnections?.(), options.drainMs ?? 5000);
        server.close(() => {
          clearTimeout(force);
          r();
        });
        http.closeIdleConnections?.();
      });
      await site.idle();
      await countRefusals();
      await deps.rateLimiter.close?.();
      await deps.votes.close();
      await db.close();
    },
  };
}

/**
 * The edge entry (decision 034): one Worker serving the built site as static assets and the API
 * from a Durable Object with SQLite storage that holds the whole database and its single writer.
 *
 * - The Worker answers site paths from the assets (with the same security headers as on Node) and
 *   hands every /api/ request to the object. One object, named "bangdan", for now: every vote of
 *   every campaign goes through its writer, as through the one Node process's.
 * - The object migrates its database, loads the demo campaigns into an empty one (outside
 *   production, or with BANGDAN_DEMO=1, as `npm start` does), and runs the same `createApp(deps)`
 *   as Node: the same routes, rules, bot check and errors. Rate limits count in the object's memory
 *   by default (every request passes through it), or in Upstash with RATE_LIMIT=upstash.
 * - Fonts come from the static assets the first time an image is drawn; the image renderer's wasm is
 *   a module of the upload (the runtime cannot compile wasm from fetched bytes).
 */
import { Hono } from "hono";
import edgeData from "bangdan-edge-data";
import resvgWasm from "@resvg/resvg-wasm/index_bg.wasm";
import { migrateDurable, openDurableDatabase, type DurableStorage } from "../../db/durable.ts";
import { appendAudit, findActiveToken, insertAdminToken, revokeAdminToken, type Database } from "../../db/index.ts";
import { createApp } from "../app.ts";
import { ConfigError, loadEnv, trustedIpHeader, type Env } from "../config.ts";
import { checkEdgeEnv } from "./config.ts";
import type { AppDeps } from "../deps.ts";
import { fontFileNames, useFontFiles } from "../embeds/glyphs.ts";
import { FONT_PATH } from "./paths.ts";
import { useResvgModule } from "../embeds/image.ts";
import { securityHeaders } from "../http/security-headers.ts";
import { voteRateRules } from "../domain/rate-policy.ts";
import { systemClock } from "../ports/clock.ts";
import { inlineVoteRecorder } from "../ports/vote-recorder.ts";
import { CatalogStore } from "../read/catalog-store.ts";
import { Leaderboards } from "../read/leaderboard.ts";
import { botCheckFor, checkSecretFingerprint, rateLimiterFor } from "../runtime.ts";
import { Secrets, tokenHash } from "../secrets.ts";
import { seedDemoIfEmpty } from "../services/demo.ts";
import { purge } from "../services/purge.ts";
import { flushRefusals, FLUSH_INTERVAL_MS, RefusalCounter } from "../services/refusals.ts";

interface Fetcher {
  fetch(input: Request | string, init?: RequestInit): Promise<Response>;
}

interface DurableNamespace {
  idFromName(name: string): unknown;
  get(id: unknown): Fetcher;
}

interface DurableState {
  storage: DurableStorage;
  blockConcurrencyWhile<T>(work: () => Promise<T>): Promise<T>;
  waitUntil(work: Promise<unknown>): void;
}

export type Bindings = { STORE: DurableNamespace; ASSETS: Fetcher } & Record<string, unknown>;

const STORE_NAME = "bangdan";
const DAY_MS = 86_400_000;

/** The configuration from the Worker's variables and secrets, validated as on Node. */
function edgeEnv(bindings: Bindings): Env {
  const strings = Object.fromEntries(Object.entries(bindings).filter((e): e is [string, string] => typeof e[1] === "string"));
  return checkEdgeEnv(loadEnv(strings));
}

/** The name the edge's organizer token is kept under. */
const EDGE_ADMIN_NAME = "edge-admin";

/**
 * The organizer token of an edge deployment, from the secret BANGDAN_ADMIN_TOKEN: there is no CLI
 * on the object's database, so the first organizer comes from configuration. Kept as a hash like
 * every token; a new value revokes the old one at the next start. Audited as the CLI's would be.
 */
async function keepAdminToken(db: Database, token: string | undefined, now: number): Promise<void> {
  if (token === undefined) return;
  if (token.length < 32) {
    throw new ConfigError("配置无效 / invalid configuration:\n  BANGDAN_ADMIN_TOKEN: 至少 32 个字符 / at least 32 characters");
  }
  const hash = tokenHash(token);
  if (await findActiveToken(db.read, hash)) return;
  await db.writer.run(async (tx) => {
    await revokeAdminToken(tx, EDGE_ADMIN_NAME, now);
    await insertAdminToken(tx, { name: EDGE_ADMIN_NAME, role: "organizer", tokenHash: hash, at: now });
    await appendAudit(tx, {
      at: now,
      actor: "system:edge",
      action: "token.create",
      target: EDGE_ADMIN_NAME,
      details: { role: "organizer" },
    });
  });
}

function httpOf(env: Env): AppDeps["http"] {
  return {
    ipHeader: trustedIpHeader(env),
    secureCookies: env.PUBLIC_ORIGIN?.startsWith("https:") ? "always" : "auto",
    ...(env.PUBLIC_ORIGIN ? { publicOrigin: new URL(env.PUBLIC_ORIGIN).origin } : {}),
  };
}

let fontsLoaded: Promise<void> | undefined;

/** Every font file the images draw with, fetched from the assets once per object. */
function loadFonts(assets: Fetcher, origin: string): Promise<void> {
  fontsLoaded ??= (async () => {
    const get = async (path: string) => {
      const res = await assets.fetch(new Request(new URL(`${FONT_PATH}/${path}`, origin)));
      if (!res.ok) throw new Error(`font asset ${path}: ${res.status}`);
      return res;
    };
    const css = { 400: await (await get("400.css")).text(), 700: await (await get("700.css")).text() };
    const names = [...new Set([...fontFileNames(css[400]), ...fontFileNames(css[700])])];
    const files = new Map(
      await Promise.all(names.map(async (name) => [name, new Uint8Array(await (await get(`files/${name}`)).arrayBuffer())] as const)),
    );
    useFontFiles({
      css: (weight) => css[weight],
      file: (name) => {
        const bytes = files.get(name);
        if (!bytes) throw new Error(`no font file ${name} among the assets`);
        return bytes;
      },
    });
  })().catch((error: unknown) => {
    fontsLoaded = undefined;
    throw error;
  });
  return fontsLoaded;
}

/** The Durable Object holding the database: the API runs here. */
export class BangdanStore {
  #app: Hono | undefined;
  #deps: AppDeps | undefined;
  #startError: unknown;
  #lastFlush = 0;
  #lastPurge = 0;

  constructor(
    private readonly state: DurableState,
    private readonly bindings: Bindings,
  ) {
    void state.blockConcurrencyWhile(async () => {
      try {
        await this.#start();
      } catch (error) {
        this.#startError = error;
      }
    });
  }

  async #start(): Promise<void> {
    const env = edgeEnv(this.bindings);
    await migrateDurable(this.state.storage, edgeData.migrations);
    const db = openDurableDatabase(this.state.storage);
    const secrets = new Secrets(env.BANGDAN_SECRET!);
    await checkSecretFingerprint(db, secrets);
    const adminToken = this.bindings.BANGDAN_ADMIN_TOKEN;
    await keepAdminToken(db, typeof adminToken === "string" ? adminToken : undefined, systemClock.now());
    const deps: AppDeps = {
      db,
      votes: inlineVoteRecorder(db),
      catalog: new CatalogStore(db),
      leaderboards: new Leaderboards(db.read, systemClock),
      botCheck: botCheckFor(env),
      rateLimiter: rateLimiterFor(env),
      voteRateRules,
      clock: systemClock,
      secrets,
      refusals: new RefusalCounter(),
      http: httpOf(env),
      remoteAddress: (raw) => raw.headers.get("cf-connecting-ip") ?? undefined,
    };
    if (env.BANGDAN_DEMO || env.NODE_ENV !== "production") {
      const seeded = await seedDemoIfEmpty(deps, edgeData.demo);
      if (seeded.length > 0) console.log(`loaded demo campaigns: ${seeded.join(", ")}`);
    }
    await deps.catalog.reload();
    const hook = env.SITE_REBUILD_HOOK;
    if (hook) {
      // The site is built elsewhere (CI): a change to the catalog asks for a new build.
      deps.catalog.onChange(() => {
        this.state.waitUntil(
          fetch(hook, { method: "POST" })
            .then((res) => console.log(`site rebuild hook answered ${res.status}`))
            .catch((error: unknown) => console.log(`site rebuild hook failed: ${String(error)}`)),
        );
      });
    }
    useResvgModule(resvgWasm);
    this.#deps = deps;
    this.#app = createApp(deps);
  }

  async fetch(request: Request): Promise<Response> {
    if (!this.#app || !this.#deps) {
      const message = this.#startError instanceof Error ? this.#startError.message : String(this.#startError);
      console.error(`edge store did not start: ${message}`);
      return Response.json({ error: { code: "unavailable", message: "服务未能启动 / the service did not start" } }, { status: 503 });
    }
    const path = new URL(request.url).pathname;
    if (/\.(png|svg)$/.test(path)) await loadFonts(this.bindings.ASSETS, new URL(request.url).origin);
    const response = await this.#app.fetch(request);
    this.#housekeeping();
    return response;
  }

  /** What a Node server does on timers: refusal counts written once a minute, the retention purge daily. */
  #housekeeping(): void {
    const deps = this.#deps!;
    const now = Date.now();
    if (now - this.#lastFlush >= FLUSH_INTERVAL_MS) {
      this.#lastFlush = now;
      this.state.waitUntil(flushRefusals(deps).catch((error: unknown) => console.log(`writing refusal counts failed: ${String(error)}`)));
    }
    if (now - this.#lastPurge >= DAY_MS) {
      this.#lastPurge = now;
      this.state.waitUntil(
        purge(deps, { actor: "system:purge", quietWhenEmpty: true }).catch((error: unknown) =>
          console.log(`purge failed: ${String(error)}`),
        ),
      );
    }
  }
}

let site: Hono | undefined;

/** Site paths: the static assets, with the headers every page gets on Node. */
function siteApp(bindings: Bindings): Hono {
  if (!site) {
    const app = new Hono();
    app.use("*", securityHeaders(httpOf(edgeEnv(bindings))));
    app.all("*", async (c) => {
      const res = await bindings.ASSETS.fetch(c.req.raw);
      // through c.body, so the headers the middleware prepared are sent with it
      const status = res.status as 200;
      const headers = Object.fromEntries(res.headers);
      return res.body ? c.body(res.body, status, headers) : c.body(null, status, headers);
    });
    site = app;
  }
  return site;
}

export default {
  async fetch(request: Request, bindings: Bindings): Promise<Response> {
    const path = new URL(request.url).pathname;
    if (path.startsWith("/api/") || path === "/api") {
      // The runtime compresses what it sends (a body marked Content-Encoding is encoded again), so
      // the app answers uncompressed here.
      const plain = new Request(request);
      plain.headers.delete("accept-encoding");
      return bindings.STORE.get(bindings.STORE.idFromName(STORE_NAME)).fetch(plain);
    }
    return siteApp(bindings).fetch(request);
  },
};

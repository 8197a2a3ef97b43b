/**
 * `npm run edge`: the whole product in workerd on this machine (decision 034), as `npm start` runs
 * it on Node. It prepares data/edge/ and runs `wrangler dev` on wrangler.jsonc:
 *
 * - data.js: the migrations and demo files the Worker carries (it has no disk to read them from);
 * - assets/: the static site, built on Node exactly as `npm start` builds it (its own database in
 *   data/edge/build, the demo loaded the same way; rebuilt only when stale), and the fonts the
 *   images draw with under /_edge/fonts/;
 * - secret: BANGDAN_SECRET, made once (or yours from the environment);
 * - state/: the Durable Object's SQLite storage, kept between starts.
 *
 * Everything under $BANGDAN_DATA_DIR/edge (data/edge by default). Honours PORT and HOST, prints its
 * URL. `--site <dir>` serves an already built site instead of building one; `--no-site` serves the
 * API alone (as `npm start -- --no-site`); `--fresh` starts from an empty store.
 */
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError, loadEnv } from "../api/config.ts";
import { checkEdgeEnv } from "../api/edge/config.ts";
import { fontFileNames } from "../api/embeds/glyphs.ts";
import { FONT_PATH } from "../api/edge/paths.ts";
import { startServer } from "../api/node.ts";
import { newSecret } from "../api/secrets.ts";
import { readDemoFiles } from "../api/services/demo.ts";
import { migrationsFolder } from "../db/client.ts";
import type { Migration } from "../db/durable.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Variables handed to the Worker when set here (the rest of the configuration does not apply on the edge). */
const PASSED = [
  "NODE_ENV",
  "BANGDAN_DEMO",
  "PUBLIC_ORIGIN",
  "TRUST_PROXY",
  "TURNSTILE_SITE_KEY",
  "TURNSTILE_SECRET_KEY",
  "TURNSTILE_VERIFY_URL",
  "RATE_LIMIT",
  "UPSTASH_REDIS_REST_URL",
  "UPSTASH_REDIS_REST_TOKEN",
  "SITE_REBUILD_HOOK",
  "BANGDAN_ADMIN_TOKEN",
];

/** The migrations as drizzle-kit wrote them: the journal's entries with their SQL. */
export function readMigrations(folder = migrationsFolder()): Migration[] {
  const journal = JSON.parse(readFileSync(join(folder, "meta/_journal.json"), "utf8")) as {
    entries: { idx: number; tag: string; when: number; breakpoints: boolean }[];
  };
  return journal.entries.map((e) => ({ ...e, sql: readFileSync(join(folder, `${e.tag}.sql`), "utf8") }));
}

/** The fonts' CSS for the two weights the images use, and every file they name, under assets/_edge/fonts. */
function copyFonts(assets: string): void {
  const pkg = dirname(createRequire(import.meta.url).resolve("@fontsource/noto-sans-sc/package.json"));
  const out = join(assets, FONT_PATH);
  mkdirSync(join(out, "files"), { recursive: true });
  for (const weight of ["400", "700"]) {
    const css = readFileSync(join(pkg, `${weight}.css`), "utf8");
    writeFileSync(join(out, `${weight}.css`), css);
    for (const name of fontFileNames(css)) cpSync(join(pkg, "files", name), join(out, "files", name));
  }
}

/** The site as `npm start` builds it, from its own database with the demo loaded. */
async function buildSite(edgeDir: string, env: Record<string, string>): Promise<string> {
  const dir = join(edgeDir, "build");
  const server = await startServer({
    env: loadEnv({ ...env, DATABASE_URL: `file:${join(dir, "bangdan.db")}`, BANGDAN_DATA_DIR: dir, HOST: "127.0.0.1", PORT: "0" }),
    site: true,
    seedDemo: true,
    accessLog: false,
    voteWorker: false,
    purgeEveryMs: 0,
    log: (line) => (line.startsWith("⚠️") ? undefined : console.log(line)),
  });
  const site = server.site.dir;
  await server.close();
  if (!site) throw new Error("the site was not built");
  return site;
}

/** Copies a built site without its precompressed twins (the edge compresses as it serves). */
function copySite(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true, filter: (src) => !/\.(br|gz)$/.test(src) });
}

/**
 * Writes what the Worker needs into `edgeDir`: its data module, its assets (the site, or none with
 * `site: false`, and the fonts) and the secret. Returns the secret.
 */
export async function prepareEdge(
  edgeDir: string,
  options: { site?: string | false; env: Record<string, string> },
): Promise<{ secret: string }> {
  mkdirSync(edgeDir, { recursive: true });
  const data = { migrations: readMigrations(), demo: readDemoFiles() };
  writeFileSync(join(edgeDir, "data.js"), `export default ${JSON.stringify(data)};\n`);
  const assets = join(edgeDir, "assets");
  if (options.site === false) rmSync(assets, { recursive: true, force: true });
  else copySite(options.site ?? (await buildSite(edgeDir, options.env)), assets);
  copyFonts(assets);
  const secretFile = join(edgeDir, "secret");
  const secret = options.env.BANGDAN_SECRET ?? (existsSync(secretFile) ? readFileSync(secretFile, "utf8").trim() : newSecret());
  if (!options.env.BANGDAN_SECRET) writeFileSync(secretFile, secret + "\n", { mode: 0o600 });
  return { secret };
}

/**
 * wrangler.jsonc with this run's paths: the data module and assets under `edgeDir` (which is not
 * data/edge when BANGDAN_DATA_DIR says otherwise, as in the tests). A command line's --alias does not
 * replace the file's, so the run gets its own config. The file is ours: whole-line comments and
 * trailing commas are all the JSONC it uses.
 */
export function runConfig(edgeDir: string): string {
  const text = readFileSync(join(root, "wrangler.jsonc"), "utf8")
    .split("\n")
    .filter((line) => !line.trim().startsWith("//"))
    .join("\n")
    .replace(/,(\s*[}\]])/g, "$1");
  const config = JSON.parse(text) as { $schema?: string; main: string; assets: { directory: string }; alias: Record<string, string> };
  delete config.$schema;
  config.main = join(root, config.main);
  config.assets.directory = join(edgeDir, "assets");
  config.alias = { ...config.alias, "bangdan-edge-data": join(edgeDir, "data.js") };
  const file = join(edgeDir, "wrangler.json");
  writeFileSync(file, JSON.stringify(config, null, 2) + "\n");
  return file;
}

/**
 * Polls /api/health until it answers 200; false when `gone` says the process ended first, or when
 * the store says it could not start (a bad configuration: the reason is in wrangler's output).
 */
async function waitForHealth(url: string, gone: () => boolean): Promise<boolean> {
  while (!gone()) {
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(30_000) });
      if (res.ok) return true;
      if ((await res.text()).includes("did not start")) return false;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => typeof e[1] === "string"));
  // a bad value stops here, naming the variable, as `npm start` does (the secret is made below)
  const config = checkEdgeEnv(loadEnv({ BANGDAN_SECRET: "checked-below-checked-below-0123456789", ...env }));
  const edgeDir = resolve(config.BANGDAN_DATA_DIR, "edge");
  if (process.argv.includes("--fresh")) rmSync(join(edgeDir, "state"), { recursive: true, force: true });
  const { secret } = await prepareEdge(edgeDir, { site: process.argv.includes("--no-site") ? false : argValue("--site"), env });
  // the Worker's variables and secrets in a file only this user reads (not on a command line)
  const vars = { BANGDAN_SECRET: secret, ...Object.fromEntries(PASSED.filter((name) => env[name]).map((name) => [name, env[name]!])) };
  const varsFile = join(edgeDir, "dev.vars");
  writeFileSync(
    varsFile,
    Object.entries(vars)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}\n`)
      .join(""),
    { mode: 0o600 },
  );
  const inspector = argValue("--inspector-port") ?? String(config.PORT + 1);
  const child = spawn(
    process.execPath,
    [
      join(root, "node_modules/wrangler/bin/wrangler.js"),
      "dev",
      "--config",
      runConfig(edgeDir),
      "--port",
      String(config.PORT),
      "--ip",
      config.HOST,
      "--inspector-port",
      inspector,
      "--persist-to",
      join(edgeDir, "state"),
      "--env-file",
      varsFile,
      "--show-interactive-dev-session=false",
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        // nothing from the network: no usage metrics, no request.cf download
        WRANGLER_SEND_METRICS: "false",
        CLOUDFLARE_CF_FETCH_ENABLED: "false",
        // a line per request travels from workerd to wrangler's Node process and costs most of a
        // request's time on a busy machine: warnings and errors only, unless asked (WRANGLER_LOG=info)
        WRANGLER_LOG: process.env.WRANGLER_LOG ?? "warn",
        NO_UPDATE_NOTIFIER: "1",
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  // Ready once the API answers (the object has migrated and loaded the demo by then).
  const url = `http://${config.HOST.includes(":") ? `[${config.HOST}]` : config.HOST}:${config.PORT}`;
  child.stdout.pipe(process.stdout);
  let refused = false;
  void waitForHealth(url, () => child.exitCode !== null).then((ok) => {
    if (ok) console.log(`bangdan（边缘）已启动 / edge listening on ${url}`);
    else if (child.exitCode === null) {
      console.error("边缘服务未能启动，原因见上 / the edge store did not start; the reason is above");
      refused = true;
      child.kill("SIGTERM");
    }
  });
  const stop = () => child.kill("SIGTERM");
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  child.on("exit", (code) => process.exit(refused ? 1 : (code ?? 0)));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  });
}

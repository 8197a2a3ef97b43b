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
 * Honours PORT and HOST, prints its URL. `--site <dir>` serves an already built site instead of
 * building one (the tests' shared build); `--fresh` starts from an empty store.
 */
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError, loadEnv } from "../api/config.ts";
import { fontFileNames } from "../api/embeds/glyphs.ts";
import { FONT_PATH } from "../api/edge/paths.ts";
import { startServer } from "../api/node.ts";
import { newSecret } from "../api/secrets.ts";
import { readDemoFiles } from "../api/services/demo.ts";
import { migrationsFolder } from "../db/client.ts";
import type { Migration } from "../db/durable.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const edgeDir = join(root, "data/edge");

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
async function buildSite(env: Record<string, string>): Promise<string> {
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

export async function prepareEdge(options: { site?: string; env: Record<string, string> }): Promise<{ secret: string }> {
  mkdirSync(edgeDir, { recursive: true });
  const data = { migrations: readMigrations(), demo: readDemoFiles() };
  writeFileSync(join(edgeDir, "data.js"), `export default ${JSON.stringify(data)};\n`);
  const site = options.site ?? (await buildSite(options.env));
  const assets = join(edgeDir, "assets");
  copySite(site, assets);
  copyFonts(assets);
  const secretFile = join(edgeDir, "secret");
  const secret = options.env.BANGDAN_SECRET ?? (existsSync(secretFile) ? readFileSync(secretFile, "utf8").trim() : newSecret());
  if (!options.env.BANGDAN_SECRET) writeFileSync(secretFile, secret + "\n", { mode: 0o600 });
  return { secret };
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => typeof e[1] === "string"));
  const config = loadEnv(env); // a bad value stops here, naming the variable, as `npm start` does
  if (process.argv.includes("--fresh")) rmSync(join(edgeDir, "state"), { recursive: true, force: true });
  const { secret } = await prepareEdge({ site: argValue("--site"), env });
  const vars = PASSED.filter((name) => env[name]).flatMap((name) => ["--var", `${name}:${env[name]}`]);
  const inspector = argValue("--inspector-port") ?? String(config.PORT + 1);
  const child = spawn(
    process.execPath,
    [
      join(root, "node_modules/wrangler/bin/wrangler.js"),
      "dev",
      "--port",
      String(config.PORT),
      "--ip",
      config.HOST,
      "--inspector-port",
      inspector,
      "--persist-to",
      join(edgeDir, "state"),
      "--show-interactive-dev-session=false",
      "--var",
      `BANGDAN_SECRET:${secret}`,
      ...vars,
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        // nothing from the network: no usage metrics, no request.cf download
        WRANGLER_SEND_METRICS: "false",
        CLOUDFLARE_CF_FETCH_ENABLED: "false",
        WRANGLER_LOG: process.env.WRANGLER_LOG ?? "warn",
        NO_UPDATE_NOTIFIER: "1",
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let announced = false;
  let pending = "";
  child.stdout.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (announced) return;
    pending += chunk.toString();
    if (/Ready on /.test(pending)) {
      announced = true;
      console.log(`bangdan（边缘）已启动 / edge listening on http://${config.HOST}:${config.PORT}`);
    }
  });
  const stop = () => child.kill("SIGTERM");
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  child.on("exit", (code) => process.exit(code ?? 0));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  });
}

/**
 * Lighthouse mobile (its default: a mid-range phone, simulated 4G and CPU slowdown) over the demo's
 * pages, the way SPEC §9 measures them: performance, accessibility, best practices and SEO, with the
 * audits that cost points and the opportunities Lighthouse sees.
 *
 * Usage: npm run lighthouse [-- path…] (default: the home page, /cinn-2024/, /cinn-2024/high-tech/ and
 * that list's first entry). It starts the demo server with a freshly built site on a throwaway
 * database, unless LIGHTHOUSE_BASE names a running one (e.g. http://127.0.0.1:4321). The demo server
 * gets PUBLIC_ORIGIN set to its own address, as a deployment sets it (without it, canonical and
 * hreflang links stay relative and Lighthouse's SEO audit marks hreflang invalid);
 * LIGHTHOUSE_NO_ORIGIN=1 measures the server without it.
 * Chromium is Debian's (/usr/bin/chromium, or CHROMIUM_PATH): nothing here downloads a browser.
 * The machine's speed matters to the performance score (Lighthouse scales its simulation by a CPU
 * benchmark), so compare runs made on the same machine.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import lighthouse, { type Result } from "lighthouse";
import { CHROMIUM, CHROMIUM_ARGS, startDemoSite, type DemoSite } from "./demo-site.ts";

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;

/** Chromium with a DevTools port of its own choosing; resolves once it says which. */
function launchChromium(profile: string): Promise<{ port: number; process: ChildProcess }> {
  const child = spawn(CHROMIUM, [
    ...CHROMIUM_ARGS,
    "--no-default-browser-check",
    `--user-data-dir=${profile}`,
    "--remote-debugging-port=0",
    "about:blank",
  ]);
  return new Promise((resolve, reject) => {
    let said = "";
    child.on("error", (err) => reject(new Error(`cannot start Chromium at ${CHROMIUM}: ${err.message}`)));
    child.on("exit", (code) => reject(new Error(`Chromium exited (${code}) before opening DevTools:\n${said}`)));
    child.stderr.on("data", (chunk: Buffer) => {
      said += chunk.toString();
      const port = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(said)?.[1];
      if (port) resolve({ port: Number(port), process: child });
    });
  });
}

/** The audits that cost points in a category, heaviest first: "title (score)". */
function failing(lhr: Result, category: string): string[] {
  return (lhr.categories[category]?.auditRefs ?? [])
    .map((ref) => ({ ref, audit: lhr.audits[ref.id] }))
    .filter(({ audit }) => audit && audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== "informative")
    .sort((a, b) => b.ref.weight - a.ref.weight || (a.audit!.score ?? 0) - (b.audit!.score ?? 0))
    .map(({ ref, audit }) => `${audit!.id} (${audit!.score}, weight ${ref.weight}): ${audit!.displayValue ?? audit!.title}`);
}

/** Opportunities and diagnostics with estimated savings: "id: title — n ms / n KiB". */
function opportunities(lhr: Result): string[] {
  return Object.values(lhr.audits)
    .filter((a) => a.score !== null && a.score < 1 && a.details?.type === "opportunity")
    .map((a) => {
      const d = a.details as { overallSavingsMs?: number; overallSavingsBytes?: number };
      const ms = d.overallSavingsMs ? `${Math.round(d.overallSavingsMs)} ms` : "";
      const kib = d.overallSavingsBytes ? `${Math.round(d.overallSavingsBytes / 1024)} KiB` : "";
      return `${a.id}: ${a.title} — ${[ms, kib].filter(Boolean).join(" / ") || a.displayValue || ""}`;
    });
}

function report(path: string, lhr: Result): number[] {
  const scores = CATEGORIES.map((c) => Math.round((lhr.categories[c]?.score ?? 0) * 100));
  console.log(`\n${path}`);
  console.log(`  ${CATEGORIES.map((c, i) => `${c} ${scores[i]}`).join(" · ")}`);
  const m = (id: string) => lhr.audits[id]?.displayValue ?? "?";
  console.log(
    `  FCP ${m("first-contentful-paint")} · LCP ${m("largest-contentful-paint")} · TBT ${m("total-blocking-time")} · CLS ${m("cumulative-layout-shift")}`,
  );
  for (const c of CATEGORIES) for (const line of failing(lhr, c).slice(0, 6)) console.log(`  [${c}] ${line}`);
  for (const line of opportunities(lhr).slice(0, 6)) console.log(`  [opportunity] ${line}`);
  return scores;
}

/** A port nobody listens on right now, so PUBLIC_ORIGIN can name it before the server starts. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function demoServer(): Promise<DemoSite> {
  const port = await freePort();
  return startDemoSite("lighthouse", {
    PORT: String(port),
    ...(process.env.LIGHTHOUSE_NO_ORIGIN ? {} : { PUBLIC_ORIGIN: `http://127.0.0.1:${port}` }),
  });
}

/** The default pages: home, campaign, list, and the list's first entry as the API ranks it. */
async function defaultPaths(base: string): Promise<string[]> {
  const res = await fetch(`${base}/api/campaigns/cinn-2024/lists/high-tech/leaderboard`);
  const board = (await res.json()) as { entries: { slug: string }[] };
  const entry = board.entries[0]?.slug;
  return ["/", "/cinn-2024/", "/cinn-2024/high-tech/", ...(entry ? [`/cinn-2024/high-tech/${entry}/`] : [])];
}

/**
 * One Lighthouse run, tried again when the trace itself failed (NO_NAVSTART and the like happen now
 * and then on a busy machine, and say nothing about the page).
 */
async function audit(url: string, port: number, attempts = 3): Promise<Result> {
  for (let attempt = 1; ; attempt++) {
    const result = await lighthouse(url, { port, output: "json", logLevel: "error", onlyCategories: [...CATEGORIES] });
    const error = result ? result.lhr.runtimeError : { code: "NO_RESULT", message: "Lighthouse returned nothing" };
    if (!error) return result!.lhr;
    if (attempt >= attempts) throw new Error(`${url}: ${error.code} ${error.message}`);
    console.log(`${url}: ${error.code}, trying again`);
  }
}

const demo = process.env.LIGHTHOUSE_BASE ? undefined : await demoServer();
// the browser's profile lives with the demo's data, or in a folder of its own against another server
const dir = demo?.dir ?? mkdtempSync(join(tmpdir(), "bangdan-lighthouse-"));
const base = (process.env.LIGHTHOUSE_BASE ?? demo!.server.url).replace(/\/$/, "");
const chrome = await launchChromium(join(dir, "chromium"));
const rows: [string, number[]][] = [];
try {
  const paths = process.argv.slice(2).length > 0 ? process.argv.slice(2) : await defaultPaths(base);
  for (const path of paths) {
    const lhr = await audit(base + path, chrome.port);
    rows.push([path, report(path, lhr)]);
  }
  console.log(`\n${"page".padEnd(48)} ${CATEGORIES.map((c) => c.slice(0, 6).padStart(7)).join("")}`);
  for (const [path, scores] of rows) console.log(`${path.padEnd(48)} ${scores.map((s) => String(s).padStart(7)).join("")}`);
} finally {
  chrome.process.removeAllListeners("exit");
  const exited = new Promise((resolve) => chrome.process.once("exit", resolve));
  chrome.process.kill();
  await exited;
  if (demo) await demo.close();
  else rmSync(dir, { recursive: true, force: true });
}

/**
 * Builds the static site from the database: writes a snapshot JSON, runs `astro build` into a new
 * directory, and only then points `current` at it (a symlink replaced by rename, which is atomic),
 * so the old site keeps serving until the new one is complete.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, readlinkSync, statSync } from "node:fs";
import { mkdir, rename, rm, symlink, writeFile, readdir } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Catalog, CatalogEntry } from "../read/catalog.ts";
import { currentEnd, listState } from "../read/catalog.ts";
import { pinyinOrder } from "../domain/ranking.ts";
import type { StoredIndicatorValue, StoredScore } from "../../db/index.ts";
import { publicIndicators } from "./snapshot-indicators.ts";
import { sheetOf } from "../services/indicators.ts";
import type { SiteSnapshot, SnapshotCampaign, SnapshotEntry, SnapshotPublication } from "../../common/snapshot.ts";
import { dayIn } from "../../common/timeline.ts";
import { rankedSnapshotEntries } from "./snapshot-scores.ts";

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** What the site shows of an entry, before the list adds its figures (votes, rank, score). */
function snapshotEntryFields(e: CatalogEntry): SnapshotEntry {
  return {
    id: e.id,
    slug: e.slug,
    name: e.name,
    kind: e.kind,
    ...(e.region ? { region: e.region } : {}),
    ...(e.sector ? { sector: e.sector } : {}),
    ...(e.summary ? { summary: e.summary } : {}),
    ...(e.description ? { description: e.description } : {}),
    ...(e.categories ? { categories: e.categories } : {}),
    ...(e.body ? { body: e.body } : {}),
    ...(e.sections ? { sections: e.sections } : {}),
    ...(e.images ? { images: e.images } : {}),
    ...(e.logo ? { logo: e.logo } : {}),
    ...(e.photo ? { photo: e.photo } : {}),
    ...(e.submitter ? { submitter: e.submitter } : {}),
    ...(e.recommender ? { recommender: e.recommender } : {}),
    ...(e.revocation ? { revocation: e.revocation } : {}),
  };
}

export function siteSnapshot(
  catalog: Catalog,
  tallies: Map<number, number>,
  now: number,
  turnstileSiteKey: string | null,
  extra: {
    scores?: ReadonlyMap<number, StoredScore[]>;
    /** publications per campaign slug (see api/site-publicity.ts) */
    publications?: Map<string, SnapshotPublication[]>;
    /** the site's public origin, for absolute URLs in embed snippets */
    publicOrigin?: string;
    /** imported indicator figures per list id (public sheets are evaluated into the snapshot) */
    indicatorValues?: ReadonlyMap<number, StoredIndicatorValue[]>;
  } = {},
): SiteSnapshot {
  const {
    scores = new Map<number, StoredScore[]>(),
    publications = new Map<string, SnapshotPublication[]>(),
    publicOrigin,
    indicatorValues = new Map<number, StoredIndicatorValue[]>(),
  } = extra;
  const campaigns: SnapshotCampaign[] = catalog.campaigns.map((c) => {
    const d = c.definition;
    return {
      slug: c.slug,
      title: d.title,
      ...(d.organizer ? { organizer: d.organizer } : {}),
      ...(d.contact ? { contact: d.contact } : {}),
      timezone: c.timezone,
      ...(d.stage ? { stage: d.stage } : {}),
      ...(d.rules ? { rules: d.rules } : {}),
      ...(d.timeline ? { timeline: d.timeline } : {}),
      ...(d.apply ? { apply: d.apply } : {}),
      ...(d.requirements ? { requirements: d.requirements } : {}),
      ...(d.contacts ? { contacts: d.contacts } : {}),
      ...(d.organizerRules ? { organizerRules: d.organizerRules } : {}),
      ...(d.categories?.length ? { categories: d.categories } : {}),
      dimensions: d.dimensions,
      components: d.components,
      lists: c.lists.map((l) => {
        const base = l.entries.map(snapshotEntryFields);
        // ranked lists: the same order, ranks and scores as the public leaderboard (api/read/score-reveal.ts)
        const ranked = l.ranking === "ranked" ? rankedSnapshotEntries(l, base, tallies, scores.get(l.id) ?? [], now) : undefined;
        const entries: SnapshotEntry[] = ranked ? ranked.entries : pinyinOrder(base.map((e) => ({ e, name: e.name.zh }))).map((r) => r.e);
        const sheet = sheetOf(l);
        const indicators =
          sheet?.visibility === "public" ? publicIndicators(l, sheet, indicatorValues.get(l.id) ?? [], scores.get(l.id) ?? []) : undefined;
        const form = d.lists.find((x) => x.slug === l.slug)?.form;
        return {
          slug: l.slug,
          title: l.title,
          ...(l.description ? { description: l.description } : {}),
          ...(form ? { form } : {}),
          ...(indicators ? { indicators } : {}),
          ranking: l.ranking,
          revealScores: l.revealScores,
          ...(ranked?.scoring ? { scoring: ranked.scoring } : {}),
          voting: l.window
            ? {
                opensAt: new Date(l.window.opensAt).toISOString(),
                closesAt: new Date(currentEnd({ ...l, window: l.window }, now)).toISOString(),
                perDay: l.perDay,
                perEntryPerDay: l.perEntryPerDay,
                state: listState(l, now),
              }
            : null,
          entries,
        };
      }),
      publications: publications.get(c.slug) ?? [],
    };
  });
  return { generatedAt: new Date(now).toISOString(), turnstileSiteKey, ...(publicOrigin ? { publicOrigin } : {}), campaigns };
}

/** What decides whether a build is stale: the snapshot without live figures, and the site's sources. */
export function buildKey(snapshot: SiteSnapshot): string {
  const h = createHash("sha256");
  const stable = {
    ...snapshot,
    generatedAt: undefined,
    campaigns: snapshot.campaigns.map((c) => ({
      ...c,
      // a timeline marks today's stage (今天): a build from yesterday is stale
      ...(c.timeline ? { today: dayIn(Date.parse(snapshot.generatedAt), c.timezone) } : {}),
      lists: c.lists.map((l) => ({
        ...l,
        voting: l.voting ? { ...l.voting, state: undefined } : null,
        // live figures (votes, and the vote part of a score) do not make a build stale; imported scores do
        entries: [...l.entries]
          .sort((a, b) => a.id - b.id)
          .map((e) => ({ ...e, votes: undefined, rank: undefined, score: e.score?.cells })),
      })),
    })),
  };
  h.update(JSON.stringify(stable));
  for (const file of sourceFiles()) {
    h.update(file);
    h.update(readFileSync(join(projectRoot, file)));
  }
  return h.digest("hex");
}

/**
 * The whole snapshot a build was made from, live figures and list states included (only the time
 * it was taken left out): finer than the build key, for telling two builds' pages apart. The tests
 * start their servers from one demo build when this matches (tests/helpers/shared-site.ts).
 */
export function snapshotDigest(snapshot: SiteSnapshot): string {
  return createHash("sha256")
    .update(JSON.stringify({ ...snapshot, generatedAt: undefined }))
    .digest("hex");
}

/** The snapshot digest a finished build was made from, or undefined when it has none. */
export function snapshotDigestOf(dir: string): string | undefined {
  try {
    return readFileSync(join(dir, ".snapshot-digest"), "utf8").trim();
  } catch {
    return undefined;
  }
}

function sourceFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(join(projectRoot, dir)).sort()) {
      const rel = join(dir, name);
      const s = statSync(join(projectRoot, rel));
      if (s.isDirectory()) walk(rel);
      else files.push(rel);
    }
  };
  walk("site");
  for (const f of ["astro.config.mjs", "package-lock.json"]) if (existsSync(join(projectRoot, f))) files.push(f);
  return files;
}

export interface SiteDirs {
  /** where builds live: <root>/builds/<id>, <root>/current -> builds/<id> */
  root: string;
}

export function currentSiteDir(dirs: SiteDirs): string | undefined {
  const link = join(dirs.root, "current");
  try {
    const target = readlinkSync(link);
    const dir = resolve(dirs.root, target);
    return existsSync(join(dir, "index.html")) ? dir : undefined;
  } catch {
    return undefined;
  }
}

/** The build key a finished build was made for, or undefined when there is none. */
export function buildKeyOf(dir: string): string | undefined {
  try {
    return readFileSync(join(dir, ".build-key"), "utf8").trim();
  } catch {
    return undefined;
  }
}

/** Runs `astro build` for a snapshot and swaps it in. Resolves with the new directory. */
export async function buildSite(dirs: SiteDirs, snapshot: SiteSnapshot, log: (line: string) => void = () => {}): Promise<string> {
  const id = `${Date.now()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const builds = join(dirs.root, "builds");
  const out = join(builds, id);
  await mkdir(builds, { recursive: true });
  const dataFile = join(builds, `${id}.json`);
  await writeFile(dataFile, JSON.stringify(snapshot));
  const started = Date.now();
  await new Promise<void>((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(projectRoot, "node_modules/astro/astro.js"), "build", "--silent"], {
      cwd: projectRoot,
      // NODE_ENV=production whatever the server runs under: a test run (NODE_ENV=test) would
      // otherwise ship Solid's development build and pages unlike the ones visitors get.
      env: {
        ...process.env,
        NODE_ENV: "production",
        BANGDAN_SITE_DATA: dataFile,
        BANGDAN_SITE_OUT: out,
        BANGDAN_SITE_CACHE: `${out}.cache`,
        ASTRO_TELEMETRY_DISABLED: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolvePromise() : reject(new Error(`astro build failed (${code}):\n${output.slice(-4000)}`)),
    );
  });
  await writeFile(join(out, ".snapshot-digest"), snapshotDigest(snapshot));
  await writeFile(join(out, ".build-key"), buildKey(snapshot));
  await rm(dataFile, { force: true });
  await rm(`${out}.cache`, { recursive: true, force: true });
  const tmpLink = join(dirs.root, `current.${id}`);
  await symlink(relative(dirs.root, out), tmpLink);
  await rename(tmpLink, join(dirs.root, "current"));
  log(`site built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await pruneBuilds(dirs, out);
  return out;
}

/**
 * Keeps the current build and the complete one before it (a request may still be streaming from
 * it). A build still in progress — another process's, sharing this directory — has no build key
 * yet and is left alone; leftovers of a failed build go after an hour.
 */
async function pruneBuilds(dirs: SiteDirs, keep: string): Promise<void> {
  const builds = join(dirs.root, "builds");
  const entries = (await readdir(builds)).filter((n) => n !== basename(keep)).sort();
  const complete = entries.filter((n) => existsSync(join(builds, n, ".build-key")));
  const stale = entries.filter((n) => !complete.includes(n) && Date.now() - statSync(join(builds, n)).mtimeMs > 3_600_000);
  for (const n of [...complete.slice(0, -1), ...stale]) await rm(join(builds, n), { recursive: true, force: true });
}

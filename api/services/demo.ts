/** Loads the demo campaigns into an empty database, their voting windows moved to today. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { campaignCount, getMeta, setMeta } from "../../db/index.ts";
import { shiftDemoCampaign } from "../domain/demo.ts";
import { calendarDay } from "../domain/voting.ts";
import { importCampaign, validateCampaign } from "./campaigns.ts";
import { importIndicators } from "./indicators.ts";
import { importScores } from "./scores.ts";
import type { ServiceContext } from "./context.ts";

/** The demo files' folder, found when first needed (an edge bundle carries the files themselves). */
export const demoDir = (): string => resolve(dirname(fileURLToPath(import.meta.url)), "../../db/demo");

/** Reads a campaign file (YAML or JSON; JSON is YAML). */
export function readCampaignFile(path: string): unknown {
  return parseYaml(readFileSync(path, "utf8"));
}

/** The demo's files: each campaign file's text, and its scores and indicator figures by campaign file name. */
export interface DemoFiles {
  /** file name (sorted) → YAML or JSON text */
  campaigns: [name: string, text: string][];
  /** `<slug>.csv` → its text */
  scores: Record<string, string>;
  indicators: Record<string, string>;
}

/** The demo files from db/demo on disk; an edge bundle carries the same object (scripts/edge.ts). */
export function readDemoFiles(dir = demoDir()): DemoFiles {
  const csvs = (sub: string) =>
    Object.fromEntries(
      existsSync(join(dir, sub))
        ? readdirSync(join(dir, sub))
            .filter((f) => f.endsWith(".csv"))
            .map((f) => [f, readFileSync(join(dir, sub, f), "utf8")])
        : [],
    );
  return {
    campaigns: readdirSync(dir)
      .filter((f) => /\.(ya?ml|json)$/.test(f))
      .sort()
      .map((f) => [f, readFileSync(join(dir, f), "utf8")]),
    scores: csvs("scores"),
    indicators: csvs("indicators"),
  };
}

/** Seeds the demo campaigns when the database has none. Returns the slugs it loaded. */
export async function seedDemoIfEmpty(ctx: ServiceContext, files?: DemoFiles): Promise<string[]> {
  if ((await campaignCount(ctx.db.read)) > 0) return [];
  const demo = files ?? readDemoFiles();
  let day = await getMeta(ctx.db.read, "demo_day");
  if (!day) {
    day = calendarDay(ctx.clock.now(), "Asia/Shanghai");
    const d = day;
    await ctx.db.writer.run((tx) => setMeta(tx, "demo_day", d));
  }
  const loaded: string[] = [];
  for (const [, text] of demo.campaigns) {
    const campaign = shiftDemoCampaign(validateCampaign(parseYaml(text)), day);
    await importCampaign(ctx, { campaign, actor: "system:demo" });
    loaded.push(campaign.slug);
  }
  // Their scores and indicator figures (fictional), so a list whose voting has ended shows its
  // breakdown at once and indicator tables are filled.
  await ctx.catalog.reload();
  const actor = "system:demo";
  const utf8 = new TextEncoder();
  for (const slug of loaded) {
    const scores = demo.scores[`${slug}.csv`];
    if (scores !== undefined) await importScores(ctx, { campaign: slug, bytes: utf8.encode(scores), format: "csv", actor });
    const indicators = demo.indicators[`${slug}.csv`];
    if (indicators !== undefined) await importIndicators(ctx, { campaign: slug, bytes: utf8.encode(indicators), format: "csv", actor });
  }
  return loaded;
}

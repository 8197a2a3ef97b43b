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

export const demoDir = resolve(dirname(fileURLToPath(import.meta.url)), "../../db/demo");

/** Reads a campaign file (YAML or JSON; JSON is YAML). */
export function readCampaignFile(path: string): unknown {
  return parseYaml(readFileSync(path, "utf8"));
}

/** Seeds the demo campaigns when the database has none. Returns the slugs it loaded. */
export async function seedDemoIfEmpty(ctx: ServiceContext): Promise<string[]> {
  if ((await campaignCount(ctx.db.read)) > 0) return [];
  let day = await getMeta(ctx.db.read, "demo_day");
  if (!day) {
    day = calendarDay(ctx.clock.now(), "Asia/Shanghai");
    const d = day;
    await ctx.db.writer.run((tx) => setMeta(tx, "demo_day", d));
  }
  const loaded: string[] = [];
  for (const file of readdirSync(demoDir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()) {
    const campaign = shiftDemoCampaign(validateCampaign(readCampaignFile(join(demoDir, file))), day);
    await importCampaign(ctx, { campaign, actor: "system:demo" });
    loaded.push(campaign.slug);
  }
  // Their scores and indicator figures (fictional), so a list whose voting has ended shows its
  // breakdown at once and indicator tables are filled.
  await ctx.catalog.reload();
  const actor = "system:demo";
  for (const slug of loaded) {
    const scores = join(demoDir, "scores", `${slug}.csv`);
    if (existsSync(scores)) await importScores(ctx, { campaign: slug, bytes: readFileSync(scores), format: "csv", actor });
    const indicators = join(demoDir, "indicators", `${slug}.csv`);
    if (existsSync(indicators)) await importIndicators(ctx, { campaign: slug, bytes: readFileSync(indicators), format: "csv", actor });
  }
  return loaded;
}

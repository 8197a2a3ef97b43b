/**
 * What every reliability run shares: a campaign open around now, a fresh data directory, organizer
 * tokens, and the row counts that must not move. Used by `npm run reliability` at full size and by
 * tests/reliability/ at the size CI affords.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadEnv, type Env } from "../../api/config.ts";
import type { ServiceContext } from "../../api/services/context.ts";
import { importCampaign, validateCampaign } from "../../api/services/campaigns.ts";
import { isoInZone } from "../../api/domain/voting.ts";
import { newAdminToken, tokenHash } from "../../api/secrets.ts";
import { insertAdminToken, listObjections, recentAudit, voteCount } from "../../db/index.ts";

export const DAY = 86_400_000;
export const SLUG = "reliability";

/** A campaign with two ranked lists and an unranked one, open from yesterday for ten days. */
export function reliabilityCampaign(now = Date.now(), entries = 8) {
  const voting = {
    opensAt: isoInZone(now - DAY, "Asia/Shanghai"),
    closesAt: isoInZone(now + 10 * DAY, "Asia/Shanghai"),
    perDay: 3,
    perEntryPerDay: 1,
  };
  const list = (slug: string, ranking: "ranked" | "unranked") => ({
    slug,
    title: { zh: `可靠性测试榜单 ${slug}` },
    ranking,
    voting,
    entries: Array.from({ length: entries }, (_, i) => ({ slug: `${slug}-e${i + 1}`, name: { zh: `${slug} 示例单位 ${i + 1}` } })),
  });
  return {
    slug: SLUG,
    title: { zh: "可靠性测试", en: "Reliability" },
    timezone: "Asia/Shanghai",
    dimensions: [{ key: "innovation", title: { zh: "创新投入" } }],
    components: [
      { key: "research", title: { zh: "案例调研" }, weight: 0.8 },
      { key: "vote", title: { zh: "网络投票" }, weight: 0.2, normalize: "max" },
    ],
    lists: [list("alpha", "ranked"), list("beta", "ranked"), list("gamma", "unranked")],
  };
}

/** A fresh data directory and database file under the system's temp dir (scripts; tests use tests/helpers/env.ts). */
export function scratchEnv(extra: Record<string, string> = {}): Env {
  const dir = mkdtempSync(join(tmpdir(), "bangdan-reliability-"));
  return loadEnv({
    DATABASE_URL: `file:${join(dir, "bangdan.db")}`,
    BANGDAN_DATA_DIR: dir,
    BANGDAN_SECRET: "reliability-secret-reliability-secret-01",
    PORT: "0",
    ...extra,
  });
}

export async function seedReliabilityCampaign(ctx: ServiceContext, entries = 8): Promise<void> {
  await importCampaign(ctx, { campaign: validateCampaign(reliabilityCampaign(Date.now(), entries)), actor: "reliability" });
  await ctx.catalog.reload();
}

export async function makeToken(ctx: ServiceContext, role: "organizer" | "auditor", name: string): Promise<string> {
  const token = newAdminToken();
  await ctx.db.writer.run((tx) => insertAdminToken(tx, { name, role, tokenHash: tokenHash(token), at: Date.now() }));
  return token;
}

/** Entry ids of a list, in the campaign file's order. */
export function listEntryIds(ctx: ServiceContext, list: string): number[] {
  return ctx.catalog.current.list(SLUG, list)!.entries.map((e) => e.id);
}

/** Audit actions that are traces of a call, not an action taken: reads, and refusals of any kind. */
const TRACE_ACTIONS = new Set(["read", "refused", "denied"]);

export interface RowCounts {
  votes: number;
  objections: number;
  /** audit rows of real actions: anything but a read or a refusal */
  realAudit: number;
}

export async function rowCounts(ctx: ServiceContext): Promise<RowCounts> {
  const audit = await recentAudit(ctx.db.read, Number.MAX_SAFE_INTEGER);
  return {
    votes: await voteCount(ctx.db.read),
    objections: (await listObjections(ctx.db.read)).length,
    realAudit: audit.filter((a) => !TRACE_ACTIONS.has(a.action)).length,
  };
}

/** `--size N` from argv, else the default. */
export function sizeArg(argv: string[], fallback: number): number {
  const i = argv.indexOf("--size");
  const n = i >= 0 ? Number(argv[i + 1]) : fallback;
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`--size takes a positive whole number, not ${argv[i + 1]}`);
  return n;
}

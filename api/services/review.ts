/**
 * Fraud review, shared by the admin API and the CLI: find anomalies in a campaign's valid votes,
 * and void votes by filter with a reason. A void is one writer job: the void records (chained),
 * the tallies and tallies per day, and the audit record commit together; nothing in the ledger
 * changes.
 */
import {
  anomalyVotes,
  appendAudit,
  appendVoids,
  botFailureCounts,
  campaignPublications,
  campaignTallies,
  selectVotes,
  voidHead,
  type VoteSelection,
} from "../../db/index.ts";
import { z } from "zod";
import { votingView, type Catalog, type CatalogCampaign } from "../read/catalog.ts";
import { DEFAULT_THRESHOLDS, findAnomalies, type AnomalyThresholds, type AnomalyVote, type Cluster } from "../domain/anomalies.ts";
import { GENESIS_HASH, voidChainHash } from "../domain/ledger.ts";
import { everOpened } from "../domain/voting.ts";
import { AppError } from "../errors.ts";
import type { ServiceContext } from "./context.ts";
import { publicationHead } from "./publicity.ts";
import { flushRefusals } from "./refusals.ts";

export function requireCampaign(catalog: Catalog, slug: string): CatalogCampaign {
  const campaign = catalog.campaign(slug);
  if (!campaign) throw new AppError("not_found", { zh: `找不到活动 ${slug}`, en: `No such campaign ${slug}` });
  return campaign;
}

// POST /api/admin/votes/void's body (and the CLI's `void --filter`)
const slug = z.string().regex(/^[a-z0-9-]{1,64}$/, "须为小写字母、数字或连字符");
const hash = z.string().regex(/^[0-9a-f]{64}$/, "须为 64 位十六进制哈希");
const instant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, "须为带时区偏移的 ISO 8601 时间")
  .refine((s) => !Number.isNaN(Date.parse(s)), "不是有效的时间");

export const voidRequestSchema = z
  .object({
    filter: z
      .object({
        campaign: slug,
        list: slug.optional(),
        voteIds: z.array(z.string().min(1).max(64)).min(1).max(10_000).optional(),
        voterHash: hash.optional(),
        ipHash: hash.optional(),
        ipPrefixHash: hash.optional(),
        deviceHash: hash.optional(),
        entryId: z.number().int().positive().optional(),
        from: instant.optional(),
        to: instant.optional(),
      })
      .strict(),
    reason: z.string().trim().min(1, "请写明作废理由").max(500, "理由不超过 500 字"),
    dryRun: z.boolean().optional(),
  })
  .strict();

/** POST /api/admin/votes/void's filter, as the API takes it (times as ISO 8601, both inclusive). */
export interface VoidFilter {
  campaign: string;
  list?: string;
  voteIds?: string[];
  voterHash?: string;
  ipHash?: string;
  ipPrefixHash?: string;
  deviceHash?: string;
  entryId?: number;
  from?: string;
  to?: string;
}

export function toSelection(catalog: Catalog, f: VoidFilter): VoteSelection {
  const campaign = requireCampaign(catalog, f.campaign);
  let listId: number | undefined;
  if (f.list !== undefined) {
    const list = catalog.list(f.campaign, f.list);
    if (!list) throw new AppError("not_found", { zh: `找不到榜单 ${f.campaign}/${f.list}`, en: `No such list ${f.campaign}/${f.list}` });
    listId = list.id;
  }
  const from = f.from === undefined ? undefined : Date.parse(f.from);
  const to = f.to === undefined ? undefined : Date.parse(f.to);
  if (from !== undefined && to !== undefined && from > to)
    throw new AppError("invalid_request", { zh: "from 不能晚于 to", en: "from must not be after to" });
  const narrowed = [listId, f.voteIds, f.voterHash, f.ipHash, f.ipPrefixHash, f.deviceHash, f.entryId, from, to].some(
    (x) => x !== undefined,
  );
  // A filter naming only the campaign would void every vote in it: never what fraud review means.
  if (!narrowed)
    throw new AppError("invalid_request", {
      zh: "筛选条件过宽：除活动外至少还需一个条件",
      en: "The filter must narrow the campaign by at least one more field",
    });
  return {
    campaignId: campaign.id,
    listId,
    voteIds: f.voteIds,
    voterHash: f.voterHash,
    ipHash: f.ipHash,
    ipPrefixHash: f.ipPrefixHash,
    deviceHash: f.deviceHash,
    entryId: f.entryId,
    from,
    to,
  };
}

export interface VoidResult {
  voided: number;
  dryRun: boolean;
  /** the lists whose tallies moved (for the caller to refresh its leaderboards) */
  listIds: number[];
  perEntry: { entryId: number; votes: number }[];
}

/**
 * Voids every not-yet-voided vote the filter selects. A dry run counts them and changes nothing
 * but the audit log (an organizer's look at what a void would do is itself worth a trace).
 */
export async function voidVotes(
  ctx: ServiceContext,
  input: { filter: VoidFilter; reason: string; actor: string; dryRun: boolean },
): Promise<VoidResult> {
  const { filter, reason, actor, dryRun } = input;
  const catalog = ctx.catalog.current;
  const selection = toSelection(catalog, filter);
  return ctx.db.writer.run(async (tx) => {
    const at = ctx.clock.now();
    const selected = await selectVotes(tx, selection);
    const perEntry = new Map<number, number>();
    for (const v of selected) perEntry.set(v.entryId, (perEntry.get(v.entryId) ?? 0) + 1);
    if (!dryRun && selected.length > 0) {
      let head = (await voidHead(tx)) ?? { seq: 0, hash: GENESIS_HASH };
      const rows = selected.map((v) => {
        const record = { seq: head.seq + 1, voteSeq: v.seq, voteHash: v.hash, reason, actor, at };
        const hash = voidChainHash(head.hash, record);
        const row = {
          seq: record.seq,
          voteSeq: v.seq,
          campaignId: v.campaignId,
          listId: v.listId,
          entryId: v.entryId,
          reason,
          actor,
          at,
          prevHash: head.hash,
          hash,
          day: v.day,
        };
        head = { seq: record.seq, hash };
        return row;
      });
      await appendVoids(tx, rows);
    }
    await appendAudit(tx, {
      at,
      actor,
      action: dryRun ? "votes.void.dry_run" : "votes.void",
      target: filter.campaign,
      details: {
        filter,
        reason,
        count: selected.length,
        ...(selected.length ? { firstSeq: selected[0]!.seq, lastSeq: selected.at(-1)!.seq } : {}),
      },
    });
    return {
      voided: selected.length,
      dryRun,
      listIds: [...new Set(selected.map((v) => v.listId))],
      perEntry: [...perEntry].map(([entryId, votes]) => ({ entryId, votes })),
    };
  });
}

export interface AnomalyReport {
  kind: Cluster["kind"];
  campaign: string;
  list: string;
  key: string;
  from: string;
  to: string;
  votes: number;
  voters: number;
  entries: number;
  failures?: number;
  entry?: { id: number; name: string };
  filter: VoidFilter;
}

/** The clusters worth a look in a campaign's valid votes, each with the filter that selects its votes. */
export async function campaignAnomalies(
  ctx: ServiceContext,
  input: { campaign: string; since?: number; thresholds?: AnomalyThresholds },
): Promise<AnomalyReport[]> {
  const { campaign: campaignSlug, ...options } = input;
  const catalog = ctx.catalog.current;
  const campaign = requireCampaign(catalog, campaignSlug);
  // failed bot checks are counted per minute and prefix (api/services/refusals.ts); the last minutes' are still in memory
  await flushRefusals(ctx);
  const failures = (
    await botFailureCounts(ctx.db.read, campaign.id, options.since === undefined ? undefined : options.since - (options.since % 60_000))
  ).map((f) => ({
    at: f.minute,
    until: f.minute + 59_999,
    ipPrefixHash: f.ipPrefixHash,
    count: f.count,
  }));
  // Read in pages, and keep one copy of each repeated hash: a million votes share few prefixes and
  // devices, and the review then holds a fraction of what the raw rows would take.
  const votes: AnomalyVote[] = [];
  const interned = new Map<string, string>();
  const intern = (s: string) => {
    const found = interned.get(s);
    if (found !== undefined) return found;
    interned.set(s, s);
    return s;
  };
  for (let after = 0; ;) {
    const page = await anomalyVotes(ctx.db.read, campaign.id, options.since, after, 20_000);
    for (const v of page)
      votes.push({ ...v, voterHash: intern(v.voterHash), ipPrefixHash: intern(v.ipPrefixHash), deviceHash: intern(v.deviceHash) });
    if (page.length < 20_000) break;
    after = page.at(-1)!.seq;
  }
  const clusters = findAnomalies(votes, failures, options.thresholds ?? DEFAULT_THRESHOLDS);
  const listSlug = new Map(campaign.lists.map((l) => [l.id, l.slug]));
  return clusters.map((c) => {
    const list = listSlug.get(c.listId) ?? String(c.listId);
    const entry = c.filter.entryId !== undefined ? catalog.entry(c.filter.entryId) : undefined;
    return {
      kind: c.kind,
      campaign: campaign.slug,
      list,
      key: c.key,
      from: new Date(c.from).toISOString(),
      to: new Date(c.to).toISOString(),
      votes: c.votes,
      voters: c.voters,
      entries: c.entries,
      ...(c.failures !== undefined ? { failures: c.failures } : {}),
      ...(entry ? { entry: { id: entry.id, name: entry.name.zh } } : {}),
      filter: {
        campaign: campaign.slug,
        list,
        ...(c.filter.ipPrefixHash !== undefined ? { ipPrefixHash: c.filter.ipPrefixHash } : {}),
        ...(c.filter.deviceHash !== undefined ? { deviceHash: c.filter.deviceHash } : {}),
        ...(c.filter.entryId !== undefined ? { entryId: c.filter.entryId } : {}),
        from: new Date(c.filter.from).toISOString(),
        to: new Date(c.filter.to).toISOString(),
      },
    };
  });
}

/**
 * Every campaign's lists with their valid and voided counts now: the console's first screen. Titles
 * in `lang` (the caller's Accept-Language): the English console names campaigns and lists in English
 * where the campaign file gives an English title, else in Chinese.
 */
export async function campaignOverview(ctx: ServiceContext, lang: "zh" | "en" = "zh") {
  const inLang = (t: { zh: string; en?: string }) => (lang === "en" && t.en ? t.en : t.zh);
  const now = ctx.clock.now();
  const campaigns = [];
  for (const campaign of ctx.catalog.current.campaigns) {
    const tallies = await campaignTallies(ctx.db.read, campaign.id);
    const publications = await campaignPublications(ctx.db.read, campaign.id);
    campaigns.push({
      slug: campaign.slug,
      title: inLang(campaign.title),
      // whether the eligibility and indicator views have anything to show
      indicators: campaign.definition.lists.some((l) => l.indicators !== undefined),
      // whether experts score a component here (the console's 专家评审 view)
      scoring: campaign.definition.components.some((x) => x.scoredBy === "experts"),
      publications: publications.map((p) => {
        const { id, kind, startsAt, endsAt, state, ...head } = publicationHead(p, campaign.timezone, now);
        return { id, kind, ...("list" in head ? { list: head.list } : {}), startsAt, endsAt, state };
      }),
      lists: campaign.lists.map((l) => {
        let valid = 0;
        let voided = 0;
        for (const e of l.entries) {
          valid += tallies.get(e.id)?.votes ?? 0;
          voided += tallies.get(e.id)?.voided ?? 0;
        }
        return {
          slug: l.slug,
          title: inLang(l.title),
          ranking: l.ranking,
          entries: l.entries.length,
          voting: { ...votingView(l, now), everOpened: everOpened(l.window, l.overrides, now, valid + voided) },
          votes: valid,
          voided,
        };
      }),
    });
  }
  return campaigns;
}

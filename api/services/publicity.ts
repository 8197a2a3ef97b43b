/**
 * Publicity (公示): publishing preliminary and final lists, objections, and what other parts of the
 * system ask about them. Shared by the admin API, the public API and the CLI. Every figure a
 * publication shows comes from the leaderboard view; the snapshot is frozen as text with its sha256.
 */
import { createHash, randomInt } from "node:crypto";
import { isIP } from "node:net";
import {
  appendAudit,
  bumpCatalogVersion,
  campaignPublications,
  findObjection,
  findPublication,
  hasFinalPublication as hasFinalPublicationRow,
  insertObjection,
  insertPublication,
  listObjections,
  resolveObjectionRow,
  type StoredObjection,
  type StoredPublication,
} from "../../db/index.ts";
import { officialCalendar, calendarYears } from "../ports/calendar.ts";
import type { CatalogCampaign, CatalogList } from "../read/catalog.ts";
import type { ServiceContext } from "./context.ts";
import {
  designationOf,
  publicationState,
  publicityPeriod,
  publishedEntry,
  type PublicationKind,
  type PublicationState,
  type PublishedEntry,
} from "../domain/publicity.ts";
import { isoInZone } from "../domain/voting.ts";
import { UnknownCalendarYearError, type OfficialCalendarData } from "../domain/working-days.ts";
import { AppError } from "../errors.ts";
import { objectionRateChecks } from "../domain/rate-policy.ts";
import { enforceRateLimits, ipLimitKey } from "./rate-limits.ts";

export const DEFAULT_WORKING_DAYS = 5;

export interface PublicationSnapshot {
  campaign: { slug: string; title: string; titleEn?: string };
  lists: { slug: string; title: string; titleEn?: string; ranking: "ranked" | "unranked"; entries: PublishedEntry[] }[];
}

export interface PublishInput {
  kind: PublicationKind;
  list?: string;
  /** ISO 8601 with offset; default now */
  startsAt?: string;
  workingDays?: number;
  /** an explicit end (ISO 8601 with offset) instead of the calendar's, e.g. for a year not yet scheduled */
  endsAt?: string;
  /** final lists: entries (ids or slugs) the organizer drops besides those with upheld objections */
  exclude?: (number | string)[];
}

function findCampaign(ctx: Pick<ServiceContext, "catalog">, slug: string): CatalogCampaign {
  const campaign = ctx.catalog.current.campaign(slug);
  if (!campaign) throw new AppError("not_found", { zh: `找不到活动 ${slug}`, en: `No such campaign ${slug}` });
  return campaign;
}

function covers(p: { listSlug: string | null }, list: string | undefined): boolean {
  return p.listSlug === null || list === undefined || p.listSlug === list;
}

export function unknownYearError(year: number, calendar: OfficialCalendarData = officialCalendar()): AppError {
  const { last } = calendarYears(calendar);
  return new AppError("unprocessable", {
    zh: `公示期将延伸至 ${year} 年，但 ${year} 年的法定节假日和调休安排尚未收录（日历数据截至 ${last} 年），无法按工作日计算结束日期。请在国务院办公厅公布安排并更新日历数据后再发布，或直接指定结束时间（接口的 endsAt，命令行的 --ends-at）。`,
    en: `The period reaches ${year}, whose official holiday schedule is not in the calendar data (which ends with ${last}); working days cannot be counted. Publish once the schedule is published and the data updated, or give an explicit endsAt.`,
  });
}

/** A preliminary list's period: N working days on the official calendar, or the organizer's end. */
function preliminaryPeriod(campaign: CatalogCampaign, input: PublishInput, startsAt: number): { endsAt: number; workingDays: number } {
  const workingDays = input.workingDays ?? campaign.definition.publicity?.workingDays ?? DEFAULT_WORKING_DAYS;
  if (input.endsAt !== undefined) {
    const endsAt = Date.parse(input.endsAt);
    if (!(endsAt > startsAt))
      throw new AppError("invalid_request", { zh: "endsAt 必须晚于 startsAt", en: "endsAt must be after startsAt" });
    return { endsAt, workingDays };
  }
  try {
    return { endsAt: publicityPeriod(officialCalendar(), startsAt, workingDays, campaign.timezone).endsAt, workingDays };
  } catch (error) {
    if (error instanceof UnknownCalendarYearError) throw unknownYearError(error.year);
    throw error;
  }
}

/**
 * What a final list leaves out: entries with upheld objections against the list's preliminary
 * publications, and those the organizer excludes. Refused while a preliminary period still runs.
 */
async function finalListDrops(
  ctx: ServiceContext,
  campaign: CatalogCampaign,
  lists: CatalogList[],
  input: PublishInput,
  now: number,
): Promise<Set<number>> {
  const earlier = await campaignPublications(ctx.db.read, campaign.id);
  const running = earlier.find((p) => p.kind === "preliminary" && covers(p, input.list) && publicationState(p, now) !== "ended");
  if (running) {
    throw new AppError("conflict", {
      zh: `公示期尚未结束（公示 #${running.id} 至 ${isoInZone(running.endsAt, campaign.timezone)}），结束后才能发布正式名单`,
      en: `The publicity period of publication #${running.id} has not ended yet; publish the final list after it`,
    });
  }
  const dropped = new Set<number>();
  const preliminaryIds = earlier.filter((p) => p.kind === "preliminary" && covers(p, input.list)).map((p) => p.id);
  for (const o of await listObjections(ctx.db.read, { publicationIds: preliminaryIds })) {
    if (o.status === "upheld") dropped.add(o.entryId);
  }
  for (const ref of input.exclude ?? []) {
    const entry = lists.flatMap((l) => l.entries).find((e) => e.id === ref || e.slug === ref);
    if (!entry)
      throw new AppError("invalid_request", {
        zh: `exclude 中的 ${ref} 不在所发布的榜单中`,
        en: `${ref} in exclude is not in the published lists`,
      });
    dropped.add(entry.id);
  }
  return dropped;
}

/** The lists' leaderboard views as of this instant, without the dropped entries, named as designated. */
async function freezeLists(
  ctx: ServiceContext,
  campaign: CatalogCampaign,
  lists: CatalogList[],
  version: number,
  dropped: Set<number>,
): Promise<PublicationSnapshot> {
  const snapshot: PublicationSnapshot = {
    campaign: { slug: campaign.slug, title: campaign.title.zh, ...(campaign.title.en ? { titleEn: campaign.title.en } : {}) },
    lists: [],
  };
  for (const list of lists) {
    // Figures as of this instant, not as of the last cached read.
    ctx.leaderboards.invalidate(list.id);
    const { board } = await ctx.leaderboards.view(list, version);
    const ranked = list.ranking === "ranked";
    // The name each entry is recognised under, frozen with the list (on the preliminary list too:
    // the publicity is of the names to be recognised, 拟认定).
    const template = campaign.definition.lists.find((l) => l.slug === list.slug)?.designation;
    const categoriesOf = new Map(list.entries.map((e) => [e.id, e.categories]));
    const named = (id: number) =>
      template ? designationOf(template, categoriesOf.get(id), campaign.definition.categories ?? []) : undefined;
    snapshot.lists.push({
      slug: list.slug,
      title: list.title.zh,
      ...(list.title.en ? { titleEn: list.title.en } : {}),
      ranking: list.ranking,
      entries: board.entries.filter((e) => !dropped.has(e.id)).map((e) => publishedEntry(e, ranked, named(e.id))),
    });
  }
  return snapshot;
}

/** A publication as it would be made now: its lists, period, dropped entries and frozen snapshot (nothing written). */
export async function planPublication(ctx: ServiceContext, input: PublishInput & { campaign: string }) {
  const { campaign: campaignSlug } = input;
  const catalog = await ctx.catalog.refresh();
  const campaign = findCampaign(ctx, campaignSlug);
  let lists: CatalogList[] = campaign.lists;
  if (input.list !== undefined) {
    const list = catalog.list(campaignSlug, input.list);
    if (!list)
      throw new AppError("not_found", { zh: `找不到榜单 ${campaignSlug}/${input.list}`, en: `No such list ${campaignSlug}/${input.list}` });
    lists = [list];
  }
  const now = ctx.clock.now();
  const startsAt = input.startsAt !== undefined ? Date.parse(input.startsAt) : now;
  const { endsAt, workingDays, dropped } =
    input.kind === "preliminary"
      ? { ...preliminaryPeriod(campaign, input, startsAt), dropped: new Set<number>() }
      : // A final list is an announcement, not a period: no objections are taken on it.
        { endsAt: startsAt, workingDays: 0, dropped: await finalListDrops(ctx, campaign, lists, input, now) };
  const snapshot = await freezeLists(ctx, campaign, lists, catalog.version, dropped);
  return { campaign, startsAt, endsAt, workingDays, dropped, snapshot };
}

/**
 * Publishes a preliminary or final list for one list or the whole campaign. The snapshot takes the
 * leaderboard view as it stands now; a final list leaves out entries with upheld objections against
 * an earlier preliminary publication of the same list, and any the organizer excludes.
 */
export async function createPublication(
  ctx: ServiceContext,
  input: PublishInput & { campaign: string; actor: string },
): Promise<StoredPublication> {
  const { actor } = input;
  const { campaign, startsAt, endsAt, workingDays, dropped, snapshot } = await planPublication(ctx, input);
  const text = JSON.stringify(snapshot);
  const sha256 = createHash("sha256").update(text, "utf8").digest("hex");

  const id = await ctx.db.writer.run(async (tx) => {
    const at = ctx.clock.now();
    const newId = await insertPublication(tx, {
      campaignId: campaign.id,
      kind: input.kind,
      listSlug: input.list ?? null,
      startsAt,
      endsAt,
      workingDays,
      snapshot: text,
      sha256,
      createdAt: at,
      createdBy: actor,
    });
    await appendAudit(tx, {
      at,
      actor,
      action: `publication.${input.kind}`,
      target: input.list ? `${campaign.slug}/${input.list}` : campaign.slug,
      details: { id: newId, startsAt, endsAt, workingDays, sha256, dropped: [...dropped] },
    });
    // The site rebuilds when the catalog version moves: the publicity and results pages follow.
    await bumpCatalogVersion(tx);
    return newId;
  });
  return (await findPublication(ctx.db.read, id))!;
}

/** A publication's public head (no snapshot), times in the campaign's zone. */
export function publicationHead(p: StoredPublication, timeZone: string, now: number) {
  return {
    id: p.id,
    kind: p.kind,
    ...(p.listSlug ? { list: p.listSlug } : {}),
    startsAt: isoInZone(p.startsAt, timeZone),
    endsAt: isoInZone(p.endsAt, timeZone),
    workingDays: p.workingDays,
    sha256: p.sha256,
    state: publicationState(p, now) satisfies PublicationState,
  };
}

export async function campaignPublicationList(ctx: ServiceContext, input: { campaign: string }) {
  const campaignSlug = input.campaign;
  const campaign = findCampaign(ctx, campaignSlug);
  const now = ctx.clock.now();
  return (await campaignPublications(ctx.db.read, campaign.id)).map((p) => publicationHead(p, campaign.timezone, now));
}

/**
 * `GET /api/publications/{id}`: the stored snapshot text is spliced in as it is, so the bytes a
 * client hashes are the bytes that were hashed at publication.
 */
export async function publicationBody(ctx: ServiceContext, input: { id: number }): Promise<string> {
  const { id } = input;
  const p = await findPublication(ctx.db.read, id);
  if (!p) throw new AppError("not_found", { zh: "找不到该公示", en: "No such publication" });
  const timeZone = ctx.catalog.current.campaign(p.campaignSlug)?.timezone ?? "Asia/Shanghai";
  const head = publicationHead(p, timeZone, ctx.clock.now());
  const { id: _id, kind, sha256, ...rest } = head;
  const meta = JSON.stringify({ id: p.id, campaign: p.campaignSlug, kind, ...rest, sha256, createdAt: isoInZone(p.createdAt, timeZone) });
  return `${meta.slice(0, -1)},"snapshot":${p.snapshot}}`;
}

/** Whether a final list was published for the list (or, without one, any part of the campaign). */
export async function hasFinalPublication(ctx: ServiceContext, input: { campaign: string; list?: string }): Promise<boolean> {
  const campaign = findCampaign(ctx, input.campaign);
  return hasFinalPublicationRow(ctx.db.read, campaign.id, input.list);
}

// ---------------------------------------------------------------------------------------------
// Objections

export interface ObjectionRequest {
  publicationId: number;
  entryId: number;
  name: string;
  contact: string;
  reason: string;
  evidence?: string;
  token: string;
  ip: string;
}

/** Twelve digits in groups of four: easy to read out on the phone, nothing to mistake for a letter. */
export function newReceipt(): string {
  const group = () => String(randomInt(0, 10_000)).padStart(4, "0");
  return `${group()}-${group()}-${group()}`;
}

export async function submitObjection(ctx: ServiceContext, req: ObjectionRequest): Promise<{ receipt: string }> {
  const receivedAt = ctx.clock.now();
  const p = await findPublication(ctx.db.read, req.publicationId);
  if (!p) throw new AppError("not_found", { zh: "找不到该公示", en: "No such publication" });
  const snapshot = JSON.parse(p.snapshot) as PublicationSnapshot;
  if (!snapshot.lists.some((l) => l.entries.some((e) => e.id === req.entryId))) {
    throw new AppError("not_found", { zh: "本次公示名单中没有该对象", en: "This entry is not in the publication" });
  }
  if (publicationState(p, receivedAt) !== "open") throw new AppError("publicity_closed");

  const ipHash = ctx.secrets.ipHash(req.ip);
  await enforceRateLimits(ctx, objectionRateChecks({ ip: ipLimitKey(ctx, req.ip) }), receivedAt);
  const check = await ctx.botCheck.verify({ token: req.token, remoteIp: isIP(req.ip) ? req.ip : undefined, action: "objection" });
  if (!check.ok)
    throw new AppError(
      check.reason === "unavailable" ? "bot_check_unavailable" : "bot_check_failed",
      check.reason === "unavailable"
        ? undefined
        : { zh: "人机验证未通过，请重新验证后再提交", en: "The bot check failed; please verify again" },
    );

  return ctx.db.writer.run(async (tx) => {
    for (let attempt = 0; attempt < 10; attempt++) {
      const receipt = newReceipt();
      const id = await insertObjection(tx, {
        publicationId: p.id,
        campaignId: p.campaignId,
        entryId: req.entryId,
        receipt,
        name: req.name,
        contact: req.contact,
        reason: req.reason,
        evidence: req.evidence ?? null,
        ipHash,
        createdAt: receivedAt,
      });
      if (id !== undefined) {
        // The audit names the objection, never its sender.
        await appendAudit(tx, {
          at: receivedAt,
          actor: "public",
          action: "objection.create",
          target: `objection:${id}`,
          details: { publication: p.id, entry: req.entryId, receipt },
        });
        return { receipt };
      }
    }
    throw new Error("could not draw a free receipt number");
  });
}

/** An objection as organizers see it: with name and contact. Never for a public response. */
function objectionView(o: StoredObjection, ctx: Pick<ServiceContext, "catalog">) {
  const entry = ctx.catalog.current.entry(o.entryId);
  const campaign = ctx.catalog.current.campaigns.find((c) => c.id === o.campaignId);
  const tz = campaign?.timezone ?? "Asia/Shanghai";
  return {
    id: o.id,
    receipt: o.receipt,
    publicationId: o.publicationId,
    campaign: campaign?.slug,
    entry: { id: o.entryId, ...(entry ? { slug: entry.slug, name: entry.name.zh, list: entry.list.slug } : {}) },
    name: o.name,
    contact: o.contact,
    reason: o.reason,
    ...(o.evidence ? { evidence: o.evidence } : {}),
    createdAt: isoInZone(o.createdAt, tz),
    status: o.status,
    ...(o.resolvedAt !== null ? { resolution: { note: o.resolutionNote ?? "", at: isoInZone(o.resolvedAt, tz), by: o.resolvedBy } } : {}),
  };
}

/** A campaign's objections with contacts, for the organizers' list and export. */
export async function campaignObjections(ctx: ServiceContext, input: { campaign?: string } = {}) {
  const campaignSlug = input.campaign;
  const campaignId = campaignSlug !== undefined ? findCampaign(ctx, campaignSlug).id : undefined;
  const rows = await listObjections(ctx.db.read, campaignId !== undefined ? { campaignId } : {});
  return rows.map((o) => objectionView(o, ctx));
}

export async function resolveObjection(
  ctx: ServiceContext,
  input: { id: number; resolution: "upheld" | "rejected"; note: string; actor: string },
) {
  const { id, actor, ...resolution } = input;
  const existing = await findObjection(ctx.db.read, id);
  if (!existing) throw new AppError("not_found", { zh: "找不到该异议", en: "No such objection" });
  await ctx.db.writer.run(async (tx) => {
    const at = ctx.clock.now();
    await resolveObjectionRow(tx, id, { status: resolution.resolution, note: resolution.note, at, by: actor });
    await appendAudit(tx, {
      at,
      actor,
      action: "objection.resolve",
      target: `objection:${id}`,
      details: { resolution: resolution.resolution, previous: existing.status },
    });
  });
  return objectionView((await findObjection(ctx.db.read, id))!, ctx);
}

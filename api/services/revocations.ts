/**
 * Revocation (摘牌), shared by the admin API and the CLI so the rules are one: an organizer records
 * that a designated entry lost its designation, with the day and the reason. The publications stay
 * byte for byte as published; the entry carries the revocation in the catalog, the public JSON and
 * the site, which rebuilds because the catalog version moves.
 */
import { z } from "zod";
import {
  appendAudit,
  bumpCatalogVersion,
  campaignPublications,
  campaignRevocations,
  findRevocation,
  insertRevocation,
  type StoredPublication,
} from "../../db/index.ts";
import { dayInZone } from "../domain/publicity.ts";
import { findEntryRef, revocationRefusal } from "../domain/revocation.ts";
import { isoInZone } from "../domain/voting.ts";
import { isCalendarDay } from "../domain/working-days.ts";
import { AppError } from "../errors.ts";
import type { CatalogCampaign } from "../read/catalog.ts";
import type { ServiceContext } from "./context.ts";
import type { PublicationSnapshot } from "./publicity.ts";

export const REASON_MAX = 500;

/** The request as the API and the CLI take it: one set of rules for both. */
export const revocationRequestSchema = z
  .object({
    entry: z.string().regex(/^([a-z0-9-]{1,64}\/)?[a-z0-9-]{1,64}$/, "entry 须为对象标识，或 榜单/对象"),
    date: z.string().refine(isCalendarDay, "date 须为 YYYY-MM-DD 格式的有效日期"),
    reason: z
      .string()
      .trim()
      .min(1, "请填写摘牌原因")
      .max(REASON_MAX, `摘牌原因不能超过 ${REASON_MAX} 个字符`)
      .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), "摘牌原因含有不可见的控制字符"),
  })
  .strict();

export interface RevokeInput {
  campaign: string;
  /** `slug`, or `list/slug` where the slug is not unique in the campaign */
  entry: string;
  /** YYYY-MM-DD, a real day (the route and the CLI check the format) */
  date: string;
  reason: string;
  actor: string;
}

export interface RevocationView {
  id: number;
  campaign: string;
  list: string;
  entry: string;
  entryId: number;
  date: string;
  reason: string;
  createdAt: string;
  createdBy: string;
}

function findCampaign(ctx: Pick<ServiceContext, "catalog">, slug: string): CatalogCampaign {
  const campaign = ctx.catalog.current.campaign(slug);
  if (!campaign) throw new AppError("not_found", { zh: `找不到活动 ${slug}`, en: `No such campaign ${slug}` });
  return campaign;
}

/** The first day (campaign zone) of the earliest final list that names the entry, if any. */
function designatedOn(publications: StoredPublication[], entryId: number, timeZone: string): string | undefined {
  let first: number | undefined;
  for (const p of publications) {
    if (p.kind !== "final") continue;
    const snapshot = JSON.parse(p.snapshot) as PublicationSnapshot;
    if (!snapshot.lists.some((l) => l.entries.some((e) => e.id === entryId))) continue;
    if (first === undefined || p.startsAt < first) first = p.startsAt;
  }
  return first === undefined ? undefined : dayInZone(first, timeZone);
}

export async function revokeDesignation(ctx: ServiceContext, input: RevokeInput): Promise<RevocationView> {
  await ctx.catalog.refresh();
  const campaign = findCampaign(ctx, input.campaign);
  const found = findEntryRef(campaign.lists, input.entry);
  if (!found.ok) {
    if (found.reason === "ambiguous") throw new AppError("conflict", found.message, { body: { lists: found.lists } });
    throw new AppError("not_found", found.message);
  }
  const { list, entry } = found;
  const tz = campaign.timezone;
  const check = async () =>
    revocationRefusal({
      date: input.date,
      designatedOn: designatedOn(await campaignPublications(ctx.db.read, campaign.id), entry.id, tz),
      existing: await findRevocation(ctx.db.read, entry.id),
    });
  const refusal = await check();
  if (refusal) throw new AppError("conflict", refusal.message);

  const target = `${campaign.slug}/${list.slug}/${entry.slug}`;
  const id = await ctx.db.writer.run(async (tx) => {
    const at = ctx.clock.now();
    const newId = await insertRevocation(tx, {
      campaignId: campaign.id,
      entryId: entry.id,
      date: input.date,
      reason: input.reason,
      createdAt: at,
      createdBy: input.actor,
    });
    // Another call recorded one between the check and this job: the unique index kept the first.
    if (newId === undefined) return undefined;
    await appendAudit(tx, {
      at,
      actor: input.actor,
      action: "revocation.create",
      target,
      details: { id: newId, entryId: entry.id, date: input.date, reason: input.reason },
    });
    // The catalog, the public JSON and the site (results and entry pages) follow the version.
    await bumpCatalogVersion(tx);
    return newId;
  });
  const stored = await findRevocation(ctx.db.read, entry.id);
  if (id === undefined || !stored) {
    const again = await check();
    throw new AppError("conflict", again?.message ?? { zh: "该对象已摘牌", en: "Already revoked" });
  }
  return {
    id: stored.id,
    campaign: campaign.slug,
    list: list.slug,
    entry: entry.slug,
    entryId: entry.id,
    date: stored.date,
    reason: stored.reason,
    createdAt: isoInZone(stored.createdAt, tz),
    createdBy: stored.createdBy,
  };
}

/** The campaign's revocations, oldest first, for organizers and auditors: entry, list, date, reason, when and by whom. */
export async function listRevocations(ctx: ServiceContext, input: { campaign: string }) {
  const campaign = findCampaign(ctx, input.campaign);
  const rows = await campaignRevocations(ctx.db.read, campaign.id);
  return rows.map((r) => {
    const entry = ctx.catalog.current.entry(r.entryId);
    return {
      entry: entry?.slug ?? null,
      list: entry?.list.slug ?? null,
      name: entry?.name.zh ?? null,
      entryId: r.entryId,
      date: r.date,
      reason: r.reason,
      at: new Date(r.createdAt).toISOString(),
      actor: r.createdBy,
    };
  });
}

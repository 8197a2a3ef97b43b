/**
 * Expert scoring as the organizer sees and steers it: progress per scorer and per entry, who
 * advances to each later round, outliers among the scores, reopening a submitted sheet (its rows
 * leave `scores` in the same job, audited with the reason) and recording the pick for a `manual`
 * round.
 */
import {
  appendAudit,
  bumpCatalogVersion,
  campaignRoundScores,
  campaignSheets,
  deleteScorerScores,
  findSheet,
  saveAdvance,
  scorerTokens,
  setSheetStatus,
  sheetDrafts,
  tokensDrafts,
  type RoundScore,
} from "../../db/index.ts";
import {
  expertComponents,
  findOutliers,
  findRound,
  missingCells,
  previousRound,
  roundsOf,
  type RoundView,
} from "../domain/expert-scoring.ts";
import { AppError } from "../errors.ts";
import type { CatalogCampaign } from "../read/catalog.ts";
import type { ServiceContext } from "./context.ts";
import { assignedEntries, dimensionsOf, enteringEntries, type Sheet } from "./expert-scoring.ts";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function campaignOf(ctx: ServiceContext, slug: string): CatalogCampaign {
  const campaign = ctx.catalog.current.campaign(slug);
  if (!campaign) throw new AppError("not_found", { zh: `找不到活动 ${slug}`, en: `No such campaign ${slug}` });
  return campaign;
}

/** The organizer's view of a campaign's expert scoring (GET …/scoring adds it to the full scoring). */
export async function scoringOverview(ctx: ServiceContext, input: { campaign: string }) {
  const db = ctx.db.read;
  const campaign = campaignOf(ctx, input.campaign);
  const definition = campaign.definition;
  const components = expertComponents(definition.components);
  const rounds = roundsOf(definition);
  const tokens = await scorerTokens(db, campaign.slug);
  const [sheets, drafts, stored] = await Promise.all([
    campaignSheets(db, campaign.id),
    tokensDrafts(
      db,
      tokens.map((t) => t.id),
    ),
    campaignRoundScores(db, campaign.id),
  ]);
  const entering = new Map<string, Awaited<ReturnType<typeof enteringEntries>>>();
  for (const r of rounds) entering.set(r.key, await enteringEntries(db, campaign, r));

  const scorers = [];
  /** per round key and entry id: how many scorers are assigned it, how many have submitted */
  const perEntry = new Map<string, { assigned: number; submitted: number }>();
  for (const token of tokens) {
    const round = findRound(definition, token.scope.round);
    if (!round) continue;
    const sheet = sheets.find((s) => s.tokenId === token.id && s.round === round.stored);
    // a revoked token stays in view only when its sheet counted
    if (token.revokedAt !== null && sheet?.status !== "submitted") continue;
    const view: Sheet = { campaign, round, components };
    const assigned = await assignedEntries(db, view, token.scope);
    const own = drafts.filter((d) => d.tokenId === token.id && d.round === round.stored);
    const complete = assigned.filter((e) => {
      const d = own.find((x) => x.entryId === e.id);
      return d !== undefined && missingCells(d.scores, components, dimensionsOf(e.list)).length === 0;
    }).length;
    const status = sheet?.status === "submitted" ? "submitted" : sheet || own.length > 0 ? "draft" : "not_started";
    for (const e of assigned) {
      const key = `${round.key}\u0000${e.id}`;
      const counts = perEntry.get(key) ?? { assigned: 0, submitted: 0 };
      counts.assigned += 1;
      if (status === "submitted") counts.submitted += 1;
      perEntry.set(key, counts);
    }
    scorers.push({
      name: token.name,
      round: round.key,
      lists: token.scope.lists,
      recused: recusedEntries(campaign, token.scope.recuse, token.scope.lists),
      status,
      scored: complete,
      total: assigned.length,
      submittedAt: sheet?.status === "submitted" ? iso(sheet.submittedAt) : null,
      reopened: (sheet?.reopened ?? []).map((r) => ({ at: new Date(r.at).toISOString(), by: r.by, reason: r.reason })),
    });
  }

  return {
    rounds: rounds.map((r) => ({ key: r.key, title: r.title, final: r.final, advance: r.advance })),
    scorers,
    entries: entryProgress(campaign, rounds, entering, perEntry),
    advancing: advancingView(campaign, rounds, entering),
    outliers: outliersOf(campaign, rounds, stored, new Set(components.map((c) => c.key))),
  };
}

type Entering = Map<string, Awaited<ReturnType<typeof enteringEntries>>>;

/** Each entry in each round it is in: how many scorers are assigned it, how many submitted. */
function entryProgress(
  campaign: CatalogCampaign,
  rounds: RoundView[],
  entering: Entering,
  perEntry: Map<string, { assigned: number; submitted: number }>,
) {
  const entries = [];
  for (const round of rounds) {
    const into = entering.get(round.key);
    for (const list of campaign.lists) {
      if (dimensionsOf(list).length === 0) continue;
      for (const e of into ? (into.get(list.id) ?? []) : list.entries) {
        const counts = perEntry.get(`${round.key}\u0000${e.id}`) ?? { assigned: 0, submitted: 0 };
        entries.push({ id: e.id, slug: e.slug, list: list.slug, name: { zh: e.name.zh }, round: round.key, ...counts });
      }
    }
  }
  return entries;
}

/** round key → list slug → the slugs entering that round (later rounds only). */
function advancingView(campaign: CatalogCampaign, rounds: RoundView[], entering: Entering) {
  const advancing: Record<string, Record<string, string[]>> = {};
  for (const round of rounds) {
    const into = entering.get(round.key);
    if (!into) continue;
    advancing[round.key] = Object.fromEntries(campaign.lists.map((l) => [l.slug, (into.get(l.id) ?? []).map((e) => e.slug)]));
  }
  return advancing;
}

/** Outliers among the named scorers' expert scores, round by round. */
function outliersOf(campaign: CatalogCampaign, rounds: RoundView[], stored: RoundScore[], expertKeys: Set<string>) {
  const entryOf = new Map(campaign.lists.flatMap((l) => l.entries.map((e) => [e.id, e] as const)));
  const outliers = [];
  for (const round of rounds) {
    const cells = stored.filter((s) => s.round === round.stored && expertKeys.has(s.component) && s.scorer !== "");
    for (const o of findOutliers(cells)) {
      const entry = entryOf.get(o.entryId);
      if (!entry) continue;
      const { scorer, component, dimension, score, mean, sd } = o;
      outliers.push({ round: round.key, scorer, entry: entry.slug, list: entry.list.slug, component, dimension, score, mean, sd });
    }
  }
  return outliers;
}
/** A token's recusals as `list/slug`, each slug in every list (of its own) that holds it. */
function recusedEntries(campaign: CatalogCampaign, recuse: readonly string[], lists: readonly string[] | null): string[] {
  const out: string[] = [];
  for (const r of recuse) {
    if (r.includes("/")) out.push(r);
    else
      for (const l of campaign.lists)
        if ((!lists || lists.includes(l.slug)) && l.entries.some((e) => e.slug === r)) out.push(`${l.slug}/${r}`);
  }
  return out;
}

/**
 * Sets a submitted sheet back to draft: its rows leave `scores` in the same job, the reopening is
 * kept on the sheet and audited with its reason.
 */
export async function reopenSheet(
  ctx: ServiceContext,
  input: { campaign: string; scorer: string; round?: string; reason: string; actor: string },
): Promise<{ reopened: true }> {
  const campaign = campaignOf(ctx, input.campaign);
  const reason = input.reason.trim();
  if (!reason) throw new AppError("unprocessable", { zh: "请填写退回原因（reason）", en: "A reason is required" });
  const tokens = (await scorerTokens(ctx.db.read, campaign.slug)).filter((t) => t.name === input.scorer);
  const token = tokens.find((t) => t.revokedAt === null) ?? tokens[tokens.length - 1];
  if (!token)
    throw new AppError("not_found", {
      zh: `活动 ${campaign.slug} 没有名为 ${input.scorer} 的评审专家`,
      en: `No scorer named ${input.scorer} in ${campaign.slug}`,
    });
  const round = findRound(campaign.definition, input.round ?? token.scope.round);
  if (!round || (input.round !== undefined && input.round !== "" && round.key !== input.round))
    throw new AppError("not_found", { zh: `没有评审轮次 ${input.round}`, en: `No round ${input.round}` });
  const at = ctx.clock.now();
  await ctx.db.writer.run(async (tx) => {
    const sheet = await findSheet(tx, token.id, round.stored);
    if (sheet?.status !== "submitted")
      throw new AppError("conflict", {
        zh: `${input.scorer} 的评分表尚未提交，无需退回`,
        en: `${input.scorer}'s sheet is not submitted; there is nothing to reopen`,
      });
    const entryIds = (await sheetDrafts(tx, token.id, round.stored)).map((d) => d.entryId);
    const removed = await deleteScorerScores(tx, { campaignId: campaign.id, scorer: token.name, round: round.stored, entryIds });
    const reopened = [...sheet.reopened, { at, by: input.actor, reason }];
    await setSheetStatus(tx, { tokenId: token.id, round: round.stored, status: "draft", submittedAt: null, reopened });
    await appendAudit(tx, {
      at,
      actor: input.actor,
      action: "scoring.reopen",
      target: campaign.slug,
      details: { scorer: token.name, round: round.key, reason, removed },
    });
    if (round.stored === "") await bumpCatalogVersion(tx);
  });
  return { reopened: true };
}

/** Records the organizer's pick of the entries of one list entering a round whose previous round advances `manual`ly. */
export async function recordAdvance(
  ctx: ServiceContext,
  input: { campaign: string; round: string; list: string; entries: string[]; actor: string },
): Promise<{ round: string; list: string; entries: string[] }> {
  const campaign = campaignOf(ctx, input.campaign);
  const round: RoundView | undefined = input.round ? roundsOf(campaign.definition).find((r) => r.key === input.round) : undefined;
  if (!round) throw new AppError("not_found", { zh: `没有评审轮次 ${input.round}`, en: `No round ${input.round}` });
  const previous = previousRound(campaign.definition, round);
  if (previous?.advance !== "manual")
    throw new AppError("conflict", {
      zh: `进入${round.title.zh}（${round.key}）的对象不由主办方指定：上一轮须设置 advance: manual`,
      en: `Entries entering ${round.key} are not picked by hand: the previous round must say advance: manual`,
    });
  const list = campaign.lists.find((l) => l.slug === input.list);
  if (!list) throw new AppError("not_found", { zh: `找不到榜单 ${input.list}`, en: `No such list ${input.list}` });
  const entries = [...new Set(input.entries)];
  const unknown = entries.filter((slug) => !list.entries.some((e) => e.slug === slug));
  if (unknown.length)
    throw new AppError("unprocessable", {
      zh: `榜单 ${list.slug} 没有参评对象 ${unknown.join("、")}`,
      en: `The list ${list.slug} has no entry ${unknown.join(", ")}`,
    });
  const at = ctx.clock.now();
  await ctx.db.writer.run(async (tx) => {
    await saveAdvance(tx, { campaignId: campaign.id, round: round.key, listId: list.id, entries, at, actor: input.actor });
    await appendAudit(tx, {
      at,
      actor: input.actor,
      action: "scoring.advance",
      target: campaign.slug,
      details: { round: round.key, list: list.slug, entries },
    });
  });
  return { round: round.key, list: list.slug, entries };
}

/**
 * Expert scoring for the scorer's own sheet: what a scorer token is assigned (its campaign, lists,
 * round; not its recusals; in a later round only the entries that advanced), saving a draft per
 * entry, and submitting the sheet. A submission writes the sheet's cells into `scores` through the
 * scores import's own writer (services/scores.ts `writeScoreCells`), with the token's name as the
 * scorer, so a submitted sheet and an imported file of the same cells are the same rows.
 */
import {
  appendAudit,
  bumpCatalogVersion,
  campaignAdvances,
  campaignRoundScores,
  ensureSheet,
  findActiveToken,
  findDraft,
  findSheet,
  saveDraft,
  setSheetStatus,
  sheetDrafts,
  touchAdminToken,
  type Queryable,
  type ScorerScope,
  type StoredDraft,
} from "../../db/index.ts";
import { listDimensions, type Localized } from "../domain/campaign.ts";
import {
  checkDraftScores,
  COMMENT_MAX,
  draftCells,
  expertComponents,
  findRound,
  isRecused,
  missingCells,
  previousRound,
  roundResult,
  SCORE_RANGE,
  topAdvancing,
  type RoundView,
} from "../domain/expert-scoring.ts";
import { pinyinOrder } from "../domain/ranking.ts";
import { AppError } from "../errors.ts";
import type { CatalogCampaign, CatalogEntry, CatalogList } from "../read/catalog.ts";
import { tokenHash } from "../secrets.ts";
import type { ServiceContext } from "./context.ts";
import { TOKEN_USE_RESOLUTION_MS } from "./admin-access.ts";
import { writeScoreCells } from "./scores.ts";
import { evaluateListFromDb } from "./indicators.ts";

export interface ScorerIdentity {
  id: number;
  name: string;
  scope: ScorerScope;
}

/**
 * The holder of a bearer token for the scoring API: a scorer, an other role (403), or nobody (401).
 * Its last use is kept to the minute, as for organizer tokens.
 */
export async function findScorer(ctx: ServiceContext, token: string): Promise<ScorerIdentity | "other" | undefined> {
  const found = await findActiveToken(ctx.db.read, tokenHash(token));
  if (!found) return undefined;
  const now = ctx.clock.now();
  if (found.lastUsedAt === null || now - found.lastUsedAt >= TOKEN_USE_RESOLUTION_MS) {
    await ctx.db.writer.run((tx) => touchAdminToken(tx, found.id, now));
  }
  if (found.role !== "scorer" || !found.scope) return "other";
  return { id: found.id, name: found.name, scope: found.scope };
}

/** A scorer's sheet as the campaign defines it now. */
export interface Sheet {
  campaign: CatalogCampaign;
  round: RoundView;
  components: { key: string; title: Localized; weight: number; trim: boolean }[];
}

export function sheetOf(ctx: ServiceContext, scorer: ScorerIdentity): Sheet {
  const campaign = ctx.catalog.current.campaign(scorer.scope.campaign);
  if (!campaign)
    throw new AppError("forbidden", {
      zh: `活动 ${scorer.scope.campaign} 已不存在，该评审令牌不再有效`,
      en: `The campaign ${scorer.scope.campaign} no longer exists`,
    });
  const round = findRound(campaign.definition, scorer.scope.round);
  if (!round)
    throw new AppError("forbidden", {
      zh: `活动已不再有评审轮次 ${scorer.scope.round}，请联系主办方`,
      en: `The campaign no longer has the round ${scorer.scope.round}`,
    });
  const components = expertComponents(campaign.definition.components);
  return { campaign, round, components };
}

/** A list's dimensions as the scorer sees them: titles, descriptions, weights. */
export function dimensionsOf(list: CatalogList) {
  const definition = list.campaign.definition;
  const own = definition.lists.find((l) => l.slug === list.slug);
  return listDimensions(definition, own ?? {});
}

/**
 * The entries entering `round`, per list id: undefined for the first round (every entry). For a
 * later round, those the previous round advanced: its `top` N per list by its results (among the
 * entries that were in it), or the organizer's recorded pick for a `manual` round.
 */
export async function enteringEntries(
  db: Queryable,
  campaign: CatalogCampaign,
  round: RoundView,
): Promise<Map<number, CatalogEntry[]> | undefined> {
  const previous = previousRound(campaign.definition, round);
  if (!previous) return undefined;
  const out = new Map<number, CatalogEntry[]>();
  if (previous.advance === "manual") {
    const picks = (await campaignAdvances(db, campaign.id)).get(round.key) ?? new Map<number, string[]>();
    for (const list of campaign.lists) {
      const slugs = new Set(picks.get(list.id) ?? []);
      out.set(
        list.id,
        list.entries.filter((e) => slugs.has(e.slug)),
      );
    }
    return out;
  }
  const top = previous.advance?.top ?? Number.MAX_SAFE_INTEGER;
  const before = await enteringEntries(db, campaign, previous);
  const cells = (await campaignRoundScores(db, campaign.id)).filter((c) => c.round === previous.stored);
  const components = expertComponents(campaign.definition.components);
  for (const list of campaign.lists) {
    const candidates = before ? (before.get(list.id) ?? []) : list.entries;
    const dimensions = dimensionsOf(list);
    const listCells = cells.filter((c) => c.listId === list.id);
    const advancing = topAdvancing(
      candidates.map((e) => ({ id: e.id, slug: e.slug, name: e.name.zh, entry: e })),
      (id) => roundResult(id, listCells, components, dimensions),
      top,
    );
    out.set(
      list.id,
      advancing.map((a) => a.entry),
    );
  }
  return out;
}

/** The entries a scorer is assigned, in list order then pinyin: their lists, not recused, entering the round. */
export async function assignedEntries(db: Queryable, sheet: Sheet, scope: ScorerScope): Promise<CatalogEntry[]> {
  const entering = await enteringEntries(db, sheet.campaign, sheet.round);
  const out: CatalogEntry[] = [];
  for (const list of sheet.campaign.lists) {
    if (scope.lists && !scope.lists.includes(list.slug)) continue;
    if (dimensionsOf(list).length === 0) continue;
    const candidates = entering ? (entering.get(list.id) ?? []) : list.entries;
    const kept = candidates.filter((e) => !isRecused(scope.recuse, list.slug, e.slug));
    out.push(...pinyinOrder(kept.map((e) => ({ e, name: e.name.zh }))).map((x) => x.e));
  }
  return out;
}

const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

/** What the public entry page shows of an entry's material (never votes, rank or score). */
function material(entry: CatalogEntry) {
  const list = entry.list;
  const form = list.campaign.definition.lists.find((l) => l.slug === list.slug)?.form;
  const sections = form
    ? form.sections.filter((s) => entry.sections?.[s.key]).map((s) => ({ key: s.key, title: s.title, text: entry.sections![s.key]! }))
    : [];
  const picture = entry.logo ?? entry.photo;
  return {
    ...(entry.summary ? { summary: entry.summary } : {}),
    ...(entry.body ? { body: entry.body } : {}),
    ...(sections.length ? { sections } : {}),
    ...(entry.images?.length ? { figures: entry.images } : {}),
    ...(picture ? { picture: picture.src } : {}),
  };
}

function draftView(draft: StoredDraft | undefined, sheet: Sheet, entry: CatalogEntry) {
  const scores = draft?.scores ?? {};
  return {
    scores,
    comment: draft?.comment ?? null,
    complete: missingCells(scores, sheet.components, dimensionsOf(entry.list)).length === 0,
    revision: draft?.revision ?? 0,
    savedAt: iso(draft?.savedAt),
  };
}

/**
 * The indicator figures the public sees, per entry of a list whose sheet is public: the public,
 * not judged items of the latest period that have a value.
 */
async function publicIndicators(db: Queryable, list: CatalogList) {
  const out = new Map<number, { key: string; title: Localized; value: number; unit?: string }[]>();
  const evaluated = await evaluateListFromDb(db, list);
  if (!evaluated || evaluated.sheet.visibility !== "public") return out;
  const period = evaluated.sheet.periods[evaluated.sheet.periods.length - 1]!.key;
  const items = evaluated.sheet.items.filter((i) => i.public && !i.judged);
  for (const e of evaluated.entries) {
    const values = e.values[period] ?? {};
    const shown = items
      .filter((i) => typeof values[i.key] === "number")
      .map((i) => ({ key: i.key, title: i.title, value: values[i.key] as number, ...(i.unit ? { unit: i.unit } : {}) }));
    if (shown.length) out.set(e.entryId, shown);
  }
  return out;
}

export async function assignments(ctx: ServiceContext, scorer: ScorerIdentity) {
  const db = ctx.db.read;
  const sheet = sheetOf(ctx, scorer);
  const [entries, drafts, stored] = await Promise.all([
    assignedEntries(db, sheet, scorer.scope),
    sheetDrafts(db, scorer.id, sheet.round.stored),
    findSheet(db, scorer.id, sheet.round.stored),
  ]);
  const draftOf = new Map(drafts.map((d) => [d.entryId, d]));
  const indicators = new Map<number, { key: string; title: Localized; value: number; unit?: string }[]>();
  for (const list of new Set(entries.map((e) => e.list)))
    for (const [id, rows] of await publicIndicators(db, list)) indicators.set(id, rows);
  const rows = entries.map((e) => ({
    id: e.id,
    slug: e.slug,
    name: e.name,
    list: { slug: e.list.slug, title: e.list.title },
    ...material(e),
    ...(indicators.has(e.id) ? { indicators: indicators.get(e.id) } : {}),
    dimensions: dimensionsOf(e.list).map((d) => ({
      key: d.key,
      title: d.title,
      ...(d.description ? { description: d.description } : {}),
      weight: d.weight,
    })),
    ...draftView(draftOf.get(e.id), sheet, e),
  }));
  const { campaign, round } = sheet;
  return {
    campaign: { slug: campaign.slug, title: campaign.title, timezone: campaign.timezone },
    scorer: { name: scorer.name },
    round: { key: round.key, title: round.title, final: round.final },
    components: sheet.components.map((c) => ({ key: c.key, title: c.title })),
    range: { ...SCORE_RANGE },
    status: stored?.status ?? "draft",
    submittedAt: stored?.status === "submitted" ? iso(stored.submittedAt) : null,
    progress: { scored: rows.filter((r) => r.complete).length, total: rows.length },
    entries: rows,
  };
}

const unprocessable = (message: { zh: string; en: string }) => new AppError("unprocessable", message);

/** The entry behind an id, refused unless this scorer is assigned it. */
async function assignedEntry(ctx: ServiceContext, scorer: ScorerIdentity, sheet: Sheet, id: number): Promise<CatalogEntry> {
  const entry = Number.isSafeInteger(id) && id > 0 ? ctx.catalog.current.entry(id) : undefined;
  if (!entry) throw new AppError("not_found", { zh: "找不到该参评对象", en: "No such entry" });
  const assigned = await assignedEntries(ctx.db.read, sheet, scorer.scope);
  if (!assigned.some((e) => e.id === entry.id)) {
    const why =
      entry.list.campaign.slug !== sheet.campaign.slug
        ? { zh: "该参评对象不属于您评审的活动", en: "This entry is not in your campaign" }
        : isRecused(scorer.scope.recuse, entry.list.slug, entry.slug)
          ? { zh: "您已回避该参评对象，不能查看或评分", en: "You are recused from this entry" }
          : { zh: "该参评对象不在您本轮的评审范围内", en: "This entry is not assigned to you in this round" };
    throw new AppError("forbidden", why);
  }
  return entry;
}

export async function saveEntryDraft(
  ctx: ServiceContext,
  scorer: ScorerIdentity,
  input: { id: number; body: unknown },
): Promise<{
  id: number;
  scores: Record<string, unknown>;
  comment: string | null;
  complete: boolean;
  revision: number;
  savedAt: string | null;
}> {
  const sheet = sheetOf(ctx, scorer);
  const entry = await assignedEntry(ctx, scorer, sheet, input.id);
  const body = input.body;
  if (body === null || typeof body !== "object" || Array.isArray(body))
    throw new AppError("invalid_request", { zh: "请求体须为 JSON 对象", en: "The body must be a JSON object" });
  const { scores, comment, revision, ...extra } = body as Record<string, unknown>;
  const unknown = Object.keys(extra);
  if (unknown.length) throw unprocessable({ zh: `不认识的字段 ${unknown.join("、")}`, en: `Unknown field(s) ${unknown.join(", ")}` });
  if (typeof revision !== "number" || !Number.isSafeInteger(revision) || revision < 1)
    throw unprocessable({ zh: "revision 须为不小于 1 的整数（该对象的保存序号）", en: "revision must be an integer ≥ 1" });
  if (comment !== undefined && comment !== null && typeof comment !== "string")
    throw unprocessable({ zh: "comment 须为文本或 null", en: "comment must be text or null" });
  if (typeof comment === "string" && [...comment].length > COMMENT_MAX)
    throw unprocessable({ zh: `评语不能超过 ${COMMENT_MAX} 个字符`, en: `The comment is at most ${COMMENT_MAX} characters` });
  const checked = checkDraftScores(scores, sheet.components, dimensionsOf(entry.list));
  if (!checked.ok) throw unprocessable(checked.message);

  const round = sheet.round.stored;
  const at = ctx.clock.now();
  const saved = await ctx.db.writer.run(async (tx) => {
    const stored = await findSheet(tx, scorer.id, round);
    if (stored?.status === "submitted")
      throw new AppError("conflict", {
        zh: "评分表已提交，不能再修改；如需修改请联系主办方退回",
        en: "The sheet is submitted; ask the organizer to reopen it",
      });
    const previous = await findDraft(tx, scorer.id, round, entry.id);
    // a retried or late save never undoes a newer one
    if (previous && previous.revision >= revision) return previous;
    await ensureSheet(tx, { tokenId: scorer.id, campaignId: sheet.campaign.id, round });
    const draft: StoredDraft = {
      tokenId: scorer.id,
      round,
      entryId: entry.id,
      scores: checked.scores,
      comment: comment === undefined ? (previous?.comment ?? null) : (comment as string | null),
      revision,
      savedAt: at,
    };
    await saveDraft(tx, draft);
    return draft;
  });
  return { id: entry.id, ...draftView(saved, sheet, entry) };
}

export async function submitSheet(
  ctx: ServiceContext,
  scorer: ScorerIdentity,
  input: { campaign: string },
): Promise<{ submitted: number; round: string; submittedAt: string }> {
  const sheet = sheetOf(ctx, scorer);
  if (input.campaign !== sheet.campaign.slug)
    throw new AppError("forbidden", { zh: "该令牌不能提交其他活动的评分", en: "This token may not submit another campaign's scores" });
  const entries = await assignedEntries(ctx.db.read, sheet, scorer.scope);
  const round = sheet.round.stored;
  const at = ctx.clock.now();
  const count = await ctx.db.writer.run(async (tx) => {
    const stored = await findSheet(tx, scorer.id, round);
    if (stored?.status === "submitted") throw new AppError("conflict", { zh: "评分表已提交", en: "The sheet is already submitted" });
    const drafts = new Map((await sheetDrafts(tx, scorer.id, round)).map((d) => [d.entryId, d]));
    const missing = entries
      .map((e) => ({ id: e.id, slug: e.slug, cells: missingCells(drafts.get(e.id)?.scores ?? {}, sheet.components, dimensionsOf(e.list)) }))
      .filter((m) => m.cells.length > 0);
    if (missing.length > 0)
      throw new AppError(
        "unprocessable",
        {
          zh: `还有 ${missing.length} 个参评对象未评完，评分表未提交`,
          en: `${missing.length} entr${missing.length === 1 ? "y is" : "ies are"} not fully scored; nothing was submitted`,
        },
        { body: { missing } },
      );
    const cells = entries.flatMap((e) =>
      draftCells(drafts.get(e.id)!.scores, sheet.components)
        .filter((c) => dimensionsOf(e.list).some((d) => d.key === c.dimension))
        .map((c) => ({ entryId: e.id, dimension: c.dimension, component: c.component, scorer: scorer.name, score: c.score, round })),
    );
    await ensureSheet(tx, { tokenId: scorer.id, campaignId: sheet.campaign.id, round });
    const written = await writeScoreCells(tx, sheet.campaign, cells, at);
    await setSheetStatus(tx, { tokenId: scorer.id, round, status: "submitted", submittedAt: at });
    await appendAudit(tx, {
      at,
      actor: `scorer:${scorer.name}`,
      action: "scoring.submit",
      target: sheet.campaign.slug,
      details: { round: sheet.round.key, entries: entries.length, rows: cells.length, lists: written.perList },
    });
    // only the final round's rows are read by the composite and the pages
    if (round === "") await bumpCatalogVersion(tx);
    return entries.length;
  });
  if (round === "") {
    await ctx.catalog.reload();
    ctx.leaderboards.invalidate();
  }
  return { submitted: count, round: sheet.round.key, submittedAt: new Date(at).toISOString() };
}

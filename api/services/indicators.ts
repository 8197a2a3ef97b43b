/**
 * Indicator figures: the organizers' import (all or nothing, audited, shared by the admin API and
 * the CLI) and each list's evaluated sheet (values per period, changes, threshold checks), which the
 * site snapshot shows for public sheets (S1) and the eligibility report for organizers (S3).
 */
import {
  appendAudit,
  bumpCatalogVersion,
  listIndicatorValues,
  listScores,
  replaceIndicatorValues,
  type Queryable,
  type StoredIndicatorValue,
  type StoredScore,
} from "../../db/index.ts";
import type { CatalogList } from "../read/catalog.ts";
import type { IndicatorSheetDefinition } from "../domain/campaign.ts";
import { checkIndicatorRows, indicatorHeader } from "../domain/indicator-rows.ts";
import { compileSheet, evaluateEntry, periodChange, type EntryIndicators } from "../domain/indicators.ts";
import { AppError } from "../errors.ts";
import { readScoreFile, refusedFile, type ScoreFileFormat } from "./score-file.ts";
import { MAX_SCORE_FILE_BYTES } from "./scores.ts";
import type { ServiceContext } from "./context.ts";

const refused = (problems: Parameters<typeof refusedFile>[2]) =>
  refusedFile({ zh: "指标数据文件", en: "indicator file" }, { zh: "指标数据" }, problems);

export interface IndicatorImportResult {
  imported: number;
  /** (entry, indicator, year) groups new to the database, and those that replaced earlier figures */
  inserted: number;
  replaced: number;
}

/** The list's indicator sheet, from its definition in the campaign file. */
export function sheetOf(list: CatalogList): IndicatorSheetDefinition | undefined {
  return list.campaign.definition.lists.find((l) => l.slug === list.slug)?.indicators;
}

export async function importIndicators(
  ctx: ServiceContext,
  input: { campaign: string; bytes: Uint8Array; format: ScoreFileFormat; actor: string },
): Promise<IndicatorImportResult> {
  const { campaign: campaignSlug, bytes, format, actor } = input;
  const catalog = ctx.catalog.current;
  const campaign = catalog.campaign(campaignSlug);
  if (!campaign) throw new AppError("not_found", { zh: `找不到活动 ${campaignSlug}`, en: `No such campaign ${campaignSlug}` });
  if (!campaign.lists.some((l) => sheetOf(l))) {
    throw new AppError("conflict", {
      zh: `活动 ${campaignSlug} 没有定义指标表（榜单的 indicators），无法导入指标数据`,
      en: `Campaign ${campaignSlug} defines no indicator sheet`,
    });
  }
  if (bytes.byteLength > MAX_SCORE_FILE_BYTES) throw new AppError("payload_too_large");
  const file = await readScoreFile(bytes, format);
  if (!file.ok) throw refused(file.problems);
  const header = indicatorHeader(file.header);
  if (!header.ok) throw refused(header.problems);
  const shape = {
    lists: campaign.lists.map((l) => ({ slug: l.slug, sheet: sheetOf(l), entries: l.entries.map((e) => ({ id: e.id, slug: e.slug })) })),
  };
  const checked = checkIndicatorRows(shape, header.index, file.rows);
  if (!checked.ok) throw refused(checked.problems);

  const listIdOf = new Map(campaign.lists.map((l) => [l.slug, l.id]));
  const rows = checked.facts.map(({ listSlug, ...f }) => ({ ...f, listId: listIdOf.get(listSlug)! }));
  const perList: Record<string, number> = {};
  for (const f of checked.facts) perList[f.listSlug] = (perList[f.listSlug] ?? 0) + 1;
  const at = ctx.clock.now();
  const written = await ctx.db.writer.run(async (tx) => {
    const result = await replaceIndicatorValues(tx, campaign.id, rows, at);
    await appendAudit(tx, {
      at,
      actor,
      action: "indicators.import",
      target: campaign.slug,
      details: { format, rows: rows.length, ...result, lists: perList },
    });
    await bumpCatalogVersion(tx);
    return result;
  });
  return { imported: rows.length, ...written };
}

export interface EvaluatedEntry extends EntryIndicators {
  entryId: number;
  /** per later period key, per indicator: the change from the period before (sheets with `change`) */
  changes: Record<string, Record<string, number | null>>;
}

/**
 * Evaluates a list's sheet for every entry. `scores` are the list's imported scores: a judged
 * indicator's value is the mean of every score whose dimension is the indicator's key.
 */
export function evaluateList(
  list: CatalogList,
  sheet: IndicatorSheetDefinition,
  values: readonly StoredIndicatorValue[],
  scores: readonly StoredScore[] = [],
): EvaluatedEntry[] {
  const compiled = compileSheet(sheet, list.campaign.definition.params ?? {});
  const judgedKeys = new Set(sheet.items.filter((i) => i.judged).map((i) => i.key));
  const factsOf = new Map<number, StoredIndicatorValue[]>();
  for (const v of values) {
    const l = factsOf.get(v.entryId);
    if (l) l.push(v);
    else factsOf.set(v.entryId, [v]);
  }
  const judgedOf = new Map<number, Map<string, { sum: number; n: number }>>();
  for (const s of scores) {
    if (!judgedKeys.has(s.dimension)) continue;
    const m = judgedOf.get(s.entryId) ?? new Map<string, { sum: number; n: number }>();
    const acc = m.get(s.dimension) ?? { sum: 0, n: 0 };
    acc.sum += s.score;
    acc.n++;
    m.set(s.dimension, acc);
    judgedOf.set(s.entryId, m);
  }
  return list.entries.map((e) => {
    const judged = new Map([...(judgedOf.get(e.id) ?? new Map<string, { sum: number; n: number }>())].map(([k, a]) => [k, a.sum / a.n]));
    const result = evaluateEntry(compiled, factsOf.get(e.id) ?? [], judged);
    const changes: EvaluatedEntry["changes"] = {};
    if (sheet.change) {
      sheet.periods.forEach((p, i) => {
        if (i === 0) return;
        const before = sheet.periods[i - 1]!.key;
        changes[p.key] = Object.fromEntries(
          sheet.items.map((item) => [
            item.key,
            periodChange(result.values[before]![item.key]!, result.values[p.key]![item.key]!, item.change),
          ]),
        );
      });
    }
    return { entryId: e.id, ...result, changes };
  });
}

/** A list's sheet evaluated from the database (organizers' report, CLI). */
export async function evaluateListFromDb(
  db: Queryable,
  list: CatalogList,
): Promise<{ sheet: IndicatorSheetDefinition; entries: EvaluatedEntry[] } | undefined> {
  const sheet = sheetOf(list);
  if (!sheet) return undefined;
  const [values, scores] = await Promise.all([listIndicatorValues(db, list.id), listScores(db, list.id)]);
  return { sheet, entries: evaluateList(list, sheet, values, scores) };
}

/** Every list's evaluated sheet in a campaign, public or not: for organizers. */
export async function campaignIndicatorSheets(ctx: ServiceContext, input: { campaign: string }) {
  const campaign = ctx.catalog.current.campaign(input.campaign);
  if (!campaign) throw new AppError("not_found", { zh: `找不到活动 ${input.campaign}`, en: `No such campaign ${input.campaign}` });
  const lists = [];
  for (const list of campaign.lists) {
    const evaluated = await evaluateListFromDb(ctx.db.read, list);
    if (!evaluated) continue;
    const slugOf = new Map(list.entries.map((e) => [e.id, e.slug]));
    lists.push({
      list: list.slug,
      visibility: evaluated.sheet.visibility,
      periods: evaluated.sheet.periods.map((p) => p.key),
      entries: evaluated.entries.map((e) => ({ slug: slugOf.get(e.entryId)!, values: e.values, checks: e.checks, changes: e.changes })),
    });
  }
  return { campaign: campaign.slug, lists };
}

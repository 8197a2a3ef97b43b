/**
 * Public indicator sheets in the site snapshot (S1's county table): the public indicators, each
 * entry's evaluated figures and changes, and each derived indicator's formula in words. Inputs
 * marked `public: false` are evaluated but never written here, neither their figures nor rows.
 */
import type { StoredIndicatorValue, StoredScore } from "../../db/index.ts";
import type { SnapshotIndicators } from "../../common/snapshot.ts";
import type { CatalogList } from "../read/catalog.ts";
import type { IndicatorSheetDefinition } from "../domain/campaign.ts";
import { formulaRefs, formulaText, parseFormula, type PeriodFunction } from "../domain/formula.ts";
import { evaluateList } from "../services/indicators.ts";

const functionWords: Record<"zh" | "en", Record<PeriodFunction, string>> = {
  zh: { avg: "各年平均", sum: "各年合计", first: "首年", last: "末年", growth: "增长率" },
  en: { avg: "mean over the years of", sum: "sum over the years of", first: "first year of", last: "last year of", growth: "growth of" },
};

/** A derived indicator's formula with titles for names, and the indicators it uses with their units. */
function derivedText(
  formula: string,
  sheet: IndicatorSheetDefinition,
): Pick<SnapshotIndicators["items"][number], "formulaText" | "inputs"> {
  const parsed = parseFormula(formula);
  const byKey = new Map(sheet.items.map((i) => [i.key, i]));
  const text = (lang: "zh" | "en") =>
    formulaText(parsed, {
      name: (n) => {
        const t = byKey.get(n)?.title;
        return t ? (lang === "en" ? (t.en ?? t.zh) : t.zh) : n;
      },
      param: (n) => `params.${n}`,
      fn: (f) => functionWords[lang][f],
    });
  const inputs = [...formulaRefs(parsed).names].flatMap((n) => {
    const item = byKey.get(n);
    return item ? [{ key: n, title: item.title, ...(item.unit ? { unit: item.unit } : {}) }] : [];
  });
  return { formulaText: { zh: text("zh"), en: text("en") }, inputs };
}

/** A public sheet for the site: its public indicators, each entry's figures and changes. */
export function publicIndicators(
  list: CatalogList,
  sheet: IndicatorSheetDefinition,
  values: readonly StoredIndicatorValue[],
  scores: readonly StoredScore[],
): SnapshotIndicators {
  const items = sheet.items.filter((i) => i.public && !i.judged);
  const keep = <T>(byPeriod: Record<string, Record<string, T>>) =>
    Object.fromEntries(Object.entries(byPeriod).map(([p, byKey]) => [p, Object.fromEntries(items.map((i) => [i.key, byKey[i.key] as T]))]));
  return {
    ...(sheet.title ? { title: sheet.title } : {}),
    periods: sheet.periods.map((p) => ({ key: p.key, title: p.title, years: [...p.years] })),
    change: sheet.change,
    items: items.map((i) => ({
      key: i.key,
      title: i.title,
      ...(i.unit ? { unit: i.unit } : {}),
      ...(i.group ? { group: i.group } : {}),
      ...(i.note ? { note: i.note } : {}),
      decimals: i.decimals,
      format: i.format,
      change: i.change,
      ...(i.formula ? { formula: i.formula, ...derivedText(i.formula, sheet) } : {}),
    })),
    rows: evaluateList(list, sheet, values, scores).map((e) => ({ entryId: e.entryId, values: keep(e.values), changes: keep(e.changes) })),
  };
}

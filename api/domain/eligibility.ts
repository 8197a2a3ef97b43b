/**
 * The eligibility report (S3's 创建/认定基本条件): for each applicant and period, every indicator of
 * the list's sheet with its value, the condition the notice prints, and whether the value meets it.
 * Pure: the evaluated sheet (api/domain/indicators.ts) in, report cells out.
 *
 * Results:
 * - pass (达标) / fail (未达标): the printed condition has a rule, and the value meets it or not;
 * - missing (缺数据): it has a rule, but a figure the rule needs is missing;
 * - judgement (专家评判): the condition is left to judgement (text only, such as 进一步加大), or the
 *   indicator is an expert's 综合评分 — shown with the scorers' mean;
 * - none (未设条件): the notice prints no condition for the indicator in that period.
 *
 * Judged scores are imported once, with the application's scores; the scores table has no period, so
 * a judged indicator's value belongs to the sheet's first period only (decision 018).
 */
import type { IndicatorItemDefinition, IndicatorSheetDefinition, Localized } from "./campaign.ts";
import type { EntryIndicators } from "./indicators.ts";

export type EligibilityResult = "pass" | "fail" | "missing" | "judgement" | "none";
export type EligibilityStatus = "met" | "not_met" | "incomplete" | "no_conditions";

export const resultLabels: Record<EligibilityResult, { zh: string; en: string }> = {
  pass: { zh: "达标", en: "Met" },
  fail: { zh: "未达标", en: "Not met" },
  missing: { zh: "缺数据", en: "Missing data" },
  judgement: { zh: "专家评判", en: "Expert judgement" },
  none: { zh: "未设条件", en: "No condition" },
};

export const statusLabels: Record<EligibilityStatus, { zh: string; en: string }> = {
  met: { zh: "量化条件全部达标", en: "Every quantified condition met" },
  not_met: { zh: "有量化条件未达标", en: "A quantified condition is not met" },
  incomplete: { zh: "数据不全，尚不能判断", en: "Figures missing: cannot tell yet" },
  no_conditions: { zh: "本时期没有量化条件", en: "No quantified condition in this period" },
};

/** An indicator of the notice, or an input a formula reads (public: false, e.g. yearly revenue). */
export function itemRole(item: Pick<IndicatorItemDefinition, "public">): "indicator" | "input" {
  return item.public === false ? "input" : "indicator";
}

export interface EligibilityCell {
  key: string;
  /** the indicator's value in the period; null when missing (percent indicators as a ratio) */
  value: number | null;
  /** the value for people: decimals, ×100 with % for percent, the unit */
  text: string;
  result: EligibilityResult;
}

export interface EligibilitySummary {
  pass: number;
  fail: number;
  missing: number;
  judgement: number;
  status: EligibilityStatus;
  /** e.g. "创建申报（近三年）：5 项达标，1 项未达标，2 项由专家评判" */
  text: { zh: string; en: string };
}

export interface EligibilityPeriod {
  summary: EligibilitySummary;
  cells: EligibilityCell[];
}

/** Rounds at 12 significant digits first, so 0.1 + 0.2 shows as 0.30, never 0.30000000000000004. */
function clean(x: number): number {
  return Number(x.toPrecision(12));
}

/** A value as people read it: "135.50 亿元", "25.15%", "3,200 人"; "—" when missing. */
export function formatIndicatorValue(value: number | null, item: Pick<IndicatorItemDefinition, "decimals" | "format" | "unit">): string {
  if (value === null) return "—";
  const digits = { minimumFractionDigits: item.decimals, maximumFractionDigits: item.decimals };
  if (item.format === "percent") return `${new Intl.NumberFormat("en-US", digits).format(clean(value * 100))}%`;
  const text = new Intl.NumberFormat("en-US", digits).format(clean(value));
  return item.unit ? `${text} ${item.unit}` : text;
}

/** The result of one indicator in one period, from the evaluated sheet. */
export function cellResult(item: IndicatorItemDefinition, periodKey: string, check: boolean | null | undefined): EligibilityResult {
  const threshold = item.thresholds?.[periodKey];
  if (item.judged) return threshold ? "judgement" : "none";
  if (!threshold) return "none";
  if (!threshold.rule) return "judgement";
  if (check === true) return "pass";
  if (check === false) return "fail";
  return "missing";
}

export function summarize(cells: readonly Pick<EligibilityCell, "result">[], periodTitle: Localized): EligibilitySummary {
  const count = (r: EligibilityResult) => cells.filter((c) => c.result === r).length;
  const pass = count("pass");
  const fail = count("fail");
  const missing = count("missing");
  const judgement = count("judgement");
  const status: EligibilityStatus = fail > 0 ? "not_met" : missing > 0 ? "incomplete" : pass > 0 ? "met" : "no_conditions";
  const zh = [
    `${pass} 项达标`,
    fail ? `${fail} 项未达标` : "",
    missing ? `${missing} 项缺数据` : "",
    judgement ? `${judgement} 项由专家评判` : "",
  ]
    .filter(Boolean)
    .join("，");
  const en = [
    `${pass} met`,
    fail ? `${fail} not met` : "",
    missing ? `${missing} missing data` : "",
    judgement ? `${judgement} for expert judgement` : "",
  ]
    .filter(Boolean)
    .join(", ");
  return {
    pass,
    fail,
    missing,
    judgement,
    status,
    text: { zh: `${periodTitle.zh}：${zh}`, en: `${periodTitle.en ?? periodTitle.zh}: ${en}` },
  };
}

/** One applicant's report: per period key, every item of the sheet in its order, and the summary. */
export function entryEligibility(
  sheet: IndicatorSheetDefinition,
  evaluated: Pick<EntryIndicators, "values" | "checks">,
): Record<string, EligibilityPeriod> {
  const firstPeriod = sheet.periods[0]?.key;
  const out: Record<string, EligibilityPeriod> = {};
  for (const period of sheet.periods) {
    const cells = sheet.items.map((item): EligibilityCell => {
      // a judged score is the application's: it is not a figure of a later period
      const raw = evaluated.values[period.key]?.[item.key] ?? null;
      const value = item.judged && period.key !== firstPeriod ? null : raw;
      return {
        key: item.key,
        value,
        text: formatIndicatorValue(value, item),
        result: cellResult(item, period.key, evaluated.checks[period.key]?.[item.key]),
      };
    });
    out[period.key] = { summary: summarize(cells, period.title), cells };
  }
  return out;
}

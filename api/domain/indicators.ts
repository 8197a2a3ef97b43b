/**
 * Indicator sheets: the figures a list's entries are measured by (S1's county indicators, S3's park
 * and enterprise indicators), declared in the campaign file and evaluated here, purely.
 *
 * An indicator is one of
 * - imported: a number per entry and year, as the organizer imports it;
 * - weighted: Σ(count × ω) over typed rows (`type` names ω); with `byRank`, a non-lead unit's ω is
 *   divided by its rank; rows naming the same `item` count once, at their largest weight;
 * - formula: an expression over other indicators (api/domain/formula.ts);
 * - judged: an expert's overall score (综合评分), imported as scores, the mean of its scorers.
 *
 * A period is a set of years (S1: one year each; S3: the three years before applying, then the
 * creation period). An indicator's value in a period is its formula evaluated for the period, or
 * for imported and weighted indicators their value in the period's last year; the period functions
 * (avg, sum, first, last, growth) run over the period's years. Thresholds are rules evaluated in a
 * period with `value` (this indicator there) and `baseline` (this indicator in the period before).
 */
import type { IndicatorSheetDefinition } from "./campaign.ts";
import { evaluateFormula, parseFormula, type Formula, type FormulaScope } from "./formula.ts";

export interface IndicatorPeriod {
  key: string;
  years: readonly number[];
}

export type IndicatorRule =
  | { kind: "imported" }
  | { kind: "weighted"; weights: Readonly<Record<string, number>>; byRank: boolean }
  | { kind: "formula"; formula: Formula }
  | { kind: "judged" };

export interface IndicatorDefinition {
  key: string;
  rule: IndicatorRule;
  /** per period key: the rule a value must meet there (absent: no printed threshold, or judgement) */
  thresholds?: Readonly<Record<string, Formula | undefined>>;
}

/** One imported row of one entry (api/domain/indicator-rows.ts checks the file). */
export interface IndicatorFact {
  indicator: string;
  year: number;
  /** weighted indicators: the key of ω; "" otherwise */
  type: string;
  /** the applicant's rank among the units (1 = lead unit) */
  rank: number;
  /** an identifier that makes the same enterprise, platform or patent count once; "" when not given */
  item: string;
  value: number;
}

export interface EntryIndicators {
  /** per period key, per indicator key */
  values: Record<string, Record<string, number | null>>;
  /** per period key, per indicator key with a threshold there: pass, fail, or null when data is missing */
  checks: Record<string, Record<string, boolean | null>>;
}

export interface SheetInput {
  periods: readonly IndicatorPeriod[];
  indicators: readonly IndicatorDefinition[];
  params: Readonly<Record<string, number>>;
}

/**
 * Every indicator of one entry in every period, and every threshold check.
 * `judged` holds the entry's judged scores (mean of the scorers) by indicator key.
 */
export function evaluateEntry(
  sheet: SheetInput,
  facts: readonly IndicatorFact[],
  judged: ReadonlyMap<string, number> = new Map(),
): EntryIndicators {
  const figures = new EntryFigures(sheet, facts, judged);
  const values: EntryIndicators["values"] = {};
  const checks: EntryIndicators["checks"] = {};
  sheet.periods.forEach((period, i) => {
    const here: Record<string, number | null> = {};
    for (const def of sheet.indicators) here[def.key] = figures.periodValue(def.key, period);
    values[period.key] = here;
    checks[period.key] = figures.thresholdChecks(period, i > 0 ? sheet.periods[i - 1] : undefined, here);
  });
  return { values, checks };
}

/** One entry's figures, each worked out when first asked for and remembered per indicator and year. */
class EntryFigures {
  readonly #byKey: Map<string, IndicatorDefinition>;
  /** the entry's rows per indicator and year */
  readonly #facts = new Map<string, IndicatorFact[]>();
  readonly #yearly = new Map<string, number | null>();
  /** indicator-years being worked out: a formula that comes back to one of them gets null */
  readonly #inProgress = new Set<string>();

  constructor(
    private readonly sheet: SheetInput,
    facts: readonly IndicatorFact[],
    private readonly judged: ReadonlyMap<string, number>,
  ) {
    this.#byKey = new Map(sheet.indicators.map((d) => [d.key, d]));
    for (const f of facts) {
      const k = `${f.indicator}\u0000${f.year}`;
      const list = this.#facts.get(k);
      if (list) list.push(f);
      else this.#facts.set(k, [f]);
    }
  }

  /** An indicator in one year. */
  yearValue(key: string, year: number): number | null {
    const memo = `${key}\u0000${year}`;
    if (this.#yearly.has(memo)) return this.#yearly.get(memo)!;
    const def = this.#byKey.get(key);
    let v: number | null = null;
    if (def && !this.#inProgress.has(memo)) {
      this.#inProgress.add(memo);
      v = this.#computeYear(def, year, this.#facts.get(memo) ?? []);
      this.#inProgress.delete(memo);
    }
    this.#yearly.set(memo, v);
    return v;
  }

  #computeYear(def: IndicatorDefinition, year: number, rows: IndicatorFact[]): number | null {
    switch (def.rule.kind) {
      case "imported":
        return rows.find((r) => r.type === "")?.value ?? null;
      case "weighted":
        return rows.length === 0 ? null : weightedCount(rows, def.rule.weights, def.rule.byRank);
      case "formula": {
        const r = evaluateFormula(def.rule.formula, this.#yearScope(year));
        return typeof r === "number" ? r : null;
      }
      case "judged":
        return this.judged.get(def.key) ?? null;
    }
  }

  /** An indicator in a period: its formula over the period, else its value in the period's last year. */
  periodValue(key: string, period: IndicatorPeriod, depth = 0): number | null {
    const def = this.#byKey.get(key);
    if (!def || depth > this.sheet.indicators.length) return null;
    if (def.rule.kind === "judged") return this.judged.get(key) ?? null;
    if (def.rule.kind !== "formula") {
      const last = period.years[period.years.length - 1];
      return last === undefined ? null : this.yearValue(key, last);
    }
    const r = evaluateFormula(def.rule.formula, this.#periodScope(period, depth + 1));
    return typeof r === "number" ? r : null;
  }

  /** The thresholds of a period, with `value` the indicator's figure there and `baseline` its figure in the period before. */
  thresholdChecks(
    period: IndicatorPeriod,
    before: IndicatorPeriod | undefined,
    here: Record<string, number | null>,
  ): Record<string, boolean | null> {
    const passed: Record<string, boolean | null> = {};
    for (const def of this.sheet.indicators) {
      const rule = def.thresholds?.[period.key];
      if (!rule) continue;
      const scope = this.#periodScope(period, 1);
      const r = evaluateFormula(rule, {
        ...scope,
        period: (name) =>
          name === "value"
            ? here[def.key]!
            : name === "baseline"
              ? before
                ? this.periodValue(def.key, before)
                : null
              : scope.period(name),
      });
      passed[def.key] = typeof r === "boolean" ? r : null;
    }
    return passed;
  }

  #yearScope(year: number): FormulaScope {
    return {
      years: [year],
      period: (name) => this.yearValue(name, year),
      year: (name, y) => this.yearValue(name, y),
      param: (name) => this.sheet.params[name] ?? null,
    };
  }

  #periodScope(period: IndicatorPeriod, depth: number): FormulaScope {
    return {
      years: period.years,
      period: (name) => this.periodValue(name, period, depth),
      year: (name, y) => this.yearValue(name, y),
      param: (name) => this.sheet.params[name] ?? null,
    };
  }
}

/**
 * Σ(count × ω), ω divided by the unit's rank when `byRank`. Rows that name the same item count once,
 * at their largest contribution (同一企业/平台/专利不重复计算). An unknown type weighs nothing; the
 * import refuses such rows before they get here.
 */
export function weightedCount(
  rows: readonly Pick<IndicatorFact, "type" | "rank" | "item" | "value">[],
  weights: Readonly<Record<string, number>>,
  byRank: boolean,
): number {
  let total = 0;
  const items = new Map<string, number>();
  for (const r of rows) {
    const w = (weights[r.type] ?? 0) / (byRank ? Math.max(1, r.rank) : 1);
    if (r.item === "") total += r.value * w;
    else items.set(r.item, Math.max(items.get(r.item) ?? 0, w));
  }
  for (const w of items.values()) total += w;
  return total;
}

/**
 * The change from one period's value to the next: relative ((v − b) / |b|), or the plain difference
 * for shares already written in percent, whose change is read in percentage points.
 */
export function periodChange(before: number | null, after: number | null, mode: "relative" | "difference"): number | null {
  if (before === null || after === null) return null;
  if (mode === "difference") return after - before;
  return before === 0 ? null : (after - before) / Math.abs(before);
}

/** The sheet as evaluation needs it: formulas and rules parsed (the campaign schema has checked them). */
export function compileSheet(def: IndicatorSheetDefinition, params: Readonly<Record<string, number>>): SheetInput {
  return {
    periods: def.periods.map((p) => ({ key: p.key, years: p.years })),
    params,
    indicators: def.items.map((item) => ({
      key: item.key,
      rule: item.formula
        ? { kind: "formula", formula: parseFormula(item.formula) }
        : item.weighted
          ? {
              kind: "weighted",
              weights: Object.fromEntries(item.weighted.types.map((t) => [t.key, t.weight])),
              byRank: item.weighted.byRank,
            }
          : item.judged
            ? { kind: "judged" }
            : { kind: "imported" },
      ...(item.thresholds
        ? {
            thresholds: Object.fromEntries(Object.entries(item.thresholds).map(([k, t]) => [k, t.rule ? parseFormula(t.rule) : undefined])),
          }
        : {}),
    })),
  };
}

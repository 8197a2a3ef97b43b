/**
 * The campaign file's indicator sheets (S1's county table, S3's eligibility conditions): the
 * indicators, their formulas and thresholds, and the checks that the formulas hold together.
 */
import { z } from "zod";
import { key, localized, uniqueBy } from "./campaign-fields.ts";
import { FormulaError, formulaRefs, nestedAggregate, parseFormula, periodFunctions } from "./formula.ts";

/** An indicator's key is a name formulas use: lower case, digits and underscores. */
const reservedFormulaNames = ["value", "baseline", "params", ...periodFunctions];
const indicatorKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,62}$/, "指标标识只能包含小写字母、数字和下划线，并以字母开头（公式里直接引用它）")
  .refine((s) => !reservedFormulaNames.includes(s), "该标识在公式中有特殊含义，请换一个");

const threshold = z
  .object({
    /** a comparison over `value`, `baseline` (the period before) and `params.*`; absent: expert judgement */
    rule: z.string().trim().min(1).optional(),
    /** the condition as the notice prints it */
    text: localized,
  })
  .strict();

const indicator = z
  .object({
    key: indicatorKey,
    title: localized,
    unit: z.string().trim().min(1).optional(),
    /** the first-level indicator it belongs to (S3's 集群发展, 协同创新 …) */
    group: localized.optional(),
    note: localized.optional(),
    /** shown in a public table; false for the inputs of a formula that the notice does not print */
    public: z.boolean().default(true),
    decimals: z.number().int().min(0).max(6).default(2),
    /** percent: a ratio, shown ×100 with % */
    format: z.enum(["number", "percent"]).default("number"),
    /** how a change between periods is read: relative (同比 %), or a difference (百分点 for shares in percent) */
    change: z.enum(["relative", "difference"]).default("relative"),
    formula: z.string().trim().min(1).optional(),
    weighted: z
      .object({
        types: z
          .array(z.object({ key, title: localized, weight: z.number().positive() }).strict())
          .min(1)
          .superRefine(uniqueBy((t: { key: string }) => t.key)),
        /** 非牵头单位的，ω 为相应权重除以单位排序 */
        byRank: z.boolean().default(false),
      })
      .strict()
      .optional(),
    /** left to expert judgement (综合评分): imported as scores with this key as the dimension */
    judged: z.literal(true).optional(),
    /** period key → the threshold there (S3's 创建 and 认定) */
    thresholds: z.record(key, threshold).optional(),
  })
  .strict()
  .refine((i) => [i.formula, i.weighted, i.judged].filter((x) => x !== undefined).length <= 1, {
    message: "formula、weighted、judged 最多只能有一个",
  });

export const indicatorSheet = z
  .object({
    title: localized.optional(),
    /** public: a table on the list page (S1); organizers: only in the eligibility report (S3) */
    visibility: z.enum(["public", "organizers"]).default("public"),
    periods: z
      .array(
        z
          .object({ key, title: localized, years: z.array(z.number().int().min(1900).max(2200)).min(1) })
          .strict()
          .refine((p) => p.years.every((y, i) => i === 0 || y > p.years[i - 1]!), {
            message: "年份须从小到大排列且不重复",
            path: ["years"],
          }),
      )
      .min(1)
      .superRefine(uniqueBy((p: { key: string }) => p.key)),
    /** show each indicator's change from one period to the next (S1's 同比) */
    change: z.boolean().default(false),
    items: z
      .array(indicator)
      .min(1)
      .superRefine(uniqueBy((i: { key: string }) => i.key)),
  })
  .strict();

export type IndicatorSheetDefinition = z.infer<typeof indicatorSheet>;
export type IndicatorItemDefinition = IndicatorSheetDefinition["items"][number];

/**
 * An indicator sheet's formulas and rules: they parse, name only indicators of the sheet and the
 * campaign's params, use `value`/`baseline` only in thresholds, nest no period function, do not
 * depend on themselves, and name only the sheet's periods.
 */
export function checkIndicatorSheet(
  sheet: IndicatorSheetDefinition,
  params: string[],
  path: (string | number)[],
  ctx: z.RefinementCtx,
): void {
  const keys = new Set(sheet.items.map((i) => i.key));
  const periods = new Set(sheet.periods.map((p) => p.key));
  const deps = new Map<string, Set<string>>();
  const aggregated = new Set<string>();
  const check = (source: string, at: (string | number)[], kind: "formula" | "rule") => {
    let parsed;
    try {
      parsed = parseFormula(source);
    } catch (error) {
      if (!(error instanceof FormulaError)) throw error;
      ctx.addIssue({ code: "custom", path: at, message: `无法解析：${error.message}` });
      return undefined;
    }
    const refs = formulaRefs(parsed);
    const allowed = kind === "rule" ? new Set([...keys, "value", "baseline"]) : keys;
    for (const n of refs.names) if (!allowed.has(n)) ctx.addIssue({ code: "custom", path: at, message: `未定义的指标 ${n}` });
    for (const p of refs.params)
      if (!params.includes(p)) ctx.addIssue({ code: "custom", path: at, message: `未定义的参数 params.${p}（在活动的 params 中定义）` });
    const nested = nestedAggregate(parsed);
    if (nested) ctx.addIssue({ code: "custom", path: at, message: `${nested}() 不能嵌套在另一个汇总函数中` });
    if (kind === "formula" && refs.compares)
      ctx.addIssue({ code: "custom", path: at, message: "公式不能包含比较；比较写在 thresholds 的 rule 中" });
    if (kind === "rule" && parsed.type !== "compare")
      ctx.addIssue({ code: "custom", path: at, message: "门槛须是一个比较，如 value >= 100" });
    return refs;
  };
  sheet.items.forEach((item, i) => {
    const at = [...path, "items", i];
    if (item.formula) {
      const refs = check(item.formula, [...at, "formula"], "formula");
      if (refs) {
        deps.set(item.key, refs.names);
        if (refs.aggregates) aggregated.add(item.key);
        for (const n of refs.namesInAggregates)
          if (sheet.items.find((x) => x.key === n)?.judged) {
            ctx.addIssue({ code: "custom", path: [...at, "formula"], message: `${n} 是专家综合评分，没有逐年数值，不能放在汇总函数中` });
          }
      }
    }
    for (const [periodKey, t] of Object.entries(item.thresholds ?? {})) {
      if (!periods.has(periodKey))
        ctx.addIssue({
          code: "custom",
          path: [...at, "thresholds", periodKey],
          message: `未定义的时期 ${periodKey}；可选：${[...periods].join("、")}`,
        });
      if (t.rule) check(t.rule, [...at, "thresholds", periodKey, "rule"], "rule");
    }
  });
  // a formula evaluated year by year (inside a period function) cannot itself aggregate over years
  sheet.items.forEach((item, i) => {
    if (!item.formula) return;
    try {
      for (const n of formulaRefs(parseFormula(item.formula)).namesInAggregates) {
        if (aggregated.has(n))
          ctx.addIssue({ code: "custom", path: [...path, "items", i, "formula"], message: `${n} 本身是跨年汇总，不能再放进汇总函数` });
      }
    } catch {
      // reported above
    }
  });
  reportCycles(sheet, deps, path, ctx);
}

/** A formula that depends, through others, on itself. */
function reportCycles(
  sheet: IndicatorSheetDefinition,
  deps: Map<string, Set<string>>,
  path: (string | number)[],
  ctx: z.RefinementCtx,
): void {
  const visiting = new Set<string>();
  const done = new Set<string>();
  const cyclic = (k: string): boolean => {
    if (done.has(k)) return false;
    if (visiting.has(k)) return true;
    visiting.add(k);
    const found = [...(deps.get(k) ?? [])].some(cyclic);
    visiting.delete(k);
    done.add(k);
    return found;
  };
  sheet.items.forEach((item, i) => {
    if (deps.has(item.key) && cyclic(item.key))
      ctx.addIssue({ code: "custom", path: [...path, "items", i, "formula"], message: `公式循环引用了 ${item.key}` });
  });
}

/**
 * The campaign file: one definition per campaign (lists, dimensions, weights, rules, dates).
 * Validated with zod; errors are reported by path so an organizer can find the bad line.
 */
import { z } from "zod";
import { checkEntryRules } from "./entry-rules.ts";
import { FormulaError, formulaRefs, nestedAggregate, parseFormula, periodFunctions } from "./formula.ts";

// Messages an organizer reads: Chinese.
z.config(z.locales.zhCN());

const localized = z
  .object({
    zh: z.string().trim().min(1, "中文标题不能为空"),
    en: z.string().trim().min(1).optional(),
  })
  .strict();
export type Localized = z.infer<typeof localized>;

const slug = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, "只能包含小写字母、数字和连字符（a-z0-9-），且不以连字符开头或结尾");

/** ISO 8601 with an explicit offset (or Z); a bare local time is ambiguous across time zones. */
const isoInstant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, "须为带时区偏移的 ISO 8601 时间，如 2024-10-08T09:00:00+08:00")
  .refine((s) => !Number.isNaN(Date.parse(s)), "不是有效的时间");

const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "不是有效的 IANA 时区，如 Asia/Shanghai");

const dimension = z
  .object({
    key: slug,
    title: localized,
    weight: z.number().positive().default(1),
  })
  .strict();

const component = z
  .object({
    key: slug,
    title: localized,
    weight: z.number().min(0).max(1),
    trim: z.boolean().default(false),
    normalize: z.enum(["max", "rank"]).default("max"),
  })
  .strict()
  .refine((c) => c.key === "vote" || c.normalize === "max", { message: "normalize 只适用于网络投票（vote）", path: ["normalize"] });

export const entryKinds = ["enterprise", "park", "person", "team", "product", "block", "case", "county", "city"] as const;

/** A key of a category, section, period or ω type: like a slug, read by people in data files. */
const key = slug;

/** An indicator's key is a name formulas use: lower case, digits and underscores. */
const reservedFormulaNames = ["value", "baseline", "params", ...periodFunctions];
const indicatorKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,62}$/, "指标标识只能包含小写字母、数字和下划线，并以字母开头（公式里直接引用它）")
  .refine((s) => !reservedFormulaNames.includes(s), "该标识在公式中有特殊含义，请换一个");

const image = z
  .object({
    /** a path on this site (/demo/…) or an https URL */
    src: z.string().trim().regex(/^(\/(?!\/)|https:\/\/)\S+$/, "图片地址须以 / 或 https:// 开头"),
    caption: localized,
    alt: localized.optional(),
  })
  .strict();

const entry = z
  .object({
    slug,
    name: localized,
    kind: z.enum(entryKinds).default("enterprise"),
    region: z.string().trim().min(1).optional(),
    sector: z.string().trim().min(1).optional(),
    summary: localized.optional(),
    description: localized.optional(),
    /** category key → value (the value's Chinese title), from the campaign's `categories` */
    categories: z.record(key, z.string().trim().min(1)).optional(),
    /** the case text (S2), or see `sections` for a form with parts (S1) */
    body: localized.optional(),
    /** section key → text, for the list's `form.sections` */
    sections: z.record(key, localized).optional(),
    images: z.array(image).max(20).optional(),
    /** 填报单位 / 申报单位: who submitted it */
    submitter: z.string().trim().min(1).optional(),
    /** 推荐单位 */
    recommender: z.string().trim().min(1).optional(),
  })
  .strict();

const category = z
  .object({
    key,
    title: localized,
    /** the values an entry may take; a plain string is its Chinese title */
    values: z
      .array(z.union([z.string().trim().min(1).transform((zh) => ({ zh })), localized]))
      .min(1, "至少需要一个取值")
      .superRefine(uniqueBy((v: Localized) => v.zh, "zh")),
  })
  .strict();

const entryRule = z
  .object({
    when: z.record(key, z.string().trim().min(1)).optional(),
    maxChars: z.number().int().positive().optional(),
    images: z
      .object({ min: z.number().int().min(0), max: z.number().int().min(1) })
      .strict()
      .refine((i) => i.min <= i.max, { message: "min 不能大于 max", path: ["max"] })
      .optional(),
    require: z.array(key).optional(),
    forbid: z.array(key).optional(),
    quota: z.object({ per: z.array(key).min(1), max: z.number().int().min(1) }).strict().optional(),
  })
  .strict();

const section = z.object({ key, title: localized, group: localized.optional() }).strict();

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

const indicatorSheet = z
  .object({
    title: localized.optional(),
    /** public: a table on the list page (S1); organizers: only in the eligibility report (S3) */
    visibility: z.enum(["public", "organizers"]).default("public"),
    periods: z
      .array(
        z
          .object({ key, title: localized, years: z.array(z.number().int().min(1900).max(2200)).min(1) })
          .strict()
          .refine((p) => p.years.every((y, i) => i === 0 || y > p.years[i - 1]!), { message: "年份须从小到大排列且不重复", path: ["years"] }),
      )
      .min(1)
      .superRefine(uniqueBy((p: { key: string }) => p.key)),
    /** show each indicator's change from one period to the next (S1's 同比) */
    change: z.boolean().default(false),
    items: z.array(indicator).min(1).superRefine(uniqueBy((i: { key: string }) => i.key)),
  })
  .strict();

export type IndicatorSheetDefinition = z.infer<typeof indicatorSheet>;
export type IndicatorItemDefinition = IndicatorSheetDefinition["items"][number];
export type CategoryDefinition = z.infer<typeof category>;
export type EntryRuleDefinition = z.infer<typeof entryRule>;

const voting = z
  .object({
    opensAt: isoInstant,
    closesAt: isoInstant,
    perDay: z.number().int().min(1).max(100).default(3),
    perEntryPerDay: z.number().int().min(1).max(100).default(1),
  })
  .strict()
  .refine((v) => Date.parse(v.opensAt) < Date.parse(v.closesAt), {
    message: "closesAt 必须晚于 opensAt",
    path: ["closesAt"],
  });

/** Path segments the site and API use themselves; a list or campaign named so would be unreachable. */
export const reservedListSlugs = ["publicity", "results", "rules"] as const;
export const reservedCampaignSlugs = ["api", "admin", "embed", "en", "privacy", "assets", "_astro", "favicon-svg"] as const;

const list = z
  .object({
    slug: slug.refine((s) => !(reservedListSlugs as readonly string[]).includes(s), "该 slug 为站点保留路径"),
    title: localized,
    description: localized.optional(),
    ranking: z.enum(["ranked", "unranked"]).default("ranked"),
    revealScores: z.enum(["always", "after_close", "never"]).default("after_close"),
    /** this list's own dimensions, replacing the campaign's (S4 scores products on other dimensions) */
    dimensions: z.array(dimension).min(1, "至少需要一个维度").superRefine(uniqueBy((d) => d.key)).optional(),
    voting: voting.optional(),
    /** the parts of the form each entry's text follows (S1's 背景摘要 … 体会感受) */
    form: z.object({ sections: z.array(section).min(1).superRefine(uniqueBy((x: { key: string }) => x.key)) }).strict().optional(),
    entryRules: z.array(entryRule).optional(),
    indicators: indicatorSheet.optional(),
    /** how the final list names each entry, `{category}` filled in (S3: 国家新兴产业发展示范基地（{field}示范园区）) */
    designation: localized.optional(),
    entries: z
      .array(entry)
      .min(1, "每个榜单至少需要一个入围对象")
      .superRefine(uniqueBy((e) => e.slug, "slug")),
  })
  .strict();

function uniqueBy<T>(keyOf: (item: T) => string, field = "key") {
  return (items: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const k = keyOf(item);
      if (seen.has(k)) ctx.addIssue({ code: "custom", path: [i, field], message: `重复的标识：${k}` });
      seen.add(k);
    });
  };
}

function weightsSumToOne(items: { weight: number }[], ctx: z.RefinementCtx) {
  if (items.length === 0) return;
  const sum = items.reduce((s, x) => s + x.weight, 0);
  if (Math.abs(sum - 1) > 1e-9) ctx.addIssue({ code: "custom", message: `各组成部分权重之和须为 1，现为 ${Number(sum.toFixed(6))}` });
}

const campaignBase = z
  .object({
    slug: slug.refine((s) => !(reservedCampaignSlugs as readonly string[]).includes(s), "该 slug 为站点保留路径"),
    title: localized,
    organizer: localized.optional(),
    contact: z.string().trim().min(1).optional(),
    timezone: timeZone.default("Asia/Shanghai"),
    stage: z.enum(["collecting", "reviewing", "voting", "publicity", "published"]).optional(),
    rules: localized.optional(),
    /** the publicity period (公示) the organizer publishes the preliminary list for */
    publicity: z
      .object({ workingDays: z.number().int().min(1, "公示期至少 1 个工作日").max(60).default(5) })
      .strict()
      .optional(),
    dimensions: z.array(dimension).superRefine(uniqueBy((d) => d.key)).default([]),
    /** what entries are grouped and filtered by (S1's 案例领域, S2's 省份/类型/征集方向, S3's 领域) */
    categories: z.array(category).superRefine(uniqueBy((c) => c.key)).default([]),
    /** named figures thresholds refer to as params.<name> (e.g. the national industrial revenue growth) */
    params: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/, "参数名只能包含小写字母、数字和下划线"), z.number()).default({}),
    components: z.array(component).superRefine(uniqueBy((c) => c.key)).superRefine(weightsSumToOne).default([]),
    lists: z.array(list).min(1, "至少需要一个榜单").superRefine(uniqueBy((l) => l.slug, "slug")),
  })
  .strict();

export const campaignSchema = campaignBase.superRefine((c, ctx) => {
  const hasVote = c.components.some((x) => x.key === "vote");
  if (hasVote && !c.lists.some((l) => l.voting)) {
    ctx.addIssue({ code: "custom", path: ["lists"], message: "含网络投票（vote）的活动至少需要一个设置了 voting 的榜单" });
  }
  checkCategoriesAndRules(c, ctx);
  c.lists.forEach((l, i) => {
    if (!l.indicators) return;
    checkIndicatorSheet(l.indicators, Object.keys(c.params), ["lists", i, "indicators"], ctx);
    // a judged indicator's scores are imported with its key as the dimension: a scoring dimension of
    // the same name would take them into the composite total as well
    const dimensions = new Set(listDimensions(c, l).map((d) => d.key));
    l.indicators.items.forEach((item, j) => {
      if (item.judged && dimensions.has(item.key)) {
        ctx.addIssue({ code: "custom", path: ["lists", i, "indicators", "items", j, "key"], message: `${item.key} 已是评价维度的标识；专家综合评分的指标须换一个标识，以免成绩混入总分` });
      }
    });
  });
});

/** Entries' categories, sections and the list's rules, against the campaign's categories and forms. */
function checkCategoriesAndRules(c: z.infer<typeof campaignBase>, ctx: z.RefinementCtx): void {
  const categories = new Map(c.categories.map((x) => [x.key, x]));
  const valueProblem = (keyName: string, value: string) => {
    const cat = categories.get(keyName);
    if (!cat) return `未定义的分类 ${keyName}（在活动的 categories 中定义）`;
    if (!cat.values.some((v) => v.zh === value)) return `“${value}”不是“${cat.title.zh}”的取值；可选：${cat.values.map((v) => v.zh).join("、")}`;
    return undefined;
  };
  c.lists.forEach((l, li) => {
    (l.entryRules ?? []).forEach((rule, ri) => {
      const at = ["lists", li, "entryRules", ri];
      for (const [k, v] of Object.entries(rule.when ?? {})) {
        const p = valueProblem(k, v);
        if (p) ctx.addIssue({ code: "custom", path: [...at, "when", k], message: p });
      }
      for (const k of [...(rule.require ?? []), ...(rule.forbid ?? []), ...(rule.quota?.per ?? [])]) {
        if (!categories.has(k)) ctx.addIssue({ code: "custom", path: at, message: `未定义的分类 ${k}` });
      }
    });
    if (l.designation) {
      const named = new Set<string>();
      for (const m of `${l.designation.zh} ${l.designation.en ?? ""}`.matchAll(/\{([^}]*)\}/g)) {
        if (!categories.has(m[1]!)) ctx.addIssue({ code: "custom", path: ["lists", li, "designation"], message: `命名中的 {${m[1]}} 不是已定义的分类` });
        else named.add(m[1]!);
      }
      // the final list names every entry by it: each needs the categories it names
      l.entries.forEach((e, ei) => {
        for (const k of named) {
          if (!e.categories?.[k]) ctx.addIssue({ code: "custom", path: ["lists", li, "entries", ei, "categories", k], message: `榜单的认定命名用到分类 ${k}，每个对象都须填写` });
        }
      });
    }
    const sectionKeys = new Set((l.form?.sections ?? []).map((x) => x.key));
    l.entries.forEach((e, ei) => {
      for (const [k, v] of Object.entries(e.categories ?? {})) {
        const p = valueProblem(k, v);
        if (p) ctx.addIssue({ code: "custom", path: ["lists", li, "entries", ei, "categories", k], message: p });
      }
      for (const k of Object.keys(e.sections ?? {})) {
        if (!sectionKeys.has(k)) {
          ctx.addIssue({ code: "custom", path: ["lists", li, "entries", ei, "sections", k], message: l.form ? `榜单的 form.sections 中没有 ${k}` : "榜单未定义 form.sections，不能按栏目填写" });
        }
      }
    });
    for (const p of checkEntryRules(l.entryRules ?? [], c.categories, l.entries)) {
      ctx.addIssue({ code: "custom", path: ["lists", li, "entries", p.index, ...p.field.split(".")], message: p.message });
    }
  });
}

/**
 * An indicator sheet's formulas and rules: they parse, name only indicators of the sheet and the
 * campaign's params, use `value`/`baseline` only in thresholds, nest no period function, do not
 * depend on themselves, and name only the sheet's periods.
 */
function checkIndicatorSheet(sheet: IndicatorSheetDefinition, params: string[], path: (string | number)[], ctx: z.RefinementCtx): void {
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
    for (const p of refs.params) if (!params.includes(p)) ctx.addIssue({ code: "custom", path: at, message: `未定义的参数 params.${p}（在活动的 params 中定义）` });
    const nested = nestedAggregate(parsed);
    if (nested) ctx.addIssue({ code: "custom", path: at, message: `${nested}() 不能嵌套在另一个汇总函数中` });
    if (kind === "formula" && refs.compares) ctx.addIssue({ code: "custom", path: at, message: "公式不能包含比较；比较写在 thresholds 的 rule 中" });
    if (kind === "rule" && parsed.type !== "compare") ctx.addIssue({ code: "custom", path: at, message: "门槛须是一个比较，如 value >= 100" });
    return refs;
  };
  sheet.items.forEach((item, i) => {
    const at = [...path, "items", i];
    if (item.formula) {
      const refs = check(item.formula, [...at, "formula"], "formula");
      if (refs) {
        deps.set(item.key, refs.names);
        if (refs.aggregates) aggregated.add(item.key);
        for (const n of refs.namesInAggregates) if (sheet.items.find((x) => x.key === n)?.judged) {
          ctx.addIssue({ code: "custom", path: [...at, "formula"], message: `${n} 是专家综合评分，没有逐年数值，不能放在汇总函数中` });
        }
      }
    }
    for (const [periodKey, t] of Object.entries(item.thresholds ?? {})) {
      if (!periods.has(periodKey)) ctx.addIssue({ code: "custom", path: [...at, "thresholds", periodKey], message: `未定义的时期 ${periodKey}；可选：${[...periods].join("、")}` });
      if (t.rule) check(t.rule, [...at, "thresholds", periodKey, "rule"], "rule");
    }
  });
  // a formula evaluated year by year (inside a period function) cannot itself aggregate over years
  sheet.items.forEach((item, i) => {
    if (!item.formula) return;
    try {
      for (const n of formulaRefs(parseFormula(item.formula)).namesInAggregates) {
        if (aggregated.has(n)) ctx.addIssue({ code: "custom", path: [...path, "items", i, "formula"], message: `${n} 本身是跨年汇总，不能再放进汇总函数` });
      }
    } catch {
      // reported above
    }
  });
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
    if (deps.has(item.key) && cyclic(item.key)) ctx.addIssue({ code: "custom", path: [...path, "items", i, "formula"], message: `公式循环引用了 ${item.key}` });
  });
}

export type CampaignFile = z.infer<typeof campaignSchema>;
export type CampaignInput = z.input<typeof campaignSchema>;
export type ListDefinition = CampaignFile["lists"][number];
export type EntryDefinition = ListDefinition["entries"][number];

/** The dimensions a list is scored on: its own when it has them, else the campaign's. */
export function listDimensions(campaign: Pick<CampaignFile, "dimensions">, list: Pick<ListDefinition, "dimensions">): CampaignFile["dimensions"] {
  return list.dimensions ?? campaign.dimensions;
}

export interface SchemaProblem {
  path: string;
  message: string;
}

/** Validates a parsed campaign file; problems carry a dotted path such as `lists.0.entries.3.slug`. */
export function parseCampaign(input: unknown): { ok: true; campaign: CampaignFile } | { ok: false; problems: SchemaProblem[] } {
  const result = campaignSchema.safeParse(input);
  if (result.success) return { ok: true, campaign: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => ({
      path: issue.path.map(String).join(".") || "(根)",
      message: issue.message,
    })),
  };
}

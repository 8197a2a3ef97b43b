/**
 * The campaign file: one definition per campaign (lists, dimensions, weights, rules, dates).
 * Validated with zod; errors are reported by path so an organizer can find the bad line. Its parts
 * are in campaign-fields.ts (titles, slugs, times), campaign-entries.ts (entries, categories, entry
 * rules) and campaign-indicators.ts (indicator sheets); what other modules use is exported here.
 */
import { z } from "zod";
import { category, checkCategoriesAndRules, entry, entryRule, section } from "./campaign-entries.ts";
import { isoInstant, localized, slug, timeZone, uniqueBy } from "./campaign-fields.ts";
import { checkIndicatorSheet, indicatorSheet } from "./campaign-indicators.ts";
import { checkNotice, noticeFields } from "./campaign-notice.ts";

export type { Localized } from "./campaign-fields.ts";
export { entryKinds, type CategoryDefinition, type EntryRuleDefinition } from "./campaign-entries.ts";
export type { IndicatorItemDefinition, IndicatorSheetDefinition } from "./campaign-indicators.ts";
export type { ApplyDefinition, ContactDefinition, OrganizerRule, TimelineStage } from "./campaign-notice.ts";

const dimension = z
  .object({
    key: slug,
    title: localized,
    weight: z.number().positive().default(1),
    /** what the dimension measures, in the notice's words */
    description: localized.optional(),
  })
  .strict();

const component = z
  .object({
    key: slug,
    title: localized,
    weight: z.number().min(0).max(1),
    trim: z.boolean().default(false),
    normalize: z.enum(["max", "rank"]).default("max"),
    /** who gives this component's scores: `experts` on their phones (/score/), beside any imported file */
    scoredBy: z.enum(["experts"], "scoredBy 只能是 experts").optional(),
  })
  .strict()
  .refine((c) => c.key === "vote" || c.normalize === "max", { message: "normalize 只适用于网络投票（vote）", path: ["normalize"] })
  .refine((c) => c.key !== "vote" || c.scoredBy === undefined, { message: "网络投票（vote）不能由专家评分", path: ["scoredBy"] });

/**
 * A round of expert scoring (初审, 终审…); the last declared is the final round, the only one the
 * composite reads. `advance` says which entries go on to the next round: the `top` N per list by
 * this round's trimmed mean over the expert components, or the organizer's `manual` pick.
 */
const round = z
  .object({
    key: slug,
    title: localized,
    advance: z
      .union(
        [z.object({ top: z.number().int().min(1, "top 至少为 1").max(10000) }).strict(), z.literal("manual")],
        "advance 须为 { top: N } 或 manual",
      )
      .optional(),
  })
  .strict();

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
export const reservedCampaignSlugs = ["api", "admin", "embed", "en", "privacy", "assets", "_astro", "favicon-svg", "score"] as const;

const list = z
  .object({
    slug: slug.refine((s) => !(reservedListSlugs as readonly string[]).includes(s), "该 slug 为站点保留路径"),
    title: localized,
    description: localized.optional(),
    ranking: z.enum(["ranked", "unranked"]).default("ranked"),
    revealScores: z.enum(["always", "after_close", "never"]).default("after_close"),
    /** this list's own dimensions, replacing the campaign's (S4 scores products on other dimensions) */
    dimensions: z
      .array(dimension)
      .min(1, "至少需要一个维度")
      .superRefine(uniqueBy((d) => d.key))
      .optional(),
    voting: voting.optional(),
    /** the parts of the form each entry's text follows (S1's 背景摘要 … 体会感受) */
    form: z
      .object({
        sections: z
          .array(section)
          .min(1)
          .superRefine(uniqueBy((x: { key: string }) => x.key)),
      })
      .strict()
      .optional(),
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
    ...noticeFields,
    /** the publicity period (公示) the organizer publishes the preliminary list for */
    publicity: z
      .object({ workingDays: z.number().int().min(1, "公示期至少 1 个工作日").max(60).default(5) })
      .strict()
      .optional(),
    dimensions: z
      .array(dimension)
      .superRefine(uniqueBy((d) => d.key))
      .default([]),
    /** what entries are grouped and filtered by (S1's 案例领域, S2's 省份/类型/征集方向, S3's 领域) */
    categories: z
      .array(category)
      .superRefine(uniqueBy((c) => c.key))
      .default([]),
    /** named figures thresholds refer to as params.<name> (e.g. the national industrial revenue growth) */
    params: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/, "参数名只能包含小写字母、数字和下划线"), z.number()).default({}),
    components: z
      .array(component)
      .superRefine(uniqueBy((c) => c.key))
      .superRefine(weightsSumToOne)
      .default([]),
    /** expert scoring's rounds, in order (初审 → 终审); none: one round, the final */
    rounds: z
      .array(round)
      .min(1, "rounds 至少需要一轮")
      .max(10)
      .superRefine(uniqueBy((r) => r.key))
      .optional(),
    lists: z
      .array(list)
      .min(1, "至少需要一个榜单")
      .superRefine(uniqueBy((l) => l.slug, "slug")),
  })
  .strict();

export const campaignSchema = campaignBase.superRefine((c, ctx) => {
  const hasVote = c.components.some((x) => x.key === "vote");
  if (hasVote && !c.lists.some((l) => l.voting)) {
    ctx.addIssue({ code: "custom", path: ["lists"], message: "含网络投票（vote）的活动至少需要一个设置了 voting 的榜单" });
  }
  checkCategoriesAndRules(c, ctx);
  checkNotice(c, ctx);
  if (c.rounds) {
    const last = c.rounds.length - 1;
    if (c.rounds[last]!.advance !== undefined)
      ctx.addIssue({ code: "custom", path: ["rounds", last, "advance"], message: "最后一轮（终审）之后没有下一轮，不能设置 advance" });
    c.rounds.slice(0, last).forEach((r, i) => {
      if (r.advance === undefined)
        ctx.addIssue({
          code: "custom",
          path: ["rounds", i, "advance"],
          message: "除最后一轮外，每轮须设置 advance（{ top: N } 或 manual）",
        });
    });
    if (!c.components.some((x) => x.scoredBy === "experts"))
      ctx.addIssue({ code: "custom", path: ["rounds"], message: "rounds 只用于专家评分：至少一个组成部分须设置 scoredBy: experts" });
  }
  c.lists.forEach((l, i) => {
    if (!l.indicators) return;
    checkIndicatorSheet(l.indicators, Object.keys(c.params), ["lists", i, "indicators"], ctx);
    // a judged indicator's scores are imported with its key as the dimension: a scoring dimension of
    // the same name would take them into the composite total as well
    const dimensions = new Set(listDimensions(c, l).map((d) => d.key));
    l.indicators.items.forEach((item, j) => {
      if (item.judged && dimensions.has(item.key)) {
        ctx.addIssue({
          code: "custom",
          path: ["lists", i, "indicators", "items", j, "key"],
          message: `${item.key} 已是评价维度的标识；专家综合评分的指标须换一个标识，以免成绩混入总分`,
        });
      }
    });
  });
});

export type CampaignFile = z.infer<typeof campaignSchema>;
export type CampaignInput = z.input<typeof campaignSchema>;
export type ListDefinition = CampaignFile["lists"][number];
export type EntryDefinition = ListDefinition["entries"][number];
export type RoundDefinition = NonNullable<CampaignFile["rounds"]>[number];

/** The dimensions a list is scored on: its own when it has them, else the campaign's. */
export function listDimensions(
  campaign: Pick<CampaignFile, "dimensions">,
  list: Pick<ListDefinition, "dimensions">,
): CampaignFile["dimensions"] {
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

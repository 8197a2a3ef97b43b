/**
 * The campaign file: one definition per campaign (lists, dimensions, weights, rules, dates).
 * Validated with zod; errors are reported by path so an organizer can find the bad line.
 */
import { z } from "zod";

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

const entry = z
  .object({
    slug,
    name: localized,
    kind: z.enum(entryKinds).default("enterprise"),
    region: z.string().trim().min(1).optional(),
    sector: z.string().trim().min(1).optional(),
    summary: localized.optional(),
    description: localized.optional(),
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

export const campaignSchema = z
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
    components: z.array(component).superRefine(uniqueBy((c) => c.key)).superRefine(weightsSumToOne).default([]),
    lists: z.array(list).min(1, "至少需要一个榜单").superRefine(uniqueBy((l) => l.slug, "slug")),
  })
  .strict()
  .superRefine((c, ctx) => {
    const hasVote = c.components.some((x) => x.key === "vote");
    if (hasVote && !c.lists.some((l) => l.voting)) {
      ctx.addIssue({ code: "custom", path: ["lists"], message: "含网络投票（vote）的活动至少需要一个设置了 voting 的榜单" });
    }
  });

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

/**
 * The campaign file's entries and what they are checked against: the campaign's categories, a
 * list's form sections and its entry rules (quotas, lengths, images, required categories).
 */
import { z } from "zod";
import { key, localized, slug, uniqueBy, type Localized } from "./campaign-fields.ts";
import { checkEntryRules } from "./entry-rules.ts";

export const entryKinds = ["enterprise", "park", "person", "team", "product", "block", "case", "county", "city"] as const;

/** a path on this site (/demo/…) or an https URL */
const imageSrc = z
  .string()
  .trim()
  .regex(/^(\/(?!\/)|https:\/\/)\S+$/, "图片地址须以 / 或 https:// 开头");

const image = z.object({ src: imageSrc, caption: localized, alt: localized.optional() }).strict();

/**
 * An entry's logo (enterprises, parks, products) or photo (persons, teams): one picture that lists
 * show as a thumbnail beside the name. `alt` says what it shows for where it stands alone.
 */
const picture = z.object({ src: imageSrc, alt: localized.optional() }).strict();

export const entry = z
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
    logo: picture.optional(),
    photo: picture.optional(),
    /** 填报单位 / 申报单位: who submitted it */
    submitter: z.string().trim().min(1).optional(),
    /** 推荐单位 */
    recommender: z.string().trim().min(1).optional(),
  })
  .strict();

export const category = z
  .object({
    key,
    title: localized,
    /** the values an entry may take; a plain string is its Chinese title */
    values: z
      .array(
        z.union([
          z
            .string()
            .trim()
            .min(1)
            .transform((zh) => ({ zh })),
          // a value with what it means (S2's six directions)
          localized.extend({ description: localized.optional() }).strict(),
        ]),
      )
      .min(1, "至少需要一个取值")
      .superRefine(uniqueBy((v: Localized) => v.zh, "zh")),
  })
  .strict();

export const entryRule = z
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
    quota: z
      .object({ per: z.array(key).min(1), max: z.number().int().min(1) })
      .strict()
      .optional(),
  })
  .strict();

export const section = z.object({ key, title: localized, group: localized.optional() }).strict();

export type CategoryDefinition = z.infer<typeof category>;
export type EntryRuleDefinition = z.infer<typeof entryRule>;

/** What checkCategoriesAndRules reads of a campaign. */
interface CampaignParts {
  categories: CategoryDefinition[];
  lists: {
    entryRules?: EntryRuleDefinition[];
    designation?: Localized;
    form?: { sections: z.infer<typeof section>[] };
    entries: z.infer<typeof entry>[];
  }[];
}

/** Entries' categories, sections and the list's rules, against the campaign's categories and forms. */
export function checkCategoriesAndRules(c: CampaignParts, ctx: z.RefinementCtx): void {
  const categories = new Map(c.categories.map((x) => [x.key, x]));
  const valueProblem = (keyName: string, value: string) => {
    const cat = categories.get(keyName);
    if (!cat) return `未定义的分类 ${keyName}（在活动的 categories 中定义）`;
    if (!cat.values.some((v) => v.zh === value))
      return `“${value}”不是“${cat.title.zh}”的取值；可选：${cat.values.map((v) => v.zh).join("、")}`;
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
        if (!categories.has(m[1]!))
          ctx.addIssue({ code: "custom", path: ["lists", li, "designation"], message: `命名中的 {${m[1]}} 不是已定义的分类` });
        else named.add(m[1]!);
      }
      // the final list names every entry by it: each needs the categories it names
      l.entries.forEach((e, ei) => {
        for (const k of named) {
          if (!e.categories?.[k])
            ctx.addIssue({
              code: "custom",
              path: ["lists", li, "entries", ei, "categories", k],
              message: `榜单的认定命名用到分类 ${k}，每个对象都须填写`,
            });
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
          ctx.addIssue({
            code: "custom",
            path: ["lists", li, "entries", ei, "sections", k],
            message: l.form ? `榜单的 form.sections 中没有 ${k}` : "榜单未定义 form.sections，不能按栏目填写",
          });
        }
      }
    });
    for (const p of checkEntryRules(l.entryRules ?? [], c.categories, l.entries)) {
      ctx.addIssue({ code: "custom", path: ["lists", li, "entries", p.index, ...p.field.split(".")], message: p.message });
    }
  });
}

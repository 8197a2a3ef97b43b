/**
 * What a list asks of its entries beyond their shape: length limits (S1's 3000 字, S2's 5000 and
 * 2500 字), how many images with captions (S1: 3–4), categories that must be filled in (a featured
 * case's direction) or left empty (a comprehensive case's) and quotas (S2: at most 2 comprehensive cases per province, 1 featured case per
 * direction per province). Declared per list in the campaign file as `entryRules`; checked here,
 * purely, both when a campaign file is imported and when cases arrive as a spreadsheet.
 */
import type { Localized } from "./campaign.ts";

export interface EntryRule {
  /** the entries the rule is about: category key → value; absent, every entry of the list */
  when?: Readonly<Record<string, string>>;
  /** most characters of the entry's text (body and sections, Chinese; whitespace not counted) */
  maxChars?: number;
  images?: { min: number; max: number };
  /** category keys these entries must fill in */
  require?: readonly string[];
  /** category keys these entries must leave empty (a comprehensive case has no direction) */
  forbid?: readonly string[];
  /** at most `max` such entries per combination of these categories' values */
  quota?: { per: readonly string[]; max: number };
}

export interface RuledEntry {
  slug: string;
  name: Localized;
  categories?: Readonly<Record<string, string>>;
  body?: Localized;
  sections?: Readonly<Record<string, Localized>>;
  images?: readonly unknown[];
}

export interface CategoryTitle {
  key: string;
  title: Localized;
}

export interface EntryProblem {
  /** position of the entry in the list it was checked with */
  index: number;
  /** the field to point at: body, images, categories.<key> */
  field: string;
  message: string;
}

/**
 * Characters as 字数 counts them in a form's limit: every code point except whitespace, so a
 * 汉字, a letter, a digit and a punctuation mark count one each, and line breaks count nothing.
 */
export function textLength(entry: Pick<RuledEntry, "body" | "sections">): number {
  let n = 0;
  const count = (s: string | undefined) => {
    if (!s) return;
    for (const ch of s) if (!/\s/u.test(ch)) n++;
  };
  count(entry.body?.zh);
  for (const s of Object.values(entry.sections ?? {})) count(s.zh);
  return n;
}

function matches(rule: EntryRule, entry: RuledEntry): boolean {
  return Object.entries(rule.when ?? {}).every(([k, v]) => entry.categories?.[k] === v);
}

/** "综合类", "特色类·江苏省" — what a rule is about, for the message. */
function describe(rule: EntryRule): string {
  const values = Object.values(rule.when ?? {});
  return values.length > 0 ? values.join("·") : "";
}

/**
 * Checks every rule against the list's entries, in order: an entry beyond a quota is the one
 * reported, naming the entries that came first. Returns every problem, in entry order.
 */
export function checkEntryRules(
  rules: readonly EntryRule[],
  categories: readonly CategoryTitle[],
  entries: readonly RuledEntry[],
): EntryProblem[] {
  const problems: EntryProblem[] = [];
  const titleOf = (key: string) => categories.find((c) => c.key === key)?.title.zh ?? key;
  for (const rule of rules) {
    const about = describe(rule);
    const quotaSeen = new Map<string, RuledEntry[]>();
    entries.forEach((entry, index) => {
      if (!matches(rule, entry)) return;
      if (rule.maxChars !== undefined) {
        const n = textLength(entry);
        if (n > rule.maxChars) {
          problems.push({
            index,
            field: "body",
            message: `正文 ${n} 字，超过${about ? `${about}案例` : ""}上限 ${rule.maxChars} 字（不计空白）`,
          });
        }
      }
      if (rule.images) {
        const n = entry.images?.length ?? 0;
        const { min, max } = rule.images;
        if (n < min || n > max) {
          problems.push({
            index,
            field: "images",
            message: `配图 ${n} 张，须为 ${min === max ? `${min}` : `${min}—${max}`} 张，每张配图注`,
          });
        }
      }
      for (const key of rule.require ?? []) {
        if (!entry.categories?.[key])
          problems.push({ index, field: `categories.${key}`, message: `${about ? `${about}案例` : "每个对象"}须填写“${titleOf(key)}”` });
      }
      for (const key of rule.forbid ?? []) {
        if (entry.categories?.[key])
          problems.push({
            index,
            field: `categories.${key}`,
            message: `${about ? `${about}案例` : "对象"}不填写“${titleOf(key)}”，请留空`,
          });
      }
      if (rule.quota) {
        const values = rule.quota.per.map((k) => entry.categories?.[k]);
        // an entry without the values a quota counts by is reported by `require`, not counted here
        if (values.some((v) => !v)) return;
        const group = values.join("·");
        const earlier = quotaSeen.get(group) ?? [];
        if (earlier.length >= rule.quota.max) {
          const names = earlier.map((e) => e.name.zh || e.slug).join("、");
          problems.push({
            index,
            field: `categories.${rule.quota.per[0]}`,
            message: `超出名额：${group}的${about ? `${about}案例` : "对象"}最多 ${rule.quota.max} 个，已有 ${names}`,
          });
        } else {
          earlier.push(entry);
          quotaSeen.set(group, earlier);
        }
      }
    });
  }
  return problems.sort((a, b) => a.index - b.index);
}

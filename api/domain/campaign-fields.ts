/**
 * The building blocks every part of the campaign file uses: titles in two languages, slugs and
 * keys, instants and time zones, and the check that keys in a list are unique.
 */
import { z } from "zod";

// Messages an organizer reads: Chinese.
z.config(z.locales.zhCN());

export const localized = z
  .object({
    zh: z.string().trim().min(1, "中文标题不能为空"),
    en: z.string().trim().min(1).optional(),
  })
  .strict();
export type Localized = z.infer<typeof localized>;

export const slug = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, "只能包含小写字母、数字和连字符（a-z0-9-），且不以连字符开头或结尾");

/** ISO 8601 with an explicit offset (or Z); a bare local time is ambiguous across time zones. */
export const isoInstant = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/,
    "须为带时区偏移的 ISO 8601 时间，如 2024-10-08T09:00:00+08:00",
  )
  .refine((s) => !Number.isNaN(Date.parse(s)), "不是有效的时间");

export const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "不是有效的 IANA 时区，如 Asia/Shanghai");

/** A key of a category, section, period or ω type: like a slug, read by people in data files. */
export const key = slug;

/** A refinement for an array: each item's key (by `keyOf`) appears once; a repeat is reported at its `field`. */
export function uniqueBy<T>(keyOf: (item: T) => string, field = "key") {
  return (items: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const k = keyOf(item);
      if (seen.has(k)) ctx.addIssue({ code: "custom", path: [i, field], message: `重复的标识：${k}` });
      seen.add(k);
    });
  };
}

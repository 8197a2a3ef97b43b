/** Texts and times as the page shows them. */
import type { Lang } from "./texts";
import type { Text } from "./types";

/** A localized text in the page's language (Chinese where there is no English); plain strings as they are. */
export function loc(value: Text | undefined | null, lang: Lang): string {
  if (value == null) return "";
  if (typeof value === "string") return value;
  return (lang === "en" ? value.en : undefined) ?? value.zh;
}

/** HH:MM in the campaign's time zone, or the full date and time with `withDate`. */
export function clock(iso: string, timeZone: string, lang: Lang, withDate = false): string {
  try {
    return new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "zh-CN", {
      timeZone,
      ...(withDate ? { month: lang === "en" ? "short" : "long", day: "numeric" } : {}),
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).format(new Date(iso));
  } catch {
    return iso;
  }
}

/** Paragraphs of a text: one per non-empty line. */
export const paragraphs = (value: string) =>
  value
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean);

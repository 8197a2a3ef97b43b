/**
 * Publicity (公示) periods and publication rules, as plain functions. A period begins at an
 * instant and lasts `n` working days on the official calendar, counted from the day it begins (that
 * day counts when it is a working day, else the next working day is the first); it ends at 24:00 of
 * its last working day in the campaign's time zone.
 */
import { periodEndDay, nextDay, firstWorkingDayFrom, type OfficialCalendarData } from "./working-days.ts";

export type PublicationKind = "preliminary" | "final";
export type PublicationState = "upcoming" | "open" | "ended";

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** Offset of `timeZone` from UTC at instant `at`, in minutes (Asia/Shanghai: +480). */
export function zoneOffsetMinutes(at: number, timeZone: string): number {
  let fmt = offsetFormatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
    offsetFormatters.set(timeZone, fmt);
  }
  const name = fmt.formatToParts(new Date(at)).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!m) return 0;
  return (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

/** The instant local midnight begins `day` in `timeZone`. */
export function startOfDay(day: string, timeZone: string): number {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const utcMidnight = Date.UTC(y, m - 1, d);
  // Two passes settle the offset even when midnight is near a daylight-saving change.
  let at = utcMidnight - zoneOffsetMinutes(utcMidnight, timeZone) * 60_000;
  at = utcMidnight - zoneOffsetMinutes(at, timeZone) * 60_000;
  return at;
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

export function dayInZone(at: number, timeZone: string): string {
  let fmt = dayFormatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormatters.set(timeZone, fmt);
  }
  return fmt.format(new Date(at));
}

export interface PublicityPeriod {
  startsAt: number;
  endsAt: number;
  /** the first and last working day of the period, YYYY-MM-DD */
  firstDay: string;
  lastDay: string;
}

/**
 * The period of `workingDays` working days beginning at `startsAt`: it ends at 24:00 (the next
 * day's 00:00) of its last working day in `timeZone`. Throws UnknownCalendarYearError when the
 * period reaches a year the calendar data does not have.
 */
export function publicityPeriod(calendar: OfficialCalendarData, startsAt: number, workingDays: number, timeZone: string): PublicityPeriod {
  const startDay = dayInZone(startsAt, timeZone);
  const firstDay = firstWorkingDayFrom(calendar, startDay);
  const lastDay = periodEndDay(calendar, startDay, workingDays);
  return { startsAt, endsAt: startOfDay(nextDay(lastDay), timeZone), firstDay, lastDay };
}

/** Where a publication stands at `now`: objections are accepted only while it is open. */
export function publicationState(p: { startsAt: number; endsAt: number }, now: number): PublicationState {
  if (now < p.startsAt) return "upcoming";
  if (now < p.endsAt) return "open";
  return "ended";
}

/** The keys that never appear on an unranked list's public entries (不搞排名或者变相排名). */
export const figureKeys = ["rank", "votes", "score", "voided"] as const;

export interface PublishedEntry {
  id: number;
  slug: string;
  name: string;
  nameEn?: string;
  region?: string;
  sector?: string;
  rank?: number;
  votes?: number;
  score?: unknown;
  /** lists with a `designation`: the name the entry is (to be) recognised under */
  designation?: string;
  designationEn?: string;
}

/**
 * An entry as a publication freezes it, from the leaderboard view's entry: only the published
 * fields, and for an unranked list none of the figures, whatever the view carried.
 */
export function publishedEntry(e: PublishedEntry, ranked: boolean, designation?: Designation): PublishedEntry {
  const out: PublishedEntry = { id: e.id, slug: e.slug, name: e.name };
  if (e.nameEn) out.nameEn = e.nameEn;
  if (e.region) out.region = e.region;
  if (e.sector) out.sector = e.sector;
  if (ranked) {
    if (e.rank !== undefined) out.rank = e.rank;
    if (e.votes !== undefined) out.votes = e.votes;
    if (e.score !== undefined) out.score = e.score;
  }
  if (designation) {
    out.designation = designation.zh;
    if (designation.en) out.designationEn = designation.en;
  }
  return out;
}

export interface Designation {
  zh: string;
  en?: string;
}

/**
 * The name an entry is recognised under (S3's 命名方式：国家新兴产业发展示范基地（领域名称+示范园区/企业）):
 * the list's template with each `{category}` filled by the entry's value of that category, in
 * English with the value's English title (its Chinese one when it has none). Undefined when the
 * entry lacks a category the template names (the campaign schema refuses such a file).
 */
export function designationOf(
  template: Designation,
  entryCategories: Readonly<Record<string, string>> | undefined,
  categories: readonly { key: string; values: readonly { zh: string; en?: string }[] }[],
): Designation | undefined {
  let complete = true;
  const fill = (text: string, lang: "zh" | "en") =>
    text.replace(/\{([^}]*)\}/g, (_, key: string) => {
      const value = entryCategories?.[key];
      if (!value) {
        complete = false;
        return "";
      }
      const known = categories.find((c) => c.key === key)?.values.find((v) => v.zh === value);
      return lang === "en" ? (known?.en ?? value) : value;
    });
  const zh = fill(template.zh, "zh");
  const en = template.en !== undefined ? fill(template.en, "en") : undefined;
  if (!complete) return undefined;
  return en !== undefined ? { zh, en } : { zh };
}

/** What changed from a preliminary list to the final one: entries dropped and entries added (by id). */
export function listChanges(preliminary: { id: number }[], final: { id: number }[]): { dropped: number[]; added: number[] } {
  const before = new Set(preliminary.map((e) => e.id));
  const after = new Set(final.map((e) => e.id));
  return { dropped: [...before].filter((id) => !after.has(id)), added: [...after].filter((id) => !before.has(id)) };
}

/** The next instant after `now` at which some publication starts or ends (its state changes), if any. */
export function nextStateChange(publications: readonly { startsAt: number; endsAt: number }[], now: number): number | undefined {
  let next: number | undefined;
  for (const p of publications) {
    for (const at of [p.startsAt, p.endsAt]) if (at > now && (next === undefined || at < next)) next = at;
  }
  return next;
}

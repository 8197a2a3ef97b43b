/**
 * The stage bar's reading of a campaign's `timeline`: which stages are done, which is current and
 * which day is today. The live state comes first (a running 公示 is the current stage, a published
 * final list makes 发布 current), then the dates; a campaign without a timeline has none of this and
 * the bar falls back to the organizer's `stage` (common/i18n.ts currentStage).
 */
import type { Localized, SnapshotCampaign, SnapshotStage } from "./snapshot";

export type StageState = "done" | "current" | "upcoming";

export interface StageView extends SnapshotStage {
  state: StageState;
  /** today falls within the stage's dates */
  today: boolean;
}

/** The calendar day (YYYY-MM-DD) of an instant in a time zone. */
export function dayIn(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(ms);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/**
 * The first instant of the next calendar day in a time zone after `ms`: when a page built now stops
 * being right about which day is today. Found by bisection on dayIn, so offsets and their changes
 * (summer time elsewhere) need no table.
 */
export function nextDayStart(ms: number, timeZone: string): number {
  const today = dayIn(ms, timeZone);
  let lo = ms;
  let hi = ms + 2 * 86_400_000;
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2);
    if (dayIn(mid, timeZone) === today) lo = mid;
    else hi = mid;
  }
  // the day starts on a whole second in (lo, hi], less than a second wide: the one below hi
  return Math.floor(hi / 1000) * 1000;
}

/** The last day of stage i: its `to`, else the day before the next stage starts, else its first day. */
function lastDay(stages: SnapshotStage[], i: number): string {
  const s = stages[i]!;
  if (s.to) return s.to;
  const next = stages[i + 1];
  if (next && next.from > s.from) return new Date(Date.parse(`${next.from}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return s.from;
}

/** The phase the live state puts the campaign in, if any: publicity while a preliminary list is open, published once a final list is out. */
function livePhase(campaign: SnapshotCampaign): SnapshotStage["phase"] | undefined {
  const publications = campaign.publications ?? [];
  if (publications.some((p) => p.kind === "preliminary" && p.state === "open")) return "publicity";
  if (publications.some((p) => p.kind === "final")) return "published";
  return undefined;
}

/** Index of the current stage: the live phase's stage, else the one today falls in, else the latest one begun. */
export function currentStageIndex(campaign: SnapshotCampaign, today: string): number {
  const stages = campaign.timeline ?? [];
  const live = livePhase(campaign);
  if (live) {
    const i = stages.findIndex((s) => s.phase === live);
    if (i >= 0) return i;
  }
  let current = -1;
  stages.forEach((s, i) => {
    if (s.from <= today) current = i;
  });
  return current;
}

export function timelineView(campaign: SnapshotCampaign, today: string): StageView[] {
  const stages = campaign.timeline ?? [];
  const at = currentStageIndex(campaign, today);
  return stages.map((s, i) => ({
    ...s,
    state: i < at ? "done" : i === at ? "current" : "upcoming",
    today: s.from <= today && today <= lastDay(stages, i),
  }));
}

/** The current stage's title, for the header and the home page; undefined without a timeline or before it starts. */
export function currentStageTitle(campaign: SnapshotCampaign, today: string): Localized | undefined {
  const i = currentStageIndex(campaign, today);
  return i >= 0 ? campaign.timeline![i]!.title : undefined;
}

/** "5月1日" / "1 May", with the year when it is not `today`'s year. */
export function dayText(day: string, today: string, lang: "zh" | "en"): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const withYear = day.slice(0, 4) !== today.slice(0, 4);
  if (lang === "en") {
    const month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][m - 1];
    return withYear ? `${d} ${month} ${y}` : `${d} ${month}`;
  }
  return withYear ? `${y}年${m}月${d}日` : `${m}月${d}日`;
}

/** A stage's dates in words: "5月1日—8月31日", or one day, or "10月21日起" when the notice leaves the end open. */
export function stageDates(stage: SnapshotStage, today: string, lang: "zh" | "en"): string {
  const from = dayText(stage.from, today, lang);
  if (!stage.to) return lang === "en" ? `from ${from}` : `${from}起`;
  if (stage.to === stage.from) return from;
  // a range across years names both years, so "2024年12月2日—2026年12月1日" never reads as running backwards
  const acrossYears = stage.from.slice(0, 4) !== stage.to.slice(0, 4);
  const to = acrossYears ? dayText(stage.to, "", lang) : dayText(stage.to, today, lang);
  const start = acrossYears ? dayText(stage.from, "", lang) : from;
  return `${start}${lang === "en" ? " – " : "—"}${to}`;
}

/**
 * What a list's state means for the organizer, and the campaign's times as its people read them: pure,
 * so the wording of every state is tested without a browser. Times are the campaign's (Beijing, +08:00).
 */
import type { AdminCampaign, AdminList, AdminPublication } from "./types";
import type { Lang } from "./texts";

export const CAMPAIGN_OFFSET = "+08:00";
const OFFSET_MS = 8 * 3_600_000;

/** "12月9日 18:00" / "Dec 9, 18:00", in Beijing time. */
export function shortTime(iso: string, lang: Lang): string {
  const d = new Date(Date.parse(iso) + OFFSET_MS);
  const hm = `${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")}`;
  if (lang === "en") {
    const month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][d.getUTCMonth()];
    return `${month} ${d.getUTCDate()}, ${hm}`;
  }
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${hm}`;
}

/** An instant as a datetime-local value in Beijing time ("2026-12-03T09:00"). */
export function toLocalInput(iso: string): string {
  return new Date(Date.parse(iso) + OFFSET_MS).toISOString().slice(0, 16);
}

/** A datetime-local value read in Beijing time, as ISO 8601 with its offset; undefined when not a time. */
export function fromLocalInput(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return undefined;
  const iso = `${value}:00${CAMPAIGN_OFFSET}`;
  return Number.isNaN(Date.parse(iso)) ? undefined : iso;
}

/** A voting window as typed: both times, and the close after the open. */
export function checkWindow(
  opens: string,
  closes: string,
): { ok: true; opensAt: string; closesAt: string } | { ok: false; problem: "missing" | "order" } {
  const opensAt = fromLocalInput(opens);
  const closesAt = fromLocalInput(closes);
  if (!opensAt || !closesAt) return { ok: false, problem: "missing" };
  if (!(Date.parse(opensAt) < Date.parse(closesAt))) return { ok: false, problem: "order" };
  return { ok: true, opensAt, closesAt };
}

/** Whether opening the list now is its first opening (开启) or a reopening (重新开启). */
export function opensFirstTime(l: AdminList): boolean {
  if (l.voting.everOpened !== undefined) return !l.voting.everOpened;
  // servers before everOpened: a list still waiting for its window never opened
  return l.voting.state === "scheduled" && l.votes === 0 && l.voided === 0;
}

export interface Step {
  /** the voting state in words */
  state: string;
  /** what comes next, with its time where one is set */
  next: string;
}

const words = {
  zh: {
    none: "不设投票",
    scheduled: "未开始",
    open: "投票进行中",
    closed: "投票已截止",
    opensAt: (t: string) => `${t} 开启`,
    closesAt: (t: string) => `${t} 截止`,
    noWindow: "未设投票时间",
    publish: "可发布公示",
    publicity: (t: string) => `公示中，至 ${t}`,
    publicityFrom: (t: string) => `公示 ${t} 开始`,
    published: "公示已结束",
    finalOut: "终榜已发布",
    noVote: "无公开投票",
  },
  en: {
    none: "No public vote",
    scheduled: "Not started",
    open: "Voting open",
    closed: "Voting closed",
    opensAt: (t: string) => `opens ${t}`,
    closesAt: (t: string) => `closes ${t}`,
    noWindow: "no voting time set",
    publish: "ready for publicity",
    publicity: (t: string) => `publicity until ${t}`,
    publicityFrom: (t: string) => `publicity from ${t}`,
    published: "publicity ended",
    finalOut: "final list published",
    noVote: "no public vote",
  },
};

/** The publications that concern one list: its own, and the campaign's whole-campaign ones. */
function publicationsOf(campaign: AdminCampaign, list: string): AdminPublication[] {
  return (campaign.publications ?? []).filter((p) => p.list === undefined || p.list === list);
}

/** A list's state and next step: 投票进行中 · 12月9日 18:00 截止; 投票已截止 · 可发布公示; 未开始 · 12月3日 09:00 开启. */
export function stepOf(campaign: AdminCampaign, l: AdminList, lang: Lang): Step {
  const w = words[lang];
  const { state, opensAt, closesAt } = l.voting;
  if (state === "open") return { state: w.open, next: closesAt ? w.closesAt(shortTime(closesAt, lang)) : "" };
  if (state === "scheduled") return { state: w.scheduled, next: opensAt ? w.opensAt(shortTime(opensAt, lang)) : w.noWindow };
  const pubs = publicationsOf(campaign, l.slug);
  const label = state === "closed" ? w.closed : w.none;
  if (pubs.some((p) => p.kind === "final")) return { state: label, next: w.finalOut };
  const running = pubs.find((p) => p.state === "open");
  if (running) return { state: label, next: w.publicity(shortTime(running.endsAt, lang)) };
  const upcoming = pubs.find((p) => p.state === "upcoming");
  if (upcoming) return { state: label, next: w.publicityFrom(shortTime(upcoming.startsAt, lang)) };
  if (pubs.some((p) => p.state === "ended")) return { state: label, next: w.published };
  return { state: label, next: state === "closed" ? w.publish : "" };
}

/** The campaign's next date that matters: the soonest opening, closing or end of publicity still to come. */
export function nextDate(campaign: AdminCampaign, now: number, lang: Lang): string | undefined {
  const w = words[lang];
  const dates: { at: number; text: (t: string) => string }[] = [];
  for (const l of campaign.lists) {
    if (l.voting.state === "scheduled" && l.voting.opensAt)
      dates.push({ at: Date.parse(l.voting.opensAt), text: (t) => `${l.title} ${w.opensAt(t)}` });
    if (l.voting.state === "open" && l.voting.closesAt)
      dates.push({ at: Date.parse(l.voting.closesAt), text: (t) => `${l.title} ${w.closesAt(t)}` });
  }
  for (const p of campaign.publications ?? []) {
    if (p.state === "upcoming") dates.push({ at: Date.parse(p.startsAt), text: w.publicityFrom });
    if (p.state === "open") dates.push({ at: Date.parse(p.endsAt), text: w.publicity });
  }
  const soonest = dates.filter((d) => d.at > now).sort((a, b) => a.at - b.at)[0];
  return soonest ? soonest.text(shortTime(new Date(soonest.at).toISOString(), lang)) : undefined;
}

/**
 * Demo campaign files write their dates as if day 0 were 2000-01-01; at load they are moved to the
 * day the database was first created, so a newcomer's demo is open for voting when they start it.
 */
import type { CampaignFile } from "./campaign.ts";

export const DEMO_EPOCH = "2000-01-01";
const DAY_MS = 86_400_000;

/** Whole days from the demo epoch to `day` (YYYY-MM-DD). */
export function demoOffsetDays(day: string): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${DEMO_EPOCH}T00:00:00Z`)) / DAY_MS);
}

/** Moves an ISO instant by whole days, keeping its written offset (e.g. +08:00). */
export function shiftIsoDays(iso: string, days: number): string {
  const m = /^(\d{4}-\d{2}-\d{2})(T.*?)(Z|[+-]\d{2}:\d{2})$/.exec(iso);
  if (!m) throw new Error(`not an ISO instant with offset: ${iso}`);
  const date = new Date(Date.parse(`${m[1]}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
  return `${date}${m[2]}${m[3]}`;
}

/** Moves a calendar day (YYYY-MM-DD) by whole days. */
export function shiftDateDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Voting windows, the timeline's stages and the application deadlines move together. */
export function shiftDemoCampaign(campaign: CampaignFile, createdDay: string): CampaignFile {
  const days = demoOffsetDays(createdDay);
  const apply = campaign.apply;
  return {
    ...campaign,
    ...(campaign.timeline
      ? {
          timeline: campaign.timeline.map((s) => ({
            ...s,
            from: shiftDateDays(s.from, days),
            ...(s.to ? { to: shiftDateDays(s.to, days) } : {}),
          })),
        }
      : {}),
    ...(apply?.deadlines ? { apply: { ...apply, deadlines: apply.deadlines.map((d) => ({ ...d, at: shiftIsoDays(d.at, days) })) } } : {}),
    lists: campaign.lists.map((l) =>
      l.voting
        ? { ...l, voting: { ...l.voting, opensAt: shiftIsoDays(l.voting.opensAt, days), closesAt: shiftIsoDays(l.voting.closesAt, days) } }
        : l,
    ),
  };
}

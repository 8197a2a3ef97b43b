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

export function shiftDemoCampaign(campaign: CampaignFile, createdDay: string): CampaignFile {
  const days = demoOffsetDays(createdDay);
  return {
    ...campaign,
    lists: campaign.lists.map((l) =>
      l.voting
        ? { ...l, voting: { ...l.voting, opensAt: shiftIsoDays(l.voting.opensAt, days), closesAt: shiftIsoDays(l.voting.closesAt, days) } }
        : l,
    ),
  };
}

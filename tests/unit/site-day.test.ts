/**
 * A page with a timeline marks today's stage (今天), so "today" is part of what makes a build
 * current: the next day in the campaign's zone starts where nextDayStart says, and a build from
 * the day before is stale then, while a campaign without a timeline keeps its build.
 */
import { describe, expect, it } from "vitest";
import { buildKey } from "../../api/site/build.ts";
import type { SiteSnapshot, SnapshotCampaign } from "../../common/snapshot.ts";
import { dayIn, nextDayStart } from "../../common/timeline.ts";

describe("nextDayStart", () => {
  it("is the next midnight in the zone, to the second", () => {
    // 2024-05-01 23:59:30 in Beijing is 15:59:30 UTC; the 2nd starts at 16:00:00 UTC
    expect(new Date(nextDayStart(Date.parse("2024-05-01T15:59:30Z"), "Asia/Shanghai")).toISOString()).toBe("2024-05-01T16:00:00.000Z");
    // just after midnight: the day after
    expect(new Date(nextDayStart(Date.parse("2024-05-01T16:00:00Z"), "Asia/Shanghai")).toISOString()).toBe("2024-05-02T16:00:00.000Z");
    expect(new Date(nextDayStart(Date.parse("2024-05-01T12:00:00Z"), "UTC")).toISOString()).toBe("2024-05-02T00:00:00.000Z");
  });

  it("follows an offset change (a zone with summer time)", () => {
    // New York moves to UTC−4 on 10 March 2024: the 11th starts at 04:00 UTC, the 10th at 05:00
    expect(new Date(nextDayStart(Date.parse("2024-03-10T12:00:00Z"), "America/New_York")).toISOString()).toBe("2024-03-11T04:00:00.000Z");
    expect(new Date(nextDayStart(Date.parse("2024-03-09T12:00:00Z"), "America/New_York")).toISOString()).toBe("2024-03-10T05:00:00.000Z");
  });

  it("is always the first instant of a new day", () => {
    for (const zone of ["Asia/Shanghai", "Asia/Kolkata", "Europe/London", "Pacific/Chatham"]) {
      for (let t = Date.parse("2024-01-01T00:00:00Z"); t < Date.parse("2024-12-31T00:00:00Z"); t += 7.3 * 86_400_000) {
        const next = nextDayStart(t, zone);
        expect(next, zone).toBeGreaterThan(t);
        expect(dayIn(next, zone), zone).not.toBe(dayIn(t, zone));
        expect(dayIn(next - 1000, zone), zone).toBe(dayIn(t, zone));
      }
    }
  });
});

describe("buildKey and the day", () => {
  const campaign = (timeline: boolean): SnapshotCampaign =>
    ({
      slug: "c",
      title: { zh: "示例" },
      timezone: "Asia/Shanghai",
      ...(timeline ? { timeline: [{ key: "vote", title: { zh: "投票" }, from: "2024-10-08", to: "2024-10-31" }] } : {}),
      dimensions: [],
      components: [],
      lists: [],
      publications: [],
    }) as unknown as SnapshotCampaign;
  const snapshot = (generatedAt: string, timeline: boolean): SiteSnapshot => ({
    generatedAt,
    turnstileSiteKey: null,
    campaigns: [campaign(timeline)],
  });

  it("changes at midnight in the campaign's zone when it has a timeline", () => {
    // 23:59 and 00:01 in Beijing
    expect(buildKey(snapshot("2024-10-10T15:59:00Z", true))).not.toBe(buildKey(snapshot("2024-10-10T16:01:00Z", true)));
    // the same Beijing day, hours apart: the same build
    expect(buildKey(snapshot("2024-10-10T01:00:00Z", true))).toBe(buildKey(snapshot("2024-10-10T15:00:00Z", true)));
  });

  it("does not change with the day for a campaign without a timeline", () => {
    expect(buildKey(snapshot("2024-10-10T15:59:00Z", false))).toBe(buildKey(snapshot("2024-10-11T16:01:00Z", false)));
  });
});

/**
 * The console's words for a list's state and next step, its times in Beijing time, the voting
 * window as typed, and its hash addresses: pure functions, checked without a browser.
 */
import { describe, expect, it } from "vitest";
import { href, parseRoute } from "../../site/islands/admin/route.ts";
import { checkWindow, fromLocalInput, nextDate, opensFirstTime, shortTime, stepOf, toLocalInput } from "../../site/islands/admin/steps.ts";
import type { AdminCampaign, AdminList } from "../../site/islands/admin/types.ts";

const list = (voting: AdminList["voting"], more: Partial<AdminList> = {}): AdminList => ({
  slug: "high-tech",
  title: "高科技标杆",
  ranking: "ranked",
  entries: 12,
  votes: 0,
  voided: 0,
  voting,
  ...more,
});
const campaign = (lists: AdminList[], more: Partial<AdminCampaign> = {}): AdminCampaign => ({
  slug: "cinn-2024",
  title: "标杆",
  lists,
  ...more,
});

describe("a list's state and next step", () => {
  it("says when an open list closes, in Beijing time", () => {
    const l = list({ state: "open", opensAt: "2026-12-01T01:00:00Z", closesAt: "2026-12-09T10:00:00Z" });
    expect(stepOf(campaign([l]), l, "zh")).toEqual({ state: "投票进行中", next: "12月9日 18:00 截止" });
    expect(stepOf(campaign([l]), l, "en")).toEqual({ state: "Voting open", next: "closes Dec 9, 18:00" });
  });

  it("says when a scheduled list opens, or that no time is set", () => {
    const l = list({ state: "scheduled", opensAt: "2026-12-03T01:00:00Z", closesAt: "2026-12-09T10:00:00Z" });
    expect(stepOf(campaign([l]), l, "zh")).toEqual({ state: "未开始", next: "12月3日 09:00 开启" });
    const bare = list({ state: "scheduled", opensAt: null, closesAt: null });
    expect(stepOf(campaign([bare]), bare, "zh").next).toBe("未设投票时间");
  });

  it("offers publicity after the close, then follows the publication", () => {
    const l = list({ state: "closed", opensAt: "2026-12-01T01:00:00Z", closesAt: "2026-12-02T10:00:00Z" });
    expect(stepOf(campaign([l]), l, "zh")).toEqual({ state: "投票已截止", next: "可发布公示" });
    const pub = { id: "p1", kind: "preliminary" as const, startsAt: "2026-12-03T00:00:00+08:00", endsAt: "2026-12-09T24:00:00+08:00" };
    expect(stepOf(campaign([l], { publications: [{ ...pub, list: "high-tech", state: "open" }] }), l, "zh").next).toBe(
      "公示中，至 12月10日 00:00",
    );
    expect(stepOf(campaign([l], { publications: [{ ...pub, list: "other", state: "open" }] }), l, "zh").next).toBe("可发布公示");
    expect(stepOf(campaign([l], { publications: [{ ...pub, state: "ended" }] }), l, "zh").next).toBe("公示已结束");
    expect(stepOf(campaign([l], { publications: [{ ...pub, kind: "final", state: "ended" }] }), l, "zh").next).toBe("终榜已发布");
  });

  it("a list without a public vote says so and has no next step of its own", () => {
    const l = list({ state: "none", opensAt: null, closesAt: null });
    expect(stepOf(campaign([l]), l, "zh")).toEqual({ state: "不设投票", next: "" });
  });
});

describe("opening for the first time or again", () => {
  it("follows the API's everOpened where it is given", () => {
    expect(opensFirstTime(list({ state: "closed", opensAt: null, closesAt: null, everOpened: false }))).toBe(true);
    expect(opensFirstTime(list({ state: "scheduled", opensAt: null, closesAt: null, everOpened: true }))).toBe(false);
  });
  it("without it, a list still waiting with no votes never opened; a closed one did", () => {
    expect(opensFirstTime(list({ state: "scheduled", opensAt: null, closesAt: null }))).toBe(true);
    expect(opensFirstTime(list({ state: "scheduled", opensAt: null, closesAt: null }, { votes: 3 }))).toBe(false);
    expect(opensFirstTime(list({ state: "closed", opensAt: null, closesAt: null }))).toBe(false);
  });
});

describe("times as typed in the campaign's timezone", () => {
  it("reads a datetime-local value as Beijing time and writes one back", () => {
    expect(fromLocalInput("2026-12-03T09:00")).toBe("2026-12-03T09:00:00+08:00");
    expect(Date.parse(fromLocalInput("2026-12-03T09:00")!)).toBe(Date.parse("2026-12-03T01:00:00Z"));
    expect(toLocalInput("2026-12-03T01:00:00Z")).toBe("2026-12-03T09:00");
    expect(toLocalInput("2026-12-31T20:30:00Z")).toBe("2027-01-01T04:30");
    expect(fromLocalInput("")).toBeUndefined();
    expect(fromLocalInput("2026-12-03")).toBeUndefined();
    expect(fromLocalInput("2026-13-40T09:00")).toBeUndefined();
  });
  it("wants both times, the close after the open", () => {
    expect(checkWindow("2026-12-03T09:00", "2026-12-09T18:00")).toEqual({
      ok: true,
      opensAt: "2026-12-03T09:00:00+08:00",
      closesAt: "2026-12-09T18:00:00+08:00",
    });
    expect(checkWindow("2026-12-09T18:00", "2026-12-03T09:00")).toEqual({ ok: false, problem: "order" });
    expect(checkWindow("2026-12-09T18:00", "2026-12-09T18:00")).toEqual({ ok: false, problem: "order" });
    expect(checkWindow("", "2026-12-03T09:00")).toEqual({ ok: false, problem: "missing" });
  });
  it("names the campaign's next date: the soonest still to come", () => {
    const now = Date.parse("2026-12-02T00:00:00Z");
    const a = list({ state: "open", opensAt: null, closesAt: "2026-12-09T10:00:00Z" });
    const b = list({ state: "scheduled", opensAt: "2026-12-03T01:00:00Z", closesAt: null }, { title: "高效能标杆" });
    expect(nextDate(campaign([a, b]), now, "zh")).toBe("高效能标杆 12月3日 09:00 开启");
    expect(nextDate(campaign([a]), Date.parse("2026-12-10T00:00:00Z"), "zh")).toBeUndefined();
    expect(shortTime("2026-12-09T10:00:00Z", "en")).toBe("Dec 9, 18:00");
  });
});

describe("addresses", () => {
  it("reads and writes each kind of screen", () => {
    expect(parseRoute("")).toEqual({ feature: undefined });
    expect(parseRoute("#/audit")).toEqual({ feature: "audit" });
    expect(parseRoute("#/c/cinn-2024")).toEqual({ campaign: "cinn-2024", feature: undefined });
    expect(parseRoute("#/c/cinn-2024/exports")).toEqual({ campaign: "cinn-2024", feature: "exports" });
    expect(parseRoute("#/c/cinn-2024/l/high-tech/uploads")).toEqual({ campaign: "cinn-2024", list: "high-tech", feature: "uploads" });
    expect(parseRoute("#/c/%E6%A6%9C")).toEqual({ campaign: "榜", feature: undefined });
    expect(parseRoute("#/c/%E0%A4%A")).toEqual({ campaign: "%E0%A4%A", feature: undefined });
    for (const r of [{}, { feature: "audit" }, { campaign: "cinn-2024" }, { campaign: "cinn-2024", list: "high-tech", feature: "uploads" }])
      expect(parseRoute(href(r))).toEqual({ feature: undefined, ...r });
    expect(href({})).toBe("#/");
    expect(href({ campaign: "cinn-2024", list: "high-tech" })).toBe("#/c/cinn-2024/l/high-tech");
  });
});

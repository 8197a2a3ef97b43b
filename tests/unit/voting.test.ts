import { describe, expect, it } from "vitest";
import { calendarDay, decideVote, isoInZone, remainingToday, votingState } from "../../api/domain/voting.ts";

const at = (iso: string) => Date.parse(iso);
const window = { opensAt: at("2024-10-08T09:00:00+08:00"), closesAt: at("2024-10-31T18:00:00+08:00") };

describe("votingState", () => {
  it("follows the scheduled window, closing exactly at closesAt", () => {
    expect(votingState(window, null, at("2024-10-08T08:59:59.999+08:00"))).toBe("scheduled");
    expect(votingState(window, null, at("2024-10-08T09:00:00+08:00"))).toBe("open");
    expect(votingState(window, null, at("2024-10-31T17:59:59.999+08:00"))).toBe("open");
    expect(votingState(window, null, at("2024-10-31T18:00:00+08:00"))).toBe("closed");
  });

  it("has no state without a window, whatever an override says", () => {
    expect(votingState(null, null, 0)).toBe("none");
    expect(votingState(null, { state: "open", at: 0 }, 1)).toBe("none");
  });

  it("lets a manual close win from the instant it took effect, not before", () => {
    const close = { state: "closed" as const, at: at("2024-10-10T12:00:00+08:00") };
    expect(votingState(window, close, close.at - 1)).toBe("open");
    expect(votingState(window, close, close.at)).toBe("closed");
    expect(votingState(window, close, at("2024-10-20T00:00:00+08:00"))).toBe("closed");
  });

  it("opens at once on a manual open, still ending at a later closesAt", () => {
    const open = { state: "open" as const, at: at("2024-10-01T00:00:00+08:00") };
    expect(votingState(window, open, open.at)).toBe("open");
    expect(votingState(window, open, window.closesAt)).toBe("closed");
  });

  it("keeps a list reopened after its scheduled end open until closed by hand", () => {
    const reopen = { state: "open" as const, at: at("2024-11-02T10:00:00+08:00") };
    expect(votingState(window, reopen, at("2024-11-01T00:00:00+08:00"))).toBe("closed");
    expect(votingState(window, reopen, at("2024-12-01T00:00:00+08:00"))).toBe("open");
  });
});

describe("calendarDay", () => {
  it("turns at 00:00 Asia/Shanghai, whatever the process time zone", () => {
    expect(process.env.TZ).toBe("America/Los_Angeles");
    expect(calendarDay(at("2024-10-08T23:59:59.999+08:00"), "Asia/Shanghai")).toBe("2024-10-08");
    expect(calendarDay(at("2024-10-09T00:00:00+08:00"), "Asia/Shanghai")).toBe("2024-10-09");
    // 16:00 UTC is midnight in Shanghai
    expect(calendarDay(at("2024-10-08T15:59:59Z"), "Asia/Shanghai")).toBe("2024-10-08");
    expect(calendarDay(at("2024-10-08T16:00:00Z"), "Asia/Shanghai")).toBe("2024-10-09");
  });

  it("uses the campaign's own zone", () => {
    expect(calendarDay(at("2024-10-08T16:00:00Z"), "UTC")).toBe("2024-10-08");
  });
});

describe("decideVote", () => {
  const rules = { perDay: 3, perEntryPerDay: 1 };

  it("allows distinct entries up to perDay and reports what remains", () => {
    expect(decideVote(new Map(), 1, rules)).toEqual({ ok: true, remainingToday: 2 });
    expect(decideVote(new Map([[1, 1]]), 2, rules)).toEqual({ ok: true, remainingToday: 1 });
    expect(
      decideVote(
        new Map([
          [1, 1],
          [2, 1],
        ]),
        3,
        rules,
      ),
    ).toEqual({ ok: true, remainingToday: 0 });
  });

  it("refuses a second vote for the same entry on the same day", () => {
    expect(decideVote(new Map([[1, 1]]), 1, rules)).toEqual({ ok: false, code: "already_voted", remainingToday: 2 });
  });

  it("refuses a new entry once the day's quota is used", () => {
    expect(
      decideVote(
        new Map([
          [1, 1],
          [2, 1],
          [3, 1],
        ]),
        4,
        rules,
      ),
    ).toEqual({ ok: false, code: "daily_limit", remainingToday: 0 });
  });

  it("says already_voted, not daily_limit, for an entry voted today when the quota is used", () => {
    expect(
      decideVote(
        new Map([
          [1, 1],
          [2, 1],
          [3, 1],
        ]),
        2,
        rules,
      ).ok,
    ).toBe(false);
    expect(
      decideVote(
        new Map([
          [1, 1],
          [2, 1],
          [3, 1],
        ]),
        2,
        rules,
      ),
    ).toMatchObject({ code: "already_voted" });
  });

  it("allows repeat votes for an entry when perEntryPerDay > 1, without using another entry slot", () => {
    const r = { perDay: 2, perEntryPerDay: 2 };
    expect(decideVote(new Map([[1, 1]]), 1, r)).toEqual({ ok: true, remainingToday: 1 });
    expect(decideVote(new Map([[1, 2]]), 1, r)).toMatchObject({ ok: false, code: "already_voted" });
    expect(remainingToday(new Map([[1, 2]]), r)).toBe(1);
  });
});

describe("isoInZone", () => {
  it("writes instants with the zone's offset", () => {
    expect(isoInZone(at("2024-10-08T09:00:00+08:00"), "Asia/Shanghai")).toBe("2024-10-08T09:00:00+08:00");
    expect(isoInZone(at("2024-10-08T09:00:00+08:00"), "UTC")).toBe("2024-10-08T01:00:00+00:00");
    expect(isoInZone(at("2024-07-01T12:00:00Z"), "America/New_York")).toBe("2024-07-01T08:00:00-04:00");
  });
});

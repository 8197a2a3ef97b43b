/**
 * Working days on China's official calendar (the package data behind api/ports/calendar.ts), checked
 * against the State Council's published schedules for 2024–2026: holidays, make-up workdays (调休)
 * and the refusal of a year the data does not have.
 */
import { describe, expect, it } from "vitest";
import { officialCalendar } from "../../api/ports/calendar.ts";
import { publicationState, publicityPeriod, startOfDay } from "../../api/domain/publicity.ts";
import { dayKind, isCalendarDay, periodEndDay, UnknownCalendarYearError } from "../../api/domain/working-days.ts";

const cal = officialCalendar();

describe("day kinds from the official schedules", () => {
  it.each([
    ["2024-09-29", "makeUpWorkday"], // Sunday, worked for National Day 2024
    ["2024-10-12", "makeUpWorkday"], // Saturday
    ["2024-10-07", "holiday"],
    ["2024-02-04", "makeUpWorkday"], // Sunday before Spring Festival 2024
    ["2024-02-17", "holiday"],
    ["2025-01-26", "makeUpWorkday"],
    ["2025-02-04", "holiday"],
    ["2025-10-08", "holiday"], // National Day + Mid-Autumn 2025: eight days
    ["2025-10-11", "makeUpWorkday"],
    ["2026-02-23", "holiday"], // Spring Festival 2026: nine days
    ["2026-02-28", "makeUpWorkday"],
    ["2026-10-10", "makeUpWorkday"],
    ["2024-11-09", "weekend"],
    ["2024-11-11", "workday"],
  ])("%s is a %s", (day, kind) => {
    expect(dayKind(cal, day)).toBe(kind);
  });
});

describe("calendar period-end: the last day of n working days beginning on a date", () => {
  it.each([
    // an ordinary week
    ["2024-11-04", 5, "2024-11-08"],
    // a Saturday start: the first working day is Monday
    ["2024-11-09", 5, "2024-11-15"],
    // starts on a make-up Sunday (2024-09-29), which counts, then spans National Day
    ["2024-09-29", 5, "2024-10-10"],
    // starts inside the National Day holiday; ends on the make-up Saturday 2024-10-12
    ["2024-10-01", 5, "2024-10-12"],
    // spans Spring Festival 2024 (2-10..2-17), using the make-up Sunday 2-18
    ["2024-02-08", 5, "2024-02-20"],
    // starts on the make-up Sunday 2025-01-26 and spans Spring Festival 2025 (1-28..2-4)
    ["2025-01-26", 5, "2025-02-07"],
    ["2025-01-27", 5, "2025-02-08"],
    // spans National Day 2025 (10-1..10-8), starting on the make-up Sunday 9-28
    ["2025-09-28", 5, "2025-10-10"],
    ["2025-09-30", 5, "2025-10-13"],
    // spans Spring Festival 2026 (2-15..2-23), using the make-up Saturday 2-14
    ["2026-02-13", 5, "2026-02-26"],
    // spans National Day 2026, using the make-up Saturday 10-10
    ["2026-09-30", 5, "2026-10-12"],
    ["2024-09-30", 1, "2024-09-30"],
    ["2024-10-01", 1, "2024-10-08"],
  ])("%s + %i working days ends on %s", (start, n, end) => {
    expect(periodEndDay(cal, start, n)).toBe(end);
  });

  it("refuses a period that reaches a year whose schedule is not published, naming the year", () => {
    expect(periodEndDay(cal, "2026-12-24", 5)).toBe("2026-12-30");
    let error: unknown;
    try {
      periodEndDay(cal, "2026-12-28", 5);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnknownCalendarYearError);
    expect((error as UnknownCalendarYearError).year).toBe(2027);
    expect(() => periodEndDay(cal, "2003-06-02", 1)).toThrow(UnknownCalendarYearError);
  });

  it("refuses a period of no working days and knows real dates", () => {
    expect(() => periodEndDay(cal, "2024-11-04", 0)).toThrow(RangeError);
    expect(isCalendarDay("2024-02-29")).toBe(true);
    expect(isCalendarDay("2025-02-29")).toBe(false);
    expect(isCalendarDay("2025-2-3")).toBe(false);
  });
});

describe("a publicity period in the campaign's time zone", () => {
  it("ends at 24:00 Beijing time of its last working day, whatever the server's zone", () => {
    const p = publicityPeriod(cal, Date.parse("2024-09-29T10:00:00+08:00"), 5, "Asia/Shanghai");
    expect(p.firstDay).toBe("2024-09-29");
    expect(p.lastDay).toBe("2024-10-10");
    expect(new Date(p.endsAt).toISOString()).toBe("2024-10-10T16:00:00.000Z");
  });

  it("counts from the next working day when it begins on a rest day, using the local date", () => {
    // 2024-09-30T20:00 in Los Angeles is already 2024-10-01 in Beijing (a holiday)
    const p = publicityPeriod(cal, Date.parse("2024-09-30T20:00:00-07:00"), 5, "Asia/Shanghai");
    expect(p.firstDay).toBe("2024-10-08");
    expect(p.lastDay).toBe("2024-10-12");
  });

  it("is upcoming, open, then ended, with 24:00 itself already ended", () => {
    const p = { startsAt: Date.parse("2024-10-08T09:00:00+08:00"), endsAt: startOfDay("2024-10-15", "Asia/Shanghai") };
    expect(publicationState(p, Date.parse("2024-10-08T08:59:59+08:00"))).toBe("upcoming");
    expect(publicationState(p, Date.parse("2024-10-08T09:00:00+08:00"))).toBe("open");
    expect(publicationState(p, Date.parse("2024-10-14T23:59:59.999+08:00"))).toBe("open");
    expect(publicationState(p, Date.parse("2024-10-15T00:00:00+08:00"))).toBe("ended");
  });
});

describe("when the pages must change on their own", () => {
  it("is the next start or end of any publication after now", async () => {
    const { nextStateChange } = await import("../../api/domain/publicity.ts");
    const pubs = [
      { startsAt: 100, endsAt: 500 },
      { startsAt: 300, endsAt: 300 },
    ];
    expect(nextStateChange(pubs, 50)).toBe(100);
    expect(nextStateChange(pubs, 100)).toBe(300);
    expect(nextStateChange(pubs, 300)).toBe(500);
    expect(nextStateChange(pubs, 500)).toBeUndefined();
    expect(nextStateChange([], 0)).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import {
  calendarDay,
  decideVote,
  everOpened,
  isoInZone,
  remainingToday,
  reopeningNeedsEnd,
  votingEnd,
  votingState,
} from "../../api/domain/voting.ts";

const at = (iso: string) => Date.parse(iso);
const window = { opensAt: at("2024-10-08T09:00:00+08:00"), closesAt: at("2024-10-31T18:00:00+08:00") };

describe("votingState", () => {
  it("follows the scheduled window, closing exactly at closesAt", () => {
    expect(votingState(window, [], at("2024-10-08T08:59:59.999+08:00"))).toBe("scheduled");
    expect(votingState(window, [], at("2024-10-08T09:00:00+08:00"))).toBe("open");
    expect(votingState(window, [], at("2024-10-31T17:59:59.999+08:00"))).toBe("open");
    expect(votingState(window, [], at("2024-10-31T18:00:00+08:00"))).toBe("closed");
  });

  it("has no state without a window, whatever an override says", () => {
    expect(votingState(null, [], 0)).toBe("none");
    expect(votingState(null, [{ kind: "open", at: 0 }], 1)).toBe("none");
  });

  it("lets a manual close win from the instant it took effect, not before", () => {
    const close = { kind: "close" as const, at: at("2024-10-10T12:00:00+08:00") };
    expect(votingState(window, [close], close.at - 1)).toBe("open");
    expect(votingState(window, [close], close.at)).toBe("closed");
    expect(votingState(window, [close], at("2024-10-20T00:00:00+08:00"))).toBe("closed");
  });

  it("opens at once on a manual open, still ending at a later closesAt", () => {
    const open = { kind: "open" as const, at: at("2024-10-01T00:00:00+08:00") };
    expect(votingState(window, [open], open.at)).toBe("open");
    expect(votingState(window, [open], window.closesAt)).toBe("closed");
  });

  it("judges each instant against every close and open, not the latest: a vote received while closed stays refused after a reopening", () => {
    const t1 = at("2024-10-10T12:00:00+08:00");
    const t2 = at("2024-10-10T13:00:00+08:00");
    const history = [
      { kind: "close" as const, at: t1 },
      { kind: "open" as const, at: t2 },
    ];
    // the vote received between the close and the reopening, committed after the reopening
    expect(votingState(window, history, t1 + 1)).toBe("closed");
    expect(votingState(window, history, t2 - 1)).toBe("closed");
    expect(votingState(window, history, t1 - 1)).toBe("open");
    expect(votingState(window, history, t2)).toBe("open");
    // and a second close after that
    const t3 = at("2024-10-10T14:00:00+08:00");
    expect(votingState(window, [...history, { kind: "close", at: t3 }], t2 + 1)).toBe("open");
    expect(votingState(window, [...history, { kind: "close", at: t3 }], t3)).toBe("closed");
  });

  it("takes, of two changes at one instant, the one committed later", () => {
    const t = at("2024-10-10T12:00:00+08:00");
    expect(
      votingState(
        window,
        [
          { kind: "close", at: t },
          { kind: "open", at: t },
        ],
        t,
      ),
    ).toBe("open");
    expect(
      votingState(
        window,
        [
          { kind: "open", at: t },
          { kind: "close", at: t },
        ],
        t,
      ),
    ).toBe("closed");
  });

  it("ends a reopening after closesAt at its own end", () => {
    const reopen = { kind: "open" as const, at: at("2024-11-02T10:00:00+08:00"), until: at("2024-11-03T18:00:00+08:00") };
    expect(votingState(window, [reopen], at("2024-11-01T00:00:00+08:00"))).toBe("closed");
    expect(votingState(window, [reopen], at("2024-11-03T17:59:59.999+08:00"))).toBe("open");
    expect(votingState(window, [reopen], at("2024-11-03T18:00:00+08:00"))).toBe("closed");
    expect(votingEnd(window, [reopen], at("2024-11-02T12:00:00+08:00"))).toBe(reopen.until);
    expect(votingEnd(window, [reopen], at("2024-10-20T12:00:00+08:00"))).toBe(window.closesAt);
    // an end given before closesAt ends the reopening early
    const short = { kind: "open" as const, at: at("2024-10-10T10:00:00+08:00"), until: at("2024-10-11T10:00:00+08:00") };
    expect(votingState(window, [short], at("2024-10-12T10:00:00+08:00"))).toBe("closed");
  });

  it("asks a reopening for its end once the scheduled close has passed", () => {
    expect(reopeningNeedsEnd(window, window.closesAt - 1)).toBe(false);
    expect(reopeningNeedsEnd(window, window.closesAt)).toBe(true);
  });

  it("keeps a reopening recorded without an end after closesAt (before one was required) open", () => {
    const reopen = { kind: "open" as const, at: at("2024-11-02T10:00:00+08:00") };
    expect(votingState(window, [reopen], at("2024-12-01T00:00:00+08:00"))).toBe("open");
  });

  it("lets a window set by hand decide alone from the instant it was set", () => {
    const close = { kind: "close" as const, at: at("2024-10-10T12:00:00+08:00") };
    const schedule = { kind: "schedule" as const, at: at("2024-10-11T12:00:00+08:00") };
    expect(votingState(window, [close, schedule], at("2024-10-11T00:00:00+08:00"))).toBe("closed");
    expect(votingState(window, [close, schedule], schedule.at)).toBe("open");
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

describe("everOpened", () => {
  const w = { opensAt: 1000, closesAt: 2000 };
  it("no window and no history: never", () => {
    expect(everOpened(null, [], 5000, 0)).toBe(false);
  });
  it("before the window opens: no; once it opened: yes", () => {
    expect(everOpened(w, [], 999, 0)).toBe(false);
    expect(everOpened(w, [], 1000, 0)).toBe(true);
    expect(everOpened(w, [], 3000, 0)).toBe(true);
  });
  it("closed by hand before the window opened and never reopened: no, even after the window passed", () => {
    expect(everOpened(w, [{ kind: "close", at: 500 }], 3000, 0)).toBe(false);
  });
  it("opened by hand: yes, from that moment", () => {
    expect(everOpened(w, [{ kind: "open", at: 500, until: 800 }], 400, 0)).toBe(false);
    expect(everOpened(w, [{ kind: "open", at: 500, until: 800 }], 600, 0)).toBe(true);
  });
  it("votes counted or voided: yes, whatever the window says", () => {
    expect(everOpened(w, [{ kind: "close", at: 500 }], 3000, 1)).toBe(true);
  });
});

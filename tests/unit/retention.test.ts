import { describe, expect, it } from "vitest";
import { addYears, campaignEnd, purgePlan, RETENTION, votingClosedAt, type CampaignSchedule } from "../../api/domain/retention.ts";

const at = (iso: string) => Date.parse(iso);
const DAY = 86_400_000;
const window = { opensAt: at("2024-10-08T09:00:00+08:00"), closesAt: at("2024-10-31T18:00:00+08:00") };

function campaign(overrides: Partial<CampaignSchedule> = {}): CampaignSchedule {
  return {
    id: 1,
    lists: [
      { slug: "a", window, overrides: [] },
      { slug: "b", window: null, overrides: [] },
    ],
    finals: [],
    ...overrides,
  };
}

describe("votingClosedAt", () => {
  it("is null while voting is scheduled or open, and without a vote", () => {
    expect(votingClosedAt(window, [], at("2024-10-01T00:00:00Z"))).toBeNull();
    expect(votingClosedAt(window, [], at("2024-10-20T00:00:00Z"))).toBeNull();
    expect(votingClosedAt(null, [], at("2030-01-01T00:00:00Z"))).toBeNull();
  });

  it("is the scheduled close, or an earlier manual close", () => {
    const after = at("2024-11-05T00:00:00Z");
    expect(votingClosedAt(window, [], after)).toBe(window.closesAt);
    const manual = at("2024-10-20T10:00:00+08:00");
    expect(votingClosedAt(window, [{ kind: "close", at: manual }], after)).toBe(manual);
    // closed by hand after it had closed by itself: it closed at closesAt
    expect(votingClosedAt(window, [{ kind: "close", at: after - DAY }], after)).toBe(window.closesAt);
  });

  it("is null after a manual reopening past closesAt, and closesAt after one before it", () => {
    expect(votingClosedAt(window, [{ kind: "open", at: at("2024-11-02T00:00:00Z") }], at("2024-12-01T00:00:00Z"))).toBeNull();
    expect(votingClosedAt(window, [{ kind: "open", at: at("2024-10-09T00:00:00Z") }], at("2024-12-01T00:00:00Z"))).toBe(window.closesAt);
  });
});

describe("campaignEnd", () => {
  it("is the last voting close without a final publication; lists without a vote do not count", () => {
    expect(campaignEnd(campaign(), at("2024-10-20T00:00:00Z"))).toBeNull();
    expect(campaignEnd(campaign(), at("2024-11-01T00:00:00Z"))).toBe(window.closesAt);
    const later = { opensAt: window.opensAt, closesAt: at("2024-11-10T18:00:00+08:00") };
    const two = campaign({ lists: [...campaign().lists, { slug: "c", window: later, overrides: [] }] });
    expect(campaignEnd(two, at("2024-11-05T00:00:00Z"))).toBeNull();
    expect(campaignEnd(two, at("2024-12-01T00:00:00Z"))).toBe(later.closesAt);
  });

  it("is the final publication once published, the campaign's or every voting list's", () => {
    const finalAt = at("2024-12-02T10:00:00+08:00");
    const whole = campaign({ finals: [{ listSlug: null, at: finalAt }] });
    expect(campaignEnd(whole, finalAt - 1)).toBe(window.closesAt); // not published yet
    expect(campaignEnd(whole, finalAt)).toBe(finalAt);
    const perList = campaign({ finals: [{ listSlug: "b", at: finalAt }] });
    // list a closed at closesAt and has no final; list b (no vote) was published
    expect(campaignEnd(perList, finalAt + DAY)).toBe(finalAt);
    const reopened = campaign({
      lists: [{ slug: "a", window, overrides: [{ kind: "open", at: at("2024-11-02T00:00:00Z") }] }],
      finals: [{ listSlug: "a", at: finalAt }],
    });
    expect(campaignEnd(reopened, finalAt + DAY)).toBe(finalAt);
  });

  it("is null for a campaign with neither votes nor a final list", () => {
    expect(campaignEnd(campaign({ lists: [{ slug: "b", window: null, overrides: [] }] }), at("2030-01-01T00:00:00Z"))).toBeNull();
  });
});

describe("purgePlan", () => {
  const finalAt = at("2024-12-02T10:00:00+08:00");
  const published = campaign({ id: 7, finals: [{ listSlug: null, at: finalAt }] });
  const running = campaign({
    id: 8,
    lists: [{ slug: "x", window: { opensAt: window.opensAt, closesAt: at("2030-01-01T00:00:00Z") }, overrides: [] }],
  });

  it("cuts idempotent answers after 2 days and bot-check failures after 7, whatever the campaigns", () => {
    const now = at("2025-01-10T00:00:00Z");
    const plan = purgePlan(now, [published, running]);
    expect(plan.idempotencyUpTo).toBe(now - 2 * DAY);
    expect(plan.botFailuresUpTo).toBe(now - 7 * DAY);
    expect(RETENTION.advisoryHashesAfterEndMs).toBe(90 * DAY);
  });

  it("clears device and IP-prefix hashes 90 days after the end, objectors' data one calendar year after", () => {
    expect(purgePlan(finalAt + 90 * DAY - 1, [published, running]).advisoryCampaignIds).toEqual([]);
    const p90 = purgePlan(finalAt + 90 * DAY, [published, running]);
    expect(p90.advisoryCampaignIds).toEqual([7]);
    expect(p90.objectionCampaignIds).toEqual([]);
    // 2024-12-02 + 1 year is 2025-12-02, not 365 days (2024 is a leap year, but the year after it is not)
    const year = at("2025-12-02T10:00:00+08:00");
    expect(purgePlan(year - 1, [published]).objectionCampaignIds).toEqual([]);
    expect(purgePlan(year, [published, running]).objectionCampaignIds).toEqual([7]);
    expect(purgePlan(year, [published, running]).campaigns).toEqual([
      { id: 7, end: finalAt, advisoryAt: finalAt + 90 * DAY, objectionsAt: year },
      { id: 8, end: null, advisoryAt: null, objectionsAt: null },
    ]);
  });

  it("adds calendar years: 29 February moves to 1 March", () => {
    expect(addYears(at("2024-02-29T12:00:00Z"), 1)).toBe(at("2025-03-01T12:00:00Z"));
    expect(addYears(at("2023-03-01T00:00:00Z"), 1)).toBe(at("2024-03-01T00:00:00Z"));
  });
});

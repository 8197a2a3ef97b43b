import { describe, expect, it } from "vitest";
import { reimportConflicts, type ReimportStored } from "../../api/domain/campaign-reimport.ts";

const window = { opensAt: 1_000, closesAt: 2_000 };
const stored = (over: Partial<ReimportStored["lists"][number]> = {}, campaign: Partial<ReimportStored> = {}): ReimportStored => ({
  timezone: "Asia/Shanghai",
  hasVotes: false,
  lists: [{ slug: "a", ranking: "ranked", ...window, hasVotes: false, final: false, ...over }],
  ...campaign,
});
const next = (
  over: { ranking?: "ranked" | "unranked"; window?: { opensAt: number; closesAt: number } | null; timezone?: string } = {},
) => ({
  timezone: over.timezone ?? "Asia/Shanghai",
  lists: [{ slug: "a", ranking: over.ranking ?? ("ranked" as const), window: over.window === undefined ? window : over.window }],
});
const fields = (s: ReimportStored, n: ReturnType<typeof next>) => reimportConflicts(s, n).map((c) => c.field);

describe("reimportConflicts", () => {
  it("lets anything change before votes and before a final list", () => {
    expect(fields(stored(), next({ ranking: "unranked", timezone: "Asia/Hong_Kong", window: { opensAt: 0, closesAt: 9_000 } }))).toEqual(
      [],
    );
  });

  it("refuses a new timezone once the campaign has votes, and a new ranking once the list has", () => {
    expect(fields(stored({}, { hasVotes: true }), next({ timezone: "UTC" }))).toEqual(["timezone"]);
    expect(fields(stored({ hasVotes: true }, { hasVotes: true }), next({ ranking: "unranked" }))).toEqual(["lists[0].ranking"]);
    // the same values again are no change
    expect(fields(stored({ hasVotes: true }, { hasVotes: true }), next())).toEqual([]);
  });

  it("refuses to move, reopen or drop a window after the final list, naming the part", () => {
    const final = stored({ final: true });
    expect(fields(final, next({ window: { opensAt: 1_000, closesAt: 3_000 } }))).toEqual(["lists[0].voting.closesAt"]);
    expect(fields(final, next({ window: { opensAt: 500, closesAt: 2_000 } }))).toEqual(["lists[0].voting.opensAt"]);
    expect(fields(final, next({ window: null }))).toEqual(["lists[0].voting"]);
    expect(fields(stored({ final: true, opensAt: null, closesAt: null }), next())).toEqual(["lists[0].voting"]);
    expect(fields(final, next())).toEqual([]);
  });
});

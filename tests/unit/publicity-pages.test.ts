/** The publicity pages' helpers: the end written as 24:00, changes from preliminary to final, the stage. */
import { describe, expect, it } from "vitest";
import { currentStage } from "../../common/i18n.ts";
import { changes, currentPublications, formatEnd } from "../../site/lib/publicity.ts";
import type { SnapshotCampaign, SnapshotPublication } from "../../common/snapshot.ts";

const entry = (id: number, name: string) => ({ id, slug: `e${id}`, name });
const pub = (over: Partial<SnapshotPublication> & Pick<SnapshotPublication, "id" | "kind">): SnapshotPublication => ({
  startsAt: "2024-10-10T12:00:00+08:00",
  endsAt: "2024-10-16T00:00:00+08:00",
  workingDays: 5,
  sha256: "0".repeat(64),
  state: "ended",
  lists: [],
  ...over,
});
const campaign = (publications: SnapshotPublication[], stage?: SnapshotCampaign["stage"]): SnapshotCampaign => ({
  slug: "c",
  title: { zh: "活动" },
  timezone: "Asia/Shanghai",
  ...(stage ? { stage } : {}),
  dimensions: [],
  components: [],
  lists: [],
  publications,
});

describe("publicity page helpers", () => {
  it("writes a midnight end as 24:00 of the day before, in the campaign's zone", () => {
    expect(formatEnd("2024-10-16T00:00:00+08:00", "Asia/Shanghai", "zh")).toBe("2024年10月15日 24:00");
    expect(formatEnd("2024-10-16T00:00:00+08:00", "Asia/Shanghai", "en")).toBe("15 Oct 2024 24:00");
    expect(formatEnd("2024-10-15T18:00:00+08:00", "Asia/Shanghai", "zh")).toBe("2024年10月15日 18:00");
  });

  it("compares each final list with the newest earlier preliminary list that covered it", () => {
    const whole = pub({
      id: 1,
      kind: "preliminary",
      lists: [
        { slug: "a", title: "A", ranking: "unranked", entries: [entry(1, "甲"), entry(2, "乙")] },
        { slug: "b", title: "B", ranking: "unranked", entries: [entry(3, "丙")] },
      ],
    });
    const onlyA = pub({
      id: 2,
      kind: "preliminary",
      list: "a",
      lists: [{ slug: "a", title: "A", ranking: "unranked", entries: [entry(1, "甲"), entry(2, "乙"), entry(4, "丁")] }],
    });
    const final = pub({
      id: 3,
      kind: "final",
      lists: [
        { slug: "a", title: "A", ranking: "unranked", entries: [entry(1, "甲"), entry(4, "丁")] },
        { slug: "b", title: "B", ranking: "unranked", entries: [entry(3, "丙"), entry(5, "戊")] },
      ],
    });
    const c = campaign([final, onlyA, whole]);
    const diff = changes(c, final);
    expect(diff.compared).toBe(true);
    expect(diff.dropped.map((e) => e.name)).toEqual(["乙"]);
    expect(diff.added.map((e) => e.name)).toEqual(["戊"]);
    expect(changes(campaign([final]), final).compared).toBe(false);
    expect(currentPublications(c, "preliminary").map((p) => p.id)).toEqual([2, 1]);
  });

  it("puts the stage bar at 公示 during an open period, 发布 after a final list, unless the campaign sets one", () => {
    expect(currentStage(campaign([pub({ id: 1, kind: "preliminary", state: "open" })]))).toBe("publicity");
    expect(currentStage(campaign([pub({ id: 1, kind: "preliminary", state: "upcoming" })]))).toBeUndefined();
    expect(currentStage(campaign([pub({ id: 2, kind: "final" }), pub({ id: 1, kind: "preliminary" })]))).toBe("published");
    expect(currentStage(campaign([pub({ id: 2, kind: "final" }), pub({ id: 1, kind: "preliminary", state: "open" })]))).toBe("publicity");
    expect(currentStage(campaign([pub({ id: 2, kind: "final" })], "voting"))).toBe("voting");
  });
});

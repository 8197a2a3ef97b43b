/** Expert scoring's pure rules: rounds and where they are stored, a draft's cells, what is missing, who advances, outliers. */
import { describe, expect, it } from "vitest";
import { parseCampaign } from "../../api/domain/campaign.ts";
import {
  checkDraftScores,
  findOutliers,
  findRound,
  isRecused,
  missingCells,
  previousRound,
  roundResult,
  roundsOf,
  topAdvancing,
} from "../../api/domain/expert-scoring.ts";
import { expertCampaign } from "../helpers/scoring.ts";

const dims = [{ key: "a" }, { key: "b" }];

describe("rounds", () => {
  it('no rounds: one, the final, stored as ""; declared rounds: the last is the final, stored as ""', () => {
    expect(roundsOf({})).toEqual([{ key: "", title: { zh: "评审", en: "Review" }, final: true, advance: null, stored: "" }]);
    const c = {
      rounds: [
        { key: "first", title: { zh: "初审" }, advance: { top: 3 } },
        { key: "final", title: { zh: "终审" } },
      ],
    };
    expect(roundsOf(c).map((r) => [r.key, r.stored, r.final, r.advance])).toEqual([
      ["first", "first", false, { top: 3 }],
      ["final", "", true, null],
    ]);
    expect(findRound(c, "")?.key).toBe("final");
    expect(findRound(c, "nope")).toBeUndefined();
    expect(previousRound(c, findRound(c, "final")!)?.key).toBe("first");
    expect(previousRound(c, findRound(c, "first")!)).toBeUndefined();
  });

  it("the campaign file: rounds need an expert component, advance on every round but the last, unique keys; score is a reserved slug", () => {
    const ok = parseCampaign(expertCampaign({ rounds: "top" }));
    expect(ok.ok).toBe(true);
    const problems = (input: unknown) => (parseCampaign(input) as { ok: false; problems: { path: string; message: string }[] }).problems;
    const base = expertCampaign({ rounds: "top" });
    expect(
      problems({
        ...base,
        rounds: [
          { key: "first", title: { zh: "初审" } },
          { key: "final", title: { zh: "终审" }, advance: "manual" },
        ],
      })
        .map((p) => p.path)
        .sort(),
    ).toEqual(["rounds.0.advance", "rounds.1.advance"]);
    expect(
      problems({
        ...base,
        rounds: [
          { key: "x", title: { zh: "一" } },
          { key: "x", title: { zh: "二" } },
        ],
      }).some((p) => p.path.startsWith("rounds")),
    ).toBe(true);
    expect(
      problems({
        ...base,
        rounds: [
          { key: "first", title: { zh: "初审" }, advance: { top: 0 } },
          { key: "final", title: { zh: "终审" } },
        ],
      })[0]!.path,
    ).toBe("rounds.0.advance.top");
    const noExperts = { ...base, components: base.components.map((c) => ({ ...c, scoredBy: undefined })) };
    expect(problems(noExperts).map((p) => p.path)).toContain("rounds");
    expect(problems({ ...base, slug: "score" })[0]!.path).toBe("slug");
    expect(
      problems({ ...base, components: [...base.components.slice(0, 1), { ...base.components[1]!, scoredBy: "judges" }] })[0]!.path,
    ).toBe("components.1.scoredBy");
  });
});

describe("a draft's cells", () => {
  it("one component: {dimension: n}; null is an empty cell; the range is inclusive", () => {
    expect(checkDraftScores({ a: 0, b: null }, [{ key: "expert" }], dims)).toEqual({
      ok: true,
      scores: { a: 0 },
      cells: [{ component: "expert", dimension: "a", score: 0 }],
    });
    expect(checkDraftScores({ a: 100 }, [{ key: "expert" }], dims).ok).toBe(true);
    for (const bad of [{ a: 100.01 }, { a: -0.01 }, { a: Number.NaN }, { a: "5" }, { c: 5 }, [], null, 5])
      expect(checkDraftScores(bad, [{ key: "expert" }], dims).ok, JSON.stringify(bad)).toBe(false);
  });

  it("several components: {component: {dimension: n}}; missing cells named component.dimension", () => {
    const components = [{ key: "basic" }, { key: "plan" }];
    const checked = checkDraftScores({ basic: { a: 1, b: 2 }, plan: { a: 3 } }, components, dims);
    expect(checked).toMatchObject({ ok: true, scores: { basic: { a: 1, b: 2 }, plan: { a: 3 } } });
    expect(missingCells({ basic: { a: 1, b: 2 }, plan: { a: 3 } }, components, dims)).toEqual(["plan.b"]);
    expect(missingCells({ a: 1 }, [{ key: "expert" }], dims)).toEqual(["b"]);
    expect(checkDraftScores({ basic: { a: 1 }, expert: { a: 1 } }, components, dims).ok).toBe(false);
    expect(checkDraftScores({ basic: 5 }, components, dims).ok).toBe(false);
  });

  it("recusals name an entry by slug or list/slug", () => {
    expect(isRecused(["t2"], "tech", "t2")).toBe(true);
    expect(isRecused(["parks/t2"], "tech", "t2")).toBe(false);
    expect(isRecused(["tech/t2"], "tech", "t2")).toBe(true);
  });
});

describe("advancing and outliers", () => {
  const cells = (entryId: number, scores: number[]) =>
    scores.flatMap((s, i) => ["a", "b"].map((dimension) => ({ entryId, dimension, component: "expert", scorer: `s${i}`, score: s })));

  it("a round's result trims as the component says and weighs dimensions; incomplete entries have none", () => {
    const components = [{ key: "expert", weight: 0.5, trim: true }];
    const weighted = [
      { key: "a", weight: 1 },
      { key: "b", weight: 3 },
    ];
    expect(roundResult(1, cells(1, [10, 50, 60, 70, 100]), components, weighted)).toBeCloseTo(60, 12);
    expect(
      roundResult(
        1,
        cells(1, [10, 50]).filter((c) => c.dimension === "a"),
        components,
        weighted,
      ),
    ).toBeUndefined();
  });

  it("top N per list, ties at the cut all advance, unscored entries never", () => {
    const entries = [1, 2, 3, 4, 5].map((id) => ({ id, slug: `e${id}`, name: `对象${id}` }));
    const result = new Map([
      [1, 90],
      [2, 80.004],
      [3, 79.996],
      [4, 70],
    ]);
    expect(topAdvancing(entries, (id) => result.get(id), 2).map((e) => e.id)).toEqual([1, 2, 3]);
    expect(topAdvancing(entries, (id) => result.get(id), 1).map((e) => e.id)).toEqual([1]);
    expect(topAdvancing(entries, (id) => result.get(id), 10).map((e) => e.id)).toEqual([1, 2, 3, 4]);
  });

  it("an outlier is more than 2 population sd of the others from their mean, with at least three scorers", () => {
    const one = (scores: number[]) =>
      scores.map((score, i) => ({ entryId: 1, dimension: "a", component: "expert", scorer: `s${i}`, score }));
    expect(findOutliers(one([80, 82, 78, 20])).map((o) => o.scorer)).toEqual(["s3"]);
    expect(findOutliers(one([80, 20]))).toEqual([]);
    expect(findOutliers(one([80, 80, 80]))).toEqual([]); // sd 0: no outlier
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  prepareCells,
  rankByTotal,
  round2,
  scoreEntries,
  scorerMean,
  tieOrder,
  voteScores,
  type ScoreCell,
  type ScoringComponent,
  type ScoringDimension,
} from "../../api/domain/scoring.ts";

const S0: ScoringComponent[] = [
  { key: "research", weight: 0.5, trim: false, normalize: "max" },
  { key: "expert", weight: 0.3, trim: true, normalize: "max" },
  { key: "vote", weight: 0.2, trim: false, normalize: "max" },
];

describe("worked example: trimming, two dimensions and a tie (computed by hand)", () => {
  /*
   * Components: research 0.5, expert 0.3 (trim), vote 0.2 (max). Dimensions A and B, equal weights.
   * Votes: 甲 200, 乙 100, 丙 50  →  V = 100×v/200: 甲 100, 乙 50, 丙 25.
   *
   * 甲  A: research 80; experts 100, 70, 80, 90, 20 (five: drop 100 and 20) → (70+80+90)/3 = 80
   *        S_A = 0.5×80 + 0.3×80 + 0.2×100 = 40 + 24 + 20 = 84
   *     B: research 70; experts 60, 60 (two: no trimming) → 60
   *        S_B = 0.5×70 + 0.3×60 + 0.2×100 = 35 + 18 + 20 = 73
   *     total = (84 + 73) / 2 = 78.5;  expert component = (80 + 60) / 2 = 70
   * 乙  A: research 90; experts 95, 85, 75, 65, 40 (drop 95 and 40) → (65+75+85)/3 = 75
   *        S_A = 45 + 22.5 + 10 = 77.5
   *     B: research 85; one expert, no scorer id: 90
   *        S_B = 42.5 + 27 + 10 = 79.5
   *     total = (77.5 + 79.5) / 2 = 78.5;  expert component = (75 + 90) / 2 = 82.5
   * 丙  A: research 60; experts 50 ×5 → 50;  S_A = 30 + 15 + 5 = 50
   *     B: research 70; expert 80;           S_B = 35 + 24 + 5 = 64
   *     total = 57
   *
   * 甲 and 乙 tie at 78.50: both rank 1, 乙 listed first (higher expert review); 丙 ranks 3.
   * Without trimming 甲's A-expert would be 72 and 乙's 72: the trim is what this example checks.
   */
  const dims: ScoringDimension[] = [
    { key: "a", weight: 1 },
    { key: "b", weight: 1 },
  ];
  const entries = [
    { id: 1, name: "甲示例公司", votes: 200 },
    { id: 2, name: "乙示例公司", votes: 100 },
    { id: 3, name: "丙示例公司", votes: 50 },
  ];
  const cell = (entryId: number, dimension: string, component: string, scorer: string, score: number): ScoreCell => ({
    entryId,
    dimension,
    component,
    scorer,
    score,
  });
  const cells: ScoreCell[] = [
    cell(1, "a", "research", "", 80),
    ...[100, 70, 80, 90, 20].map((s, i) => cell(1, "a", "expert", `x${i}`, s)),
    cell(1, "b", "research", "", 70),
    cell(1, "b", "expert", "x1", 60),
    cell(1, "b", "expert", "x2", 60),
    cell(2, "a", "research", "", 90),
    ...[95, 85, 75, 65, 40].map((s, i) => cell(2, "a", "expert", `x${i}`, s)),
    cell(2, "b", "research", "", 85),
    cell(2, "b", "expert", "", 90),
    cell(3, "a", "research", "", 60),
    ...[50, 50, 50, 50, 50].map((s, i) => cell(3, "a", "expert", `x${i}`, s)),
    cell(3, "b", "research", "", 70),
    cell(3, "b", "expert", "x1", 80),
  ];

  it("matches the hand computation", () => {
    const scored = scoreEntries({ entries, dimensions: dims, components: S0, cells });
    const [jia, yi, bing] = scored;
    expect(jia!.score!.dimensions.a).toBeCloseTo(84, 10);
    expect(jia!.score!.dimensions.b).toBeCloseTo(73, 10);
    expect(jia!.score!.total).toBeCloseTo(78.5, 10);
    expect(jia!.score!.components).toEqual({
      research: expect.closeTo(75, 10),
      expert: expect.closeTo(70, 10),
      vote: expect.closeTo(100, 10),
    });
    expect(jia!.cells.find((c) => c.dimension === "a" && c.component === "expert")).toMatchObject({ value: 80, scorers: 5, trimmed: true });
    expect(jia!.cells.find((c) => c.dimension === "b" && c.component === "expert")).toMatchObject({
      value: 60,
      scorers: 2,
      trimmed: false,
    });
    expect(yi!.score!.dimensions.a).toBeCloseTo(77.5, 10);
    expect(yi!.score!.dimensions.b).toBeCloseTo(79.5, 10);
    expect(yi!.score!.total).toBeCloseTo(78.5, 10);
    expect(yi!.score!.components.expert).toBeCloseTo(82.5, 10);
    expect(bing!.score!.total).toBeCloseTo(57, 10);

    const ranked = rankByTotal(
      scored.map((s, i) => ({ ...s, name: entries[i]!.name })),
      S0,
    );
    expect(ranked.map((r) => [r.id, r.rank])).toEqual([
      [2, 1],
      [1, 1],
      [3, 3],
    ]);
  });

  it("an entry missing a cell gets no total and follows every scored entry", () => {
    const partial = cells.filter((c) => !(c.entryId === 1 && c.dimension === "b" && c.component === "research"));
    const scored = scoreEntries({ entries, dimensions: dims, components: S0, cells: partial });
    expect(scored[0]).toMatchObject({ complete: false, missing: [{ dimension: "b", component: "research" }] });
    expect(scored[0]!.score).toBeUndefined();
    const ranked = rankByTotal(
      scored.map((s, i) => ({ ...s, name: entries[i]!.name })),
      S0,
    );
    expect(ranked.map((r) => [r.id, r.rank])).toEqual([
      [2, 1],
      [3, 2],
      [1, 3],
    ]);
  });
});

describe("pieces", () => {
  it("tie order is expert, research, then the other imported components", () => {
    expect(tieOrder(S0)).toEqual(["expert", "research"]);
    expect(
      tieOrder([
        { key: "basic", weight: 0.6, trim: false, normalize: "max" },
        { key: "plan", weight: 0.4, trim: false, normalize: "max" },
      ]),
    ).toEqual(["basic", "plan"]);
  });

  it("vote scores: max and rank normalisation; 0 for everyone when nobody voted", () => {
    const es = [
      { id: 1, votes: 10 },
      { id: 2, votes: 5 },
      { id: 3, votes: 5 },
      { id: 4, votes: 0 },
    ];
    expect([...voteScores(es, "max").values()]).toEqual([100, 50, 50, 0]);
    expect([...voteScores(es, "rank").values()]).toEqual([100, 75, 75, 0]);
    expect([
      ...voteScores(
        es.map((e) => ({ ...e, votes: 0 })),
        "max",
      ).values(),
    ]).toEqual([0, 0, 0, 0]);
  });

  it("round2 ignores binary noise", () => {
    expect(round2(78.49999999999999)).toBe(78.5);
    expect(round2(1.005)).toBe(1.01);
    expect(round2(83.244)).toBe(83.24);
  });
});

// ---------------------------------------------------------------- properties

const score = fc.double({ min: 0, max: 100, noNaN: true });
const weights = (n: number) =>
  fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: n, maxLength: n }).map((ws) => {
    const sum = ws.reduce((s, w) => s + w, 0);
    return ws.map((w) => w / sum);
  });

/** A random list: 1–4 dimensions, 1–3 imported components plus a vote, 1–8 entries, 1–7 scorers a cell. */
const listArb = fc
  .record({
    dimensionCount: fc.integer({ min: 1, max: 4 }),
    componentCount: fc.integer({ min: 1, max: 3 }),
    entryCount: fc.integer({ min: 1, max: 8 }),
    normalize: fc.constantFrom("max" as const, "rank" as const),
    trim: fc.boolean(),
  })
  .chain((shape) =>
    fc.record({
      shape: fc.constant(shape),
      componentWeights: weights(shape.componentCount + 1),
      dimensionWeights: fc.array(fc.double({ min: 0.1, max: 5, noNaN: true }), {
        minLength: shape.dimensionCount,
        maxLength: shape.dimensionCount,
      }),
      votes: fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: shape.entryCount, maxLength: shape.entryCount }),
      scores: fc.array(
        fc.array(
          fc.array(fc.array(score, { minLength: 1, maxLength: 7 }), { minLength: shape.componentCount, maxLength: shape.componentCount }),
          { minLength: shape.dimensionCount, maxLength: shape.dimensionCount },
        ),
        {
          minLength: shape.entryCount,
          maxLength: shape.entryCount,
        },
      ),
    }),
  )
  .map(({ shape, componentWeights, dimensionWeights, votes, scores }) => {
    const components: ScoringComponent[] = [
      ...Array.from({ length: shape.componentCount }, (_, i) => ({
        key: `c${i}`,
        weight: componentWeights[i]!,
        trim: shape.trim,
        normalize: "max" as const,
      })),
      { key: "vote", weight: componentWeights[shape.componentCount]!, trim: false, normalize: shape.normalize },
    ];
    const dimensions = dimensionWeights.map((weight, i) => ({ key: `d${i}`, weight }));
    const entries = votes.map((v, i) => ({ id: i + 1, name: `示例${i}`, votes: v }));
    const cells: ScoreCell[] = scores.flatMap((byDim, e) =>
      byDim.flatMap((byComp, d) =>
        byComp.flatMap((ss, c) =>
          ss.map((s, k) => ({ entryId: e + 1, dimension: `d${d}`, component: `c${c}`, scorer: `s${k}`, score: s })),
        ),
      ),
    );
    return { entries, dimensions, components, cells };
  });

describe("scoring properties", () => {
  it("component weights summing to 1 keep every total, dimension and component score in 0–100", () => {
    fc.assert(
      fc.property(listArb, (input) => {
        for (const e of scoreEntries(input)) {
          const s = e.score!;
          const inRange = (x: number) => x >= -1e-9 && x <= 100 + 1e-9;
          expect(inRange(s.total)).toBe(true);
          for (const v of Object.values(s.dimensions)) expect(inRange(v)).toBe(true);
          for (const v of Object.values(s.components)) expect(inRange(v)).toBe(true);
        }
      }),
    );
  });

  it("permuting the scorers (the file's row order) changes nothing, to the last bit", () => {
    fc.assert(
      fc.property(
        listArb.chain((input) =>
          fc.record({
            input: fc.constant(input),
            order: fc.shuffledSubarray(input.cells, { minLength: input.cells.length, maxLength: input.cells.length }),
          }),
        ),
        ({ input, order }) => {
          expect(scoreEntries({ ...input, cells: order })).toEqual(scoreEntries(input));
        },
      ),
    );
  });

  it("cell means prepared once per import (what the leaderboard keeps) give the same result", () => {
    fc.assert(
      fc.property(listArb, (input) => {
        expect(scoreEntries({ ...input, cells: prepareCells(input.dimensions, input.components, input.cells) })).toEqual(
          scoreEntries(input),
        );
      }),
    );
  });

  it("adding a vote to the leader never lowers its vote score", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 20 }),
        fc.constantFrom("max" as const, "rank" as const),
        (votes, normalize) => {
          const entries = votes.map((v, i) => ({ id: i, votes: v }));
          const leader = entries.reduce((best, e) => (e.votes > best.votes ? e : best));
          const before = voteScores(entries, normalize).get(leader.id)!;
          const after = voteScores(
            entries.map((e) => (e.id === leader.id ? { ...e, votes: e.votes + 1 } : e)),
            normalize,
          ).get(leader.id)!;
          expect(after).toBeGreaterThanOrEqual(before);
          expect(after).toBe(100);
        },
      ),
    );
  });

  it("ranks are a valid competition ranking on the rounded total", () => {
    fc.assert(
      fc.property(listArb, (input) => {
        const scored = scoreEntries(input).map((s) => ({ ...s, name: `示例${s.id}` }));
        const ranked = rankByTotal(scored, input.components);
        const keys = ranked.map((r) => round2(r.score!.total));
        ranked.forEach((r, i) => {
          // rank = 1 + how many have a strictly higher rounded total
          expect(r.rank).toBe(1 + keys.filter((k) => k > keys[i]!).length);
          if (i > 0) expect(keys[i - 1]!).toBeGreaterThanOrEqual(keys[i]!);
        });
        expect(ranked[0]?.rank).toBe(1);
        expect(new Set(ranked.map((r) => r.id)).size).toBe(input.entries.length);
      }),
    );
  });

  it("trimming applies exactly at five scorers or more, and only when asked", () => {
    fc.assert(
      fc.property(fc.array(score, { minLength: 1, maxLength: 12 }), fc.boolean(), (scores, trim) => {
        const r = scorerMean(scores, trim);
        const sorted = [...scores].sort((a, b) => a - b);
        const kept = trim && scores.length >= 5 ? sorted.slice(1, -1) : sorted;
        expect(r.trimmed).toBe(trim && scores.length >= 5);
        expect(r.value).toBeCloseTo(kept.reduce((s, x) => s + x, 0) / kept.length, 9);
        expect(r.value).toBeGreaterThanOrEqual(sorted[0]! - 1e-9);
        expect(r.value).toBeLessThanOrEqual(sorted.at(-1)! + 1e-9);
      }),
    );
  });
});

/**
 * The scoring sheet's rules without a browser: cells for one and several components, what counts as
 * scored, the PUT body's shape, and the revisions that make a retried or late save harmless.
 */
import { describe, expect, it } from "vitest";
import {
  cellsOf,
  cellState,
  changed,
  draftKey,
  entryStatus,
  missingCells,
  parseDraft,
  reconcile,
  retryDelay,
  scoresFromValues,
  tokenPrefix,
  valuesFromScores,
} from "../../site/islands/score/sheet.ts";

const range = { min: 0, max: 100 };
const entry = {
  dimensions: [
    { key: "innovation", title: { zh: "创新性" }, weight: 0.5 },
    { key: "impact", title: { zh: "影响力" }, weight: 0.5 },
  ],
};
const two = [
  { key: "basic", title: { zh: "基本情况" } },
  { key: "plan", title: { zh: "创建工作方案" } },
];

describe("cells", () => {
  it("are the dimensions with one component, dimension × component with several", () => {
    expect(cellsOf(entry, [{ key: "expert", title: { zh: "专家" } }]).map((c) => c.key)).toEqual(["innovation", "impact"]);
    expect(cellsOf(entry, two).map((c) => c.key)).toEqual(["basic.innovation", "basic.impact", "plan.innovation", "plan.impact"]);
  });

  it("turn stored scores into the inputs' text and back into the PUT body's shape", () => {
    const one = cellsOf(entry, []);
    expect(valuesFromScores({ innovation: 82.5 }, one)).toEqual({ innovation: "82.5", impact: "" });
    expect(scoresFromValues({ innovation: "82.5", impact: "" }, one, range)).toEqual({ innovation: 82.5 });
    const several = cellsOf(entry, two);
    const scores = { basic: { innovation: 70, impact: 0 }, plan: { impact: 100 } };
    const values = valuesFromScores(scores, several);
    expect(values).toEqual({ "basic.innovation": "70", "basic.impact": "0", "plan.innovation": "", "plan.impact": "100" });
    expect(scoresFromValues(values, several, range)).toEqual(scores);
  });

  it("hold a score within the range, a blank, or something refused", () => {
    expect(["", " ", "0", "100", "99.5", "100.01", "-1", "abc", "1e3"].map((v) => cellState(v, range))).toEqual([
      "empty",
      "empty",
      "ok",
      "ok",
      "ok",
      "invalid",
      "invalid",
      "invalid",
      "invalid",
    ]);
    // an out-of-range cell never reaches the server as a number
    expect(scoresFromValues({ innovation: "120", impact: "60" }, cellsOf(entry, []), range)).toEqual({ impact: 60 });
  });
});

describe("an entry's state", () => {
  const cells = cellsOf(entry, []);
  it("is 未评 with nothing written, 草稿 part way (a comment alone counts), 已评 with every cell", () => {
    expect(entryStatus({}, "", cells, range)).toBe("none");
    expect(entryStatus({}, "材料翔实", cells, range)).toBe("draft");
    expect(entryStatus({ innovation: "80" }, "", cells, range)).toBe("draft");
    expect(entryStatus({ innovation: "80", impact: "200" }, "", cells, range)).toBe("draft");
    expect(entryStatus({ innovation: "80", impact: "0" }, "", cells, range)).toBe("done");
    expect(missingCells({ innovation: "80", impact: "200" }, cells, range).map((c) => c.key)).toEqual(["impact"]);
  });
});

describe("revisions", () => {
  it("start one above the server's, stay while unsent, and move on once a revision has gone out", () => {
    const first = changed(undefined, 4, { innovation: "8" }, "");
    expect(first).toEqual({ values: { innovation: "8" }, comment: "", revision: 5, sent: false });
    const typed = changed(first, 4, { innovation: "85" }, "");
    expect(typed.revision).toBe(5);
    const afterSend = changed({ ...typed, sent: true }, 4, { innovation: "86" }, "");
    expect(afterSend).toMatchObject({ revision: 6, sent: false });
  });

  it("on reload: a sent draft the server has reached is dropped, an unsent one is kept above the server", () => {
    const kept = { values: { innovation: "86" }, comment: "", revision: 6, sent: true };
    expect(reconcile(kept, 5)).toBe(kept); // the server never had it: send it again, same revision
    expect(reconcile(kept, 6)).toBeUndefined(); // it arrived before the reload
    expect(reconcile({ ...kept, sent: false }, 9)).toEqual({ ...kept, sent: false, revision: 10 });
    expect(reconcile(undefined, 3)).toBeUndefined();
  });

  it("read back from storage only when whole", () => {
    const kept = { values: { innovation: "86" }, comment: "好", revision: 6, sent: true };
    expect(parseDraft(JSON.stringify(kept))).toEqual(kept);
    for (const bad of [null, "", "{", "[]", JSON.stringify({ ...kept, revision: 0 }), JSON.stringify({ ...kept, values: null })])
      expect(parseDraft(bad)).toBeUndefined();
  });

  it("retry after 1 s, doubling, at most 30 s", () => {
    expect([0, 1, 2, 3, 4, 5, 10].map(retryDelay)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });
});

describe("storage keys", () => {
  it("name the token by a hash prefix, never the token", async () => {
    const token = "bd_" + "x".repeat(40);
    const prefix = await tokenPrefix(token);
    expect(prefix).toMatch(/^[0-9a-f]{12}$/);
    expect(await tokenPrefix(token)).toBe(prefix);
    expect(await tokenPrefix(token + "y")).not.toBe(prefix);
    expect(draftKey(prefix, 12)).toBe(`bd_score:${prefix}:12`);
    expect(draftKey(prefix, 12)).not.toContain(token);
  });
});

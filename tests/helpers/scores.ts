/** A scored campaign for the score tests: one list per `revealScores` case, plus unranked and no-vote lists. */
import type { TestServer } from "./server.ts";

export const SCORED = "scored-2024";

export function scoredCampaign(overrides: { stage?: string } = {}) {
  const voting = { opensAt: "2024-10-08T09:00:00+08:00", closesAt: "2024-10-31T18:00:00+08:00", perDay: 3, perEntryPerDay: 1 };
  const entries = (prefix: string) =>
    ["甲", "乙", "丙"].map((n, i) => ({ slug: `${prefix}${i + 1}`, name: { zh: `${n}示例${prefix}有限公司` }, region: "北京" }));
  return {
    slug: SCORED,
    title: { zh: "成绩测试活动" },
    timezone: "Asia/Shanghai",
    ...(overrides.stage ? { stage: overrides.stage } : {}),
    dimensions: [
      { key: "innovation", title: { zh: "创新投入" } },
      { key: "talent", title: { zh: "人才培养" } },
    ],
    components: [
      { key: "research", title: { zh: "案例调研" }, weight: 0.5 },
      { key: "expert", title: { zh: "专家评议" }, weight: 0.3, trim: true },
      { key: "vote", title: { zh: "网络投票" }, weight: 0.2, normalize: "max" },
    ],
    lists: [
      { slug: "always", title: { zh: "随时公布" }, revealScores: "always", voting, entries: entries("a") },
      { slug: "after", title: { zh: "截止后公布" }, revealScores: "after_close", voting, entries: entries("b") },
      { slug: "never", title: { zh: "不公布" }, revealScores: "never", voting, entries: entries("c") },
      { slug: "unranked", title: { zh: "不排名" }, ranking: "unranked", revealScores: "always", voting, entries: entries("u") },
      { slug: "novote", title: { zh: "无投票" }, revealScores: "after_close", entries: entries("n") },
      {
        slug: "products",
        title: { zh: "产品" },
        revealScores: "always",
        dimensions: [{ key: "novelty", title: { zh: "创新性" } }],
        entries: [
          { slug: "p1", name: { zh: "示例产品一" }, kind: "product" },
          { slug: "a1", name: { zh: "与企业同名标识的产品" }, kind: "product" },
        ],
      },
    ],
  };
}

/** A complete scores file for every list of `scoredCampaign` (a re-import with `bump` changes every score). */
export function scoresCsv(bump = 0): string {
  const lines = ["entry,dimension,component,scorer,score"];
  const lists: Record<string, string[]> = {
    always: ["a1", "a2", "a3"],
    after: ["b1", "b2", "b3"],
    never: ["c1", "c2", "c3"],
    unranked: ["u1", "u2", "u3"],
    novote: ["n1", "n2", "n3"],
  };
  for (const [list, slugs] of Object.entries(lists)) {
    slugs.forEach((slug, i) => {
      for (const dim of ["innovation", "talent"]) {
        const entry = slug === "a1" ? `${list}/${slug}` : slug;
        lines.push(`${entry},${dim},research,,${90 - i * 10 + bump}`);
        for (const [k, s] of [95, 85, 80, 75, 40].entries()) lines.push(`${entry},${dim},expert,专家${k + 1},${s - i * 5 + bump}`);
      }
    });
  }
  lines.push(
    "p1,novelty,research,,70",
    "p1,novelty,expert,专家1,60",
    "products/a1,novelty,research,,50",
    "products/a1,novelty,expert,专家1,50",
  );
  return lines.join("\r\n") + "\r\n";
}

export function postScores(server: TestServer, token: string | undefined, body: BodyInit, contentType = "text/csv", campaign = SCORED) {
  return server.json(`/api/admin/campaigns/${campaign}/scores`, {
    method: "POST",
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), "content-type": contentType },
    body,
  });
}

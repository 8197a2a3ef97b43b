/** Expert scoring's test campaigns and calls: scorer tokens made through the service, calls as a phone would make them. */
import { createToken, type ScorerRequest } from "../../api/services/tokens.ts";
import type { TestServer } from "./server.ts";

export const EXPERT = "expert-2025";

/**
 * Two lists scored on two dimensions by `research` (imported) and `expert` (experts, trimmed); with
 * `rounds`, 初审 (top 2 per list, or manual) → 终审; with `twoComponents`, `plan` is scored by experts too.
 */
export function expertCampaign(options: { rounds?: "top" | "manual"; twoComponents?: boolean; slug?: string } = {}) {
  const entries = (prefix: string, names: string[]) =>
    names.map((n, i) => ({ slug: `${prefix}${i + 1}`, name: { zh: `${n}示例${prefix}公司` }, summary: { zh: `${n}的简介` } }));
  return {
    slug: options.slug ?? EXPERT,
    title: { zh: "专家评审测试", en: "Expert scoring test" },
    timezone: "Asia/Shanghai",
    stage: "published",
    dimensions: [
      { key: "innovation", title: { zh: "创新投入" }, description: { zh: "研发投入与成果", en: "R&D input and results" } },
      { key: "impact", title: { zh: "带动作用" }, weight: 2 },
    ],
    components: options.twoComponents
      ? [
          { key: "research", title: { zh: "案例调研" }, weight: 0.4 },
          { key: "expert", title: { zh: "专家评议" }, weight: 0.3, trim: true, scoredBy: "experts" },
          { key: "plan", title: { zh: "创建工作方案" }, weight: 0.3, scoredBy: "experts" },
        ]
      : [
          { key: "research", title: { zh: "案例调研" }, weight: 0.5 },
          { key: "expert", title: { zh: "专家评议" }, weight: 0.5, trim: true, scoredBy: "experts" },
        ],
    ...(options.rounds
      ? {
          rounds: [
            { key: "first", title: { zh: "初审", en: "First round" }, advance: options.rounds === "top" ? { top: 2 } : "manual" },
            { key: "final", title: { zh: "终审", en: "Final round" } },
          ],
        }
      : {}),
    lists: [
      { slug: "tech", title: { zh: "科技企业" }, revealScores: "always", entries: entries("t", ["甲", "乙", "丙", "丁"]) },
      { slug: "parks", title: { zh: "园区" }, revealScores: "always", entries: entries("p", ["北", "南", "东"]) },
    ],
  };
}

export async function scorerToken(server: TestServer, name: string, scorer: ScorerRequest): Promise<string> {
  return (await createToken(server.deps, { name, role: "scorer", actor: "test", scorer })).token;
}

/** A scorer's calls: JSON in and out, with its bearer token. */
export function scorerCall(server: TestServer, token: string | undefined) {
  return async (method: string, path: string, body?: unknown) => {
    const res = await server.get(path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  };
}

export type ScorerCall = ReturnType<typeof scorerCall>;

export function entryId(server: TestServer, campaign: string, list: string, slug: string): number {
  return server.deps.catalog.current.list(campaign, list)!.entries.find((e) => e.slug === slug)!.id;
}

/** Fills every assigned entry with `score(entry, dimension)` and submits. */
export async function scoreAll(
  call: ScorerCall,
  campaign: string,
  score: (slug: string, dimension: string) => number,
  comment?: (slug: string) => string | undefined,
) {
  const sheet = (await call("GET", "/api/scoring/assignments")).body;
  for (const e of sheet.entries) {
    const scores = Object.fromEntries(e.dimensions.map((d: { key: string }) => [d.key, score(e.slug, d.key)]));
    const text = comment?.(e.slug);
    const res = await call("PUT", `/api/scoring/entries/${e.id}`, { scores, revision: e.revision + 1, ...(text ? { comment: text } : {}) });
    if (res.status !== 200) throw new Error(`PUT ${e.slug}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return call("POST", "/api/scoring/submit", { campaign });
}

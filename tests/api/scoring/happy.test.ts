/**
 * Expert scoring, the scorer's way through: a scorer token from the admin API and from the CLI, the
 * assignments (recused entries absent, dimensions with descriptions, list then pinyin order), drafts
 * that save partially and never go back to an older revision, and a submission that becomes the
 * rows the composite reads, with the token's name as scorer.
 *
 * Expected composite of t1 after the submission: research 80 (imported, single scorer) and the one
 * expert's 90 on innovation, 60 on impact (weight 2): innovation 0.5×80 + 0.5×90 = 85, impact
 * 0.5×80 + 0.5×60 = 70, total (85 + 2×70) / 3 = 75.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminCall } from "../../helpers/admin.ts";
import { runCli } from "../../helpers/processes.ts";
import { adminToken, seedCampaign } from "../../helpers/seed.ts";
import { readFileSync } from "node:fs";
import { NPF, NPF_FIGURES, npfCampaign, postIndicators } from "../../helpers/indicators.ts";
import { entryId, EXPERT, expertCampaign, scorerCall, type ScorerCall } from "../../helpers/scoring.ts";
import { startTestServer, type TestServer } from "../../helpers/server.ts";

let server: TestServer;
let organizer: ReturnType<typeof adminCall>;
let expert: ScorerCall;

beforeAll(async () => {
  server = await startTestServer({ seedDemo: false });
  await seedCampaign(server, expertCampaign());
  await seedCampaign(server, expertCampaign({ slug: "expert-multi", twoComponents: true }));
  organizer = adminCall(server, await adminToken(server, "organizer"));
  const research = [
    "entry,dimension,component,scorer,score",
    ...["t1", "t2", "t3", "t4"].flatMap((e) => [`${e},innovation,research,,80`, `${e},impact,research,,80`]),
  ];
  const imported = await organizer("POST", `/api/admin/campaigns/${EXPERT}/scores`, undefined, { "content-type": "text/csv" });
  expect(imported.status).toBe(422); // an empty body is refused; the real file follows
  const res = await server.get(`/api/admin/campaigns/${EXPERT}/scores`, {
    method: "POST",
    headers: { authorization: `Bearer ${await adminToken(server, "organizer", "importer")}`, "content-type": "text/csv" },
    body: research.join("\n"),
  });
  expect(res.status).toBe(200);
});
afterAll(async () => server?.close());

describe("scorer tokens", () => {
  it("POST /api/admin/tokens makes a scorer token bound to a campaign, lists and recusals; the list shows its scope", async () => {
    const res = await organizer("POST", "/api/admin/tokens", {
      name: "王专家",
      role: "scorer",
      campaign: EXPERT,
      lists: ["tech"],
      recuse: ["t2"],
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ name: "王专家", role: "scorer", token: expect.stringMatching(/\S{20,}/) });
    expert = scorerCall(server, res.body.token);
    const listed = (await organizer("GET", "/api/admin/tokens")).body.tokens.find((t: { name: string }) => t.name === "王专家");
    expect(listed).toMatchObject({ role: "scorer", campaign: EXPERT, lists: ["tech"], recuse: ["t2"], round: "" });
    expect(JSON.stringify(listed)).not.toContain(res.body.token);
  });

  it("the CLI makes one too, printing the token alone", async () => {
    const out = await runCli(server.env, [
      "token",
      "create",
      "--name",
      "李专家",
      "--role",
      "scorer",
      "--campaign",
      EXPERT,
      "--lists",
      "parks",
      "--recuse",
      "parks/p3",
    ]);
    expect(out.code, out.stderr).toBe(0);
    const token = out.stdout.trim();
    expect(token).toMatch(/^\S{20,}$/);
    const sheet = await scorerCall(server, token)("GET", "/api/scoring/assignments");
    expect(sheet.status).toBe(200);
    expect(sheet.body.scorer).toEqual({ name: "李专家" });
    expect(sheet.body.entries.map((e: { slug: string }) => e.slug)).toEqual(["p1", "p2"]); // 北 before 南 (pinyin); p3 recused
  });
});

describe("the sheet", () => {
  it("GET /api/scoring/assignments (t2 recused, parks not this scorer's; 丙 丁 甲 in pinyin order): campaign, round, components, range, progress and the assigned entries", async () => {
    const res = await expert("GET", "/api/scoring/assignments");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toMatch(/no-store/);
    const body = res.body;
    expect(body.campaign).toEqual({ slug: EXPERT, title: { zh: "专家评审测试", en: "Expert scoring test" }, timezone: "Asia/Shanghai" });
    expect(body.round).toEqual({ key: "", title: { zh: "评审", en: "Review" }, final: true });
    expect(body.components).toEqual([{ key: "expert", title: { zh: "专家评议" } }]);
    expect(body.range).toEqual({ min: 0, max: 100 });
    expect(body.status).toBe("draft");
    expect(body.submittedAt).toBeNull();
    expect(body.progress).toEqual({ scored: 0, total: 3 });
    // t2 is recused; the parks list is not this scorer's; 甲 丙 丁 in pinyin order
    expect(body.entries.map((e: { slug: string }) => e.slug)).toEqual(["t3", "t4", "t1"]);
    const t1 = body.entries.find((e: { slug: string }) => e.slug === "t1");
    expect(t1).toEqual({
      id: entryId(server, EXPERT, "tech", "t1"),
      slug: "t1",
      name: { zh: "甲示例t公司" },
      list: { slug: "tech", title: { zh: "科技企业" } },
      summary: { zh: "甲的简介" },
      dimensions: [
        { key: "innovation", title: { zh: "创新投入" }, description: { zh: "研发投入与成果", en: "R&D input and results" }, weight: 1 },
        { key: "impact", title: { zh: "带动作用" }, weight: 2 },
      ],
      scores: {},
      comment: null,
      complete: false,
      revision: 0,
      savedAt: null,
    });
    expect(JSON.stringify(body)).not.toMatch(/"votes"|"rank"|"t2"/);
  });

  it("PUT saves a partial draft, then a complete one; progress counts complete entries", async () => {
    const t1 = entryId(server, EXPERT, "tech", "t1");
    const partial = await expert("PUT", `/api/scoring/entries/${t1}`, { scores: { innovation: 90 }, comment: "研发扎实", revision: 1 });
    expect(partial.status).toBe(200);
    expect(partial.body).toEqual({
      id: t1,
      scores: { innovation: 90 },
      comment: "研发扎实",
      complete: false,
      revision: 1,
      savedAt: expect.any(String),
    });
    const full = await expert("PUT", `/api/scoring/entries/${t1}`, { scores: { innovation: 90, impact: 60 }, revision: 2 });
    expect(full.body).toMatchObject({ scores: { innovation: 90, impact: 60 }, comment: "研发扎实", complete: true, revision: 2 });
    const sheet = (await expert("GET", "/api/scoring/assignments")).body;
    expect(sheet.progress).toEqual({ scored: 1, total: 3 });
    expect(sheet.entries.find((e: { id: number }) => e.id === t1)).toMatchObject({
      scores: { innovation: 90, impact: 60 },
      complete: true,
      revision: 2,
    });
  });

  it("a retried or late PUT (revision ≤ the stored one) changes nothing and answers the stored draft", async () => {
    const t1 = entryId(server, EXPERT, "tech", "t1");
    const stored = (await expert("GET", "/api/scoring/assignments")).body.entries.find((e: { id: number }) => e.id === t1);
    for (const revision of [2, 1]) {
      const late = await expert("PUT", `/api/scoring/entries/${t1}`, { scores: { innovation: 10 }, comment: null, revision });
      expect(late.status).toBe(200);
      expect(late.body).toEqual({
        id: t1,
        scores: stored.scores,
        comment: stored.comment,
        complete: true,
        revision: 2,
        savedAt: stored.savedAt,
      });
    }
  });

  it("submit writes the sheet into the scores the composite reads, with the token's name as scorer", async () => {
    for (const slug of ["t3", "t4"]) {
      const res = await expert("PUT", `/api/scoring/entries/${entryId(server, EXPERT, "tech", slug)}`, {
        scores: { innovation: 70, impact: 70 },
        revision: 1,
      });
      expect(res.status).toBe(200);
    }
    const res = await expert("POST", "/api/scoring/submit", { campaign: EXPERT });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ submitted: 3, round: "", submittedAt: expect.any(String) });
    const sheet = (await expert("GET", "/api/scoring/assignments")).body;
    expect(sheet).toMatchObject({ status: "submitted", submittedAt: res.body.submittedAt, progress: { scored: 3, total: 3 } });

    const scoring = (await organizer("GET", `/api/admin/campaigns/${EXPERT}/scoring`)).body;
    const t1 = scoring.lists[0].entries.find((e: { slug: string }) => e.slug === "t1");
    expect(t1.score.total).toBeCloseTo(75, 9);
    expect(t1.cells).toContainEqual(expect.objectContaining({ dimension: "innovation", component: "expert", value: 90, scorers: 1 }));
    const board = (await server.json(`/api/campaigns/${EXPERT}/lists/tech/leaderboard`)).body;
    expect(board.entries.find((e: { slug: string }) => e.slug === "t1").score.total).toBeCloseTo(75, 9);
    const audit = (await organizer("GET", "/api/admin/audit")).body.audit;
    expect(audit.some((r: { action: string; actor: string }) => r.action === "scoring.submit" && r.actor === "scorer:王专家")).toBe(true);
  });
});

describe("several expert components", () => {
  it("the sheet scores each component × dimension cell; the missing ones are named component.dimension", async () => {
    const call = scorerCall(
      server,
      (await organizer("POST", "/api/admin/tokens", { name: "赵专家", role: "scorer", campaign: "expert-multi" })).body.token,
    );
    const sheet = (await call("GET", "/api/scoring/assignments")).body;
    expect(sheet.components.map((c: { key: string }) => c.key)).toEqual(["expert", "plan"]);
    expect(sheet.progress).toEqual({ scored: 0, total: 7 });
    const [first, ...rest] = sheet.entries;
    const saved = await call("PUT", `/api/scoring/entries/${first.id}`, {
      scores: { expert: { innovation: 80, impact: 70 }, plan: { innovation: 60 } },
      revision: 1,
    });
    expect(saved.body).toMatchObject({ scores: { expert: { innovation: 80, impact: 70 }, plan: { innovation: 60 } }, complete: false });
    const refused = await call("POST", "/api/scoring/submit", { campaign: "expert-multi" });
    expect(refused.status).toBe(422);
    expect(refused.body.missing[0]).toEqual({ id: first.id, slug: first.slug, cells: ["plan.impact"] });
    expect(refused.body.missing).toHaveLength(7);
    expect(refused.body.missing[1]).toEqual({
      id: rest[0].id,
      slug: rest[0].slug,
      cells: ["expert.innovation", "expert.impact", "plan.innovation", "plan.impact"],
    });
  });
});

describe("the material beside the sheet", () => {
  it("a list with a public indicator sheet shows each entry's public figures of the latest period", async () => {
    const campaign = {
      ...npfCampaign(),
      dimensions: [{ key: "overall", title: { zh: "综合评价" } }],
      components: [{ key: "expert", title: { zh: "专家评议" }, weight: 1, scoredBy: "experts" }],
    };
    await seedCampaign(server, campaign);
    const token = await adminToken(server, "organizer", "indicators");
    expect((await postIndicators(server, token, readFileSync(NPF_FIGURES))).status).toBe(200);
    await server.deps.catalog.reload();
    const call = scorerCall(
      server,
      (await organizer("POST", "/api/admin/tokens", { name: "指标专家", role: "scorer", campaign: NPF, lists: ["counties"] })).body.token,
    );
    const sheet = (await call("GET", "/api/scoring/assignments")).body;
    expect(sheet.entries.length).toBe(8);
    const figures = sheet.entries[0].indicators;
    expect(figures.length).toBeGreaterThan(0);
    expect(figures[0]).toEqual({
      key: "gdp",
      title: { zh: "地区生产总值", en: "Gross regional product" },
      value: expect.any(Number),
      unit: "亿元",
    });
    const publicKeys = campaign.lists[0]!.indicators!.items.filter((i) => i.public && !i.judged).map((i) => i.key);
    for (const f of figures) expect(publicKeys).toContain(f.key);
  });
});

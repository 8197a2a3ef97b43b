/**
 * The organizer's side of expert scoring: progress per scorer (not started, draft, submitted) and
 * per entry, outliers, reopening a sheet (a reason required, audited, its rows leave the composite)
 * and the pick for a `manual` round; an auditor reads but cannot write.
 *
 * Outlier: on t1 innovation, four experts give 80, 82, 78 and 20: for 20 the others' mean is 80 and
 * their population sd √(8/3) ≈ 1.63, far more than 2 sd away; nobody else is.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminCall } from "../../helpers/admin.ts";
import { adminToken, seedCampaign } from "../../helpers/seed.ts";
import { EXPERT, expertCampaign, scoreAll, scorerCall, scorerToken, type ScorerCall } from "../../helpers/scoring.ts";
import { startTestServer, type TestServer } from "../../helpers/server.ts";

let server: TestServer;
let organizer: ReturnType<typeof adminCall>;
let auditor: ReturnType<typeof adminCall>;
const experts: Record<string, ScorerCall> = {};
const MANUAL = "manual-2025";

beforeAll(async () => {
  server = await startTestServer({ seedDemo: false });
  await seedCampaign(server, expertCampaign());
  await seedCampaign(server, expertCampaign({ slug: MANUAL, rounds: "manual" }));
  organizer = adminCall(server, await adminToken(server, "organizer"));
  auditor = adminCall(server, await adminToken(server, "auditor"));
  for (const name of ["甲专家", "乙专家", "丙专家", "丁专家", "未动专家"])
    experts[name] = scorerCall(server, await scorerToken(server, name, { campaign: EXPERT, lists: ["tech"] }));
});
afterAll(async () => server?.close());

const overview = async () => (await organizer("GET", `/api/admin/campaigns/${EXPERT}/scoring`)).body;
const scorer = async (name: string) => (await overview()).scorers.find((s: { name: string }) => s.name === name);

describe("progress and outliers", () => {
  it("each scorer's status and count, each entry's assigned and submitted, and the one outlier", async () => {
    const scores: Record<string, number> = { 甲专家: 80, 乙专家: 82, 丙专家: 78, 丁专家: 20 };
    for (const [name, innovation] of Object.entries(scores)) {
      const res = await scoreAll(experts[name]!, EXPERT, (slug, dim) => (slug === "t1" && dim === "innovation" ? innovation : 70));
      expect(res.status, name).toBe(200);
    }
    const t2 = (await experts["未动专家"]!("GET", "/api/scoring/assignments")).body.entries[0];
    expect(t2).toBeDefined();
    const body = await overview();
    expect(body.lists).toHaveLength(2); // the full scoring is still there
    expect(body.rounds).toEqual([{ key: "", title: { zh: "评审", en: "Review" }, final: true, advance: null }]);
    expect(body.scorers.find((s: { name: string }) => s.name === "甲专家")).toEqual({
      name: "甲专家",
      round: "",
      lists: ["tech"],
      recused: [],
      status: "submitted",
      scored: 4,
      total: 4,
      submittedAt: expect.any(String),
      reopened: [],
    });
    expect(await scorer("未动专家")).toMatchObject({ status: "not_started", scored: 0, total: 4, submittedAt: null });
    await experts["未动专家"]!("PUT", `/api/scoring/entries/${t2.id}`, { scores: { innovation: 50 }, revision: 1 });
    expect(await scorer("未动专家")).toMatchObject({ status: "draft", scored: 0, total: 4 });
    const t1 = (await overview()).entries.find((e: { slug: string }) => e.slug === "t1");
    expect(t1).toMatchObject({ list: "tech", name: { zh: "甲示例t公司" }, round: "", assigned: 5, submitted: 4 });
    const p1 = (await overview()).entries.find((e: { slug: string }) => e.slug === "p1");
    expect(p1).toMatchObject({ assigned: 0, submitted: 0 });
    expect((await overview()).outliers).toEqual([
      {
        round: "",
        scorer: "丁专家",
        entry: "t1",
        list: "tech",
        component: "expert",
        dimension: "innovation",
        score: 20,
        mean: 80,
        sd: expect.closeTo(Math.sqrt(8 / 3), 9),
      },
    ]);
  });
});

describe("reopening a sheet", () => {
  it("422 without a reason, 404 for an unknown scorer, 409 for a sheet not submitted; nothing changes", async () => {
    const before = await overview();
    const cases: [unknown, number][] = [
      [{ scorer: "丁专家" }, 422],
      [{ scorer: "丁专家", reason: "  " }, 422],
      [{ scorer: "无此人", reason: "打分偏低" }, 404],
      [{ scorer: "未动专家", reason: "打分偏低" }, 409],
    ];
    for (const [body, status] of cases) {
      const res = await organizer("POST", `/api/admin/campaigns/${EXPERT}/scoring/reopen`, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await auditor("POST", `/api/admin/campaigns/${EXPERT}/scoring/reopen`, { scorer: "丁专家", reason: "x" })).toMatchObject({
      status: 403,
    });
    expect(await overview()).toEqual(before);
  });

  it("reopens a submitted sheet: back to draft, its rows out of the composite, the reason kept and audited", async () => {
    const res = await organizer("POST", `/api/admin/campaigns/${EXPERT}/scoring/reopen`, {
      scorer: "丁专家",
      reason: "创新投入打分明显偏离，请复核",
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ reopened: true });
    const body = await overview();
    expect(body.scorers.find((s: { name: string }) => s.name === "丁专家")).toMatchObject({
      status: "draft",
      submittedAt: null,
      reopened: [{ at: expect.any(String), by: "organizer:organizer", reason: "创新投入打分明显偏离，请复核" }],
    });
    const t1 = body.lists[0].entries.find((e: { slug: string }) => e.slug === "t1");
    expect(
      t1.cells.find((c: { dimension: string; component: string }) => c.dimension === "innovation" && c.component === "expert"),
    ).toMatchObject({ scorers: 3, value: 80 });
    expect(body.outliers.filter((o: { scorer: string }) => o.scorer === "丁专家")).toEqual([]);
    const audit = (await organizer("GET", "/api/admin/audit")).body.audit;
    expect(audit.find((r: { action: string }) => r.action === "scoring.reopen")).toMatchObject({
      actor: "organizer:organizer",
      kind: "write",
      details: { scorer: "丁专家", reason: "创新投入打分明显偏离，请复核", removed: 8 },
    });
    // the expert corrects and submits again
    const sheet = (await experts["丁专家"]!("GET", "/api/scoring/assignments")).body;
    expect(sheet.status).toBe("draft");
    const t1Draft = sheet.entries.find((e: { slug: string }) => e.slug === "t1");
    expect(
      (
        await experts["丁专家"]!("PUT", `/api/scoring/entries/${t1Draft.id}`, {
          scores: { innovation: 79, impact: 70 },
          revision: t1Draft.revision + 1,
        })
      ).status,
    ).toBe(200);
    expect((await experts["丁专家"]!("POST", "/api/scoring/submit", { campaign: EXPERT })).status).toBe(200);
  });
});

describe("a manual round", () => {
  it("the organizer's pick decides who enters the final round; audited; 409 where the round is not manual", async () => {
    const finalist = scorerCall(server, await scorerToken(server, "终审专家", { campaign: MANUAL }));
    expect((await finalist("GET", "/api/scoring/assignments")).body.entries).toEqual([]);
    const res = await organizer("POST", `/api/admin/campaigns/${MANUAL}/scoring/advance`, {
      round: "final",
      list: "tech",
      entries: ["t4", "t2"],
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ round: "final", list: "tech", entries: ["t4", "t2"] });
    const sheet = (await finalist("GET", "/api/scoring/assignments")).body;
    expect(sheet.entries.map((e: { slug: string }) => e.slug)).toEqual(["t4", "t2"]); // 丁 乙
    const view = (await organizer("GET", `/api/admin/campaigns/${MANUAL}/scoring`)).body;
    expect(view.advancing).toEqual({ final: { tech: ["t2", "t4"], parks: [] } });
    const audit = (await organizer("GET", "/api/admin/audit")).body.audit;
    expect(audit.find((r: { action: string }) => r.action === "scoring.advance")).toMatchObject({
      details: { round: "final", list: "tech", entries: ["t4", "t2"] },
    });

    expect(
      (await organizer("POST", `/api/admin/campaigns/${EXPERT}/scoring/advance`, { round: "final", list: "tech", entries: [] })).status,
    ).toBe(404);
    expect(
      (await organizer("POST", `/api/admin/campaigns/${MANUAL}/scoring/advance`, { round: "first", list: "tech", entries: [] })).status,
    ).toBe(409);
    expect(
      (await organizer("POST", `/api/admin/campaigns/${MANUAL}/scoring/advance`, { round: "final", list: "tech", entries: ["zz"] })).status,
    ).toBe(422);
    expect(
      (await auditor("POST", `/api/admin/campaigns/${MANUAL}/scoring/advance`, { round: "final", list: "tech", entries: [] })).status,
    ).toBe(403);
    expect((await auditor("GET", `/api/admin/campaigns/${MANUAL}/scoring`)).status).toBe(200);
  });
});

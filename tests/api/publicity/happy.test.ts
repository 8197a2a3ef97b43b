/**
 * Publicity over the real server: a preliminary list frozen with its sha256, objections inside the
 * period with a receipt, organizers resolving them, the final list dropping upheld entries.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasFinalPublication } from "../../../api/services/publicity.ts";
import { admin, object, publish, sha256 } from "../../helpers/publicity.ts";
import { adminToken, entryIds, seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, testCampaign, Voter, type TestServer } from "../../helpers/server.ts";

// Thursday 2024-10-10, just after National Day; Saturday 10-12 is a make-up workday.
const clock = new ManualClock(Date.parse("2024-10-10T12:00:00+08:00"));
let server: TestServer;
let organizer: string;
let ranked: number[];

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false, env: { TRUST_PROXY: "x-forwarded-for" } });
  await seedCampaign(server, testCampaign());
  organizer = await adminToken(server, "organizer");
  ranked = entryIds(server, "test-2024", "ranked");
  const voter = new Voter(server, "113.45.6.7");
  expect((await voter.vote(ranked[2])).status).toBe(201);
  expect((await voter.vote(ranked[4])).status).toBe(201);
  expect((await new Voter(server, "113.45.6.8").vote(ranked[2])).status).toBe(201);
});
afterAll(async () => server?.close());

let preliminaryId: number;
let rawPreliminary: string;

describe("a preliminary publication", () => {
  it("starts now by default and ends at 24:00 of the fifth working day, counting the make-up Saturday", async () => {
    const res = await publish(server, organizer, "test-2024", { kind: "preliminary", list: "ranked" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      campaign: "test-2024",
      kind: "preliminary",
      list: "ranked",
      startsAt: "2024-10-10T12:00:00+08:00",
      // 10-10, 10-11, 10-12 (make-up Saturday), 10-14, 10-15
      endsAt: "2024-10-16T00:00:00+08:00",
      workingDays: 5,
      state: "open",
    });
    preliminaryId = res.body.id;
  });

  it("serves a snapshot whose sha256 is that of its JSON text, figures from the leaderboard", async () => {
    const res = await server.get(`/api/publications/${preliminaryId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    rawPreliminary = await res.text();
    const body = JSON.parse(rawPreliminary);
    expect(body.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(sha256(JSON.stringify(body.snapshot))).toBe(body.sha256);
    expect(body.snapshot.campaign).toEqual({ slug: "test-2024", title: "测试活动", titleEn: "Test campaign" });
    const [list] = body.snapshot.lists;
    expect(list).toMatchObject({ slug: "ranked", title: "高科技标杆", ranking: "ranked" });
    expect(list.entries.slice(0, 3)).toEqual([
      { id: ranked[2], slug: "e3", name: "丙示例科技有限公司", region: "北京", rank: 1, votes: 2 },
      { id: ranked[4], slug: "e5", name: "戊示例科技有限公司", region: "北京", rank: 2, votes: 1 },
      expect.objectContaining({ rank: 3, votes: 0 }),
    ]);
    expect(list.entries).toHaveLength(5);
  });

  it("lists publications newest first with their state", async () => {
    const res = await server.json("/api/campaigns/test-2024/publications");
    expect(res.status).toBe(200);
    expect(res.body.publications[0]).toEqual({
      id: preliminaryId,
      kind: "preliminary",
      list: "ranked",
      startsAt: "2024-10-10T12:00:00+08:00",
      endsAt: "2024-10-16T00:00:00+08:00",
      workingDays: 5,
      sha256: JSON.parse(rawPreliminary).sha256,
      state: "open",
    });
  });
});

describe("objections", () => {
  let receipt: string;
  let objectionId: number;

  it("accepts an objection inside the period and answers with a receipt to read out on the phone", async () => {
    const res = await object(
      server,
      { publicationId: preliminaryId, entryId: ranked[4], evidence: "专利检索截图已邮寄。" },
      { "x-forwarded-for": "114.1.2.3" },
    );
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ receipt: expect.stringMatching(/^\d{4}-\d{4}-\d{4}$/) });
    receipt = res.body.receipt;
  });

  it("shows organizers the objection with name and contact, and lets them resolve it (audited)", async () => {
    const list = await admin(server, organizer, "GET", "/api/admin/objections?campaign=test-2024");
    expect(list.status).toBe(200);
    const o = list.body.objections.find((x: { receipt: string }) => x.receipt === receipt);
    expect(o).toMatchObject({
      publicationId: preliminaryId,
      campaign: "test-2024",
      entry: { id: ranked[4], slug: "e5", list: "ranked" },
      name: "王小明",
      contact: "13800001234",
      evidence: "专利检索截图已邮寄。",
      status: "pending",
    });
    objectionId = o.id;
    const resolved = await admin(server, organizer, "POST", `/api/admin/objections/${objectionId}/resolve`, {
      resolution: "upheld",
      note: "经核实，专利数据有误。",
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.objection).toMatchObject({
      status: "upheld",
      resolution: { note: "经核实，专利数据有误。", by: "organizer:organizer" },
    });
    const audit = await admin(server, organizer, "GET", "/api/admin/audit?kind=all");
    const actions = audit.body.audit.map((a: { action: string }) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["publication.preliminary", "objection.create", "objection.resolve"]));
  });

  it("keeps the snapshot byte for byte while votes and a re-import change the leaderboard", async () => {
    expect((await new Voter(server, "113.45.6.9").vote(ranked[0])).status).toBe(201);
    const changed = testCampaign();
    changed.lists[0]!.entries[0]!.name.zh = "甲示例科技股份有限公司";
    await seedCampaign(server, changed);
    const res = await server.get(`/api/publications/${preliminaryId}`);
    const again = await res.text();
    const { state: _a, ...before } = JSON.parse(rawPreliminary);
    const { state: _b, ...after } = JSON.parse(again);
    expect(after).toEqual(before);
    expect(again.slice(again.indexOf('"snapshot":'))).toBe(rawPreliminary.slice(rawPreliminary.indexOf('"snapshot":')));
    clock.advance(3000);
    const lb = await server.json("/api/campaigns/test-2024/lists/ranked/leaderboard");
    expect(lb.body.entries.find((e: { id: number }) => e.id === ranked[0]).name).toBe("甲示例科技股份有限公司");
  });

  it("refuses a final list while the period is open", async () => {
    const res = await publish(server, organizer, "test-2024", { kind: "final", list: "ranked" });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("conflict");
  });

  it("refuses objections once the period has ended at 24:00", async () => {
    clock.set("2024-10-16T00:00:00+08:00");
    const res = await object(server, { publicationId: preliminaryId, entryId: ranked[0] }, { "x-forwarded-for": "114.1.2.3" });
    expect(res.status).toBe(409);
    expect(res.body.error).toEqual({ code: "publicity_closed", message: "不在公示期内，暂不受理异议" });
    const list = await server.json("/api/campaigns/test-2024/publications");
    expect(list.body.publications[0].state).toBe("ended");
  });
});

describe("the final list", () => {
  it("drops the entry with an upheld objection and any the organizer excludes; objections are not taken on it", async () => {
    expect(await hasFinalPublication(server.deps, { campaign: "test-2024", list: "ranked" })).toBe(false);
    const res = await publish(server, organizer, "test-2024", { kind: "final", list: "ranked", exclude: ["e2"] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: "final", list: "ranked", workingDays: 0, state: "ended" });
    const ids = res.body.snapshot.lists[0].entries.map((e: { id: number }) => e.id);
    expect(ids).not.toContain(ranked[4]);
    expect(ids).not.toContain(ranked[1]);
    expect(ids).toHaveLength(3);
    expect(sha256(JSON.stringify(res.body.snapshot))).toBe(res.body.sha256);
    expect(await hasFinalPublication(server.deps, { campaign: "test-2024", list: "ranked" })).toBe(true);
    expect(await hasFinalPublication(server.deps, { campaign: "test-2024", list: "unranked" })).toBe(false);
    expect(await hasFinalPublication(server.deps, { campaign: "test-2024" })).toBe(true);

    const o = await object(server, { publicationId: res.body.id, entryId: ids[0] });
    expect(o.status).toBe(409);
    expect(o.body.error.code).toBe("publicity_closed");
    const list = await server.json("/api/campaigns/test-2024/publications");
    expect(list.body.publications.map((p: { id: number }) => p.id)).toEqual([res.body.id, preliminaryId]);
  });
});

describe("a scheduled publication and an explicit end", () => {
  it("is upcoming before it starts, and refuses objections until then", async () => {
    const res = await publish(server, organizer, "test-2024", {
      kind: "preliminary",
      list: "unranked",
      startsAt: "2024-10-21T09:00:00+08:00",
      workingDays: 3,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      state: "upcoming",
      startsAt: "2024-10-21T09:00:00+08:00",
      endsAt: "2024-10-24T00:00:00+08:00",
      workingDays: 3,
    });
    const entry = res.body.snapshot.lists[0].entries[0].id;
    const early = await object(server, { publicationId: res.body.id, entryId: entry }, { "x-forwarded-for": "114.9.9.9" });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe("publicity_closed");
    clock.set("2024-10-21T09:00:00+08:00");
    const inside = await object(server, { publicationId: res.body.id, entryId: entry }, { "x-forwarded-for": "114.9.9.9" });
    expect(inside.status).toBe(201);
  });

  it("takes the organizer's explicit end where the calendar has no schedule yet", async () => {
    const refused = await publish(server, organizer, "test-2024", {
      kind: "preliminary",
      list: "later",
      startsAt: "2026-12-28T09:00:00+08:00",
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toContain("2027 年");
    const explicit = await publish(server, organizer, "test-2024", {
      kind: "preliminary",
      list: "later",
      startsAt: "2026-12-28T09:00:00+08:00",
      endsAt: "2027-01-05T00:00:00+08:00",
    });
    expect(explicit.status).toBe(201);
    expect(explicit.body).toMatchObject({ endsAt: "2027-01-05T00:00:00+08:00", workingDays: 5, state: "upcoming" });
  });
});

/**
 * 摘牌 refused: a bad body, an unknown or ambiguous entry, an entry that was never designated, a
 * second revocation. Each refusal is in the
 * contract's error shape with a Chinese message (English on request) and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publish } from "../../helpers/publicity.ts";
import { revocationCampaign, revoke } from "../../helpers/revocations.ts";
import { adminToken, seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, type TestServer } from "../../helpers/server.ts";

const C = "test-2024";
const clock = new ManualClock(Date.parse("2024-12-02T10:00:00+08:00"));
let server: TestServer;
let organizer: string;
const ok = { entry: "unranked/u1", date: "2024-11-28", reason: "成效评估不合格" };

const revocationRows = async () =>
  (await server.json("/api/admin/audit?kind=all&limit=500", { headers: { authorization: `Bearer ${organizer}` } })).body.audit.filter(
    (r: { action: string }) => r.action === "revocation.create",
  );

/** No entry of the campaign carries a revocation, by the public JSON. */
async function nothingRevoked() {
  for (const list of ["ranked", "unranked", "later"]) {
    const board = (await server.json(`/api/campaigns/${C}/lists/${list}/leaderboard`)).body;
    for (const e of board.entries) expect(e, `${list}/${e.slug}`).not.toHaveProperty("revocation");
  }
  expect(await revocationRows()).toEqual([]);
}

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false });
  await seedCampaign(server, revocationCampaign());
  organizer = await adminToken(server, "organizer");
  // the unranked list is final (designated on 2024-11-20); the others were never published
  expect((await publish(server, organizer, C, { kind: "final", list: "unranked", startsAt: "2024-11-20T09:00:00+08:00" })).status).toBe(
    201,
  );
});
afterAll(async () => server?.close());

const expectError = (res: { status: number; body: any }, status: number, code: string, message?: RegExp) => {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.error).toEqual({ code, message: expect.stringMatching(message ?? /[\u4e00-\u9fff]/) });
};

describe("a body that cannot be a revocation: 400, nothing changes", () => {
  const bad: [string, unknown, RegExp][] = [
    ["no entry", { date: ok.date, reason: ok.reason }, /entry/],
    ["an entry with spaces", { ...ok, entry: "unranked/u 1" }, /entry 须为对象标识/],
    ["three parts", { ...ok, entry: "test-2024/unranked/u1" }, /entry 须为对象标识/],
    ["no date", { entry: ok.entry, reason: ok.reason }, /date/],
    ["a date without zero padding", { ...ok, date: "2024-11-8" }, /YYYY-MM-DD/],
    ["a day that does not exist", { ...ok, date: "2023-02-29" }, /YYYY-MM-DD 格式的有效日期/],
    ["a month that does not exist", { ...ok, date: "2024-13-01" }, /有效日期/],
    ["an instant, not a day", { ...ok, date: "2024-11-28T00:00:00+08:00" }, /YYYY-MM-DD/],
    ["no reason", { entry: ok.entry, date: ok.date }, /reason/],
    ["a blank reason", { ...ok, reason: "   \n " }, /请填写摘牌原因/],
    ["a reason too long", { ...ok, reason: "摘".repeat(501) }, /不能超过 500 个字符/],
    ["a reason with a control character", { ...ok, reason: "不合格\u0007" }, /控制字符/],
    ["a number for a reason", { ...ok, reason: 42 }, /reason/],
    ["an unknown field", { ...ok, withdraw: true }, /withdraw/],
  ];
  for (const [what, body, message] of bad) {
    it(what, async () => {
      const res = await revoke(server, organizer, C, body);
      expectError(res, 400, "invalid_request");
      expect(res.body.error.message).toMatch(message);
    });
  }

  it("not JSON, or not an object", async () => {
    expectError(await revoke(server, organizer, C, "{nope"), 400, "invalid_request");
    expectError(await revoke(server, organizer, C, "[]"), 400, "invalid_request");
    const form = await server.json(`/api/admin/campaigns/${C}/revocations`, {
      method: "POST",
      headers: { authorization: `Bearer ${organizer}`, "content-type": "application/x-www-form-urlencoded" },
      body: "entry=u1",
    });
    expect(form.status).toBe(415);
    await nothingRevoked();
  });
});

describe("what the body names", () => {
  it("404 for an unknown campaign, list or entry, naming it", async () => {
    expectError(await revoke(server, organizer, "no-such", ok), 404, "not_found", /找不到活动 no-such/);
    expectError(await revoke(server, organizer, C, { ...ok, entry: "nope/u1" }), 404, "not_found", /找不到榜单 nope/);
    expectError(await revoke(server, organizer, C, { ...ok, entry: "unranked/u9" }), 404, "not_found", /榜单 unranked 中没有对象 u9/);
    expectError(await revoke(server, organizer, C, { ...ok, entry: "u9" }), 404, "not_found", /找不到对象 u9/);
    await nothingRevoked();
  });

  it("409 for a bare slug two lists use, naming both lists", async () => {
    const res = await revoke(server, organizer, C, { ...ok, entry: "u1" });
    expectError(res, 409, "conflict", /对象 u1 同时出现在榜单 unranked、later，请写成 榜单\/对象/);
    expect(res.body.lists).toEqual(["unranked", "later"]);
    const en = await revoke(server, organizer, C, { ...ok, entry: "u1" }, { "accept-language": "en" });
    expect(en.body.error.message).toBe("Entry u1 is in lists unranked, later; write list/entry, e.g. unranked/u1");
    await nothingRevoked();
  });

  it("409 for an entry on no final list: it was never designated", async () => {
    expectError(await revoke(server, organizer, C, { ...ok, entry: "ranked/e1" }), 409, "conflict", /不在已发布的正式名单中，尚未认定/);
    expectError(await revoke(server, organizer, C, { ...ok, entry: "later/u1" }), 409, "conflict", /尚未认定/);
    await nothingRevoked();
  });

  it("a preliminary list designates no one", async () => {
    const pre = await publish(server, organizer, C, { kind: "preliminary", list: "ranked", startsAt: "2024-11-01T09:00:00+08:00" });
    expect(pre.status).toBe(201);
    expectError(await revoke(server, organizer, C, { ...ok, entry: "ranked/e2" }), 409, "conflict", /尚未认定/);
    await nothingRevoked();
  });
});

describe("the date", () => {
  it("is the organizer's: before the list was published here, or a day still ahead, are both recorded", async () => {
    // a final list entered into bangdan after its real designation; a decision naming its effective day
    expect((await revoke(server, organizer, C, { ...ok, entry: "unranked/u2", date: "2023-06-30" })).status).toBe(201);
    const ahead = await revoke(server, organizer, C, { ...ok, entry: "unranked/u3", date: "2027-03-01" });
    expect(ahead.status).toBe(201);
    expect(ahead.body.revocation).toMatchObject({ entry: "u3", date: "2027-03-01" });
  });
});

describe("twice", () => {
  it("409 for a second revocation of the same entry, naming the first's date; the first stays", async () => {
    expect((await revoke(server, organizer, C, ok)).status).toBe(201);
    const again = await revoke(server, organizer, C, { ...ok, date: "2024-12-01", reason: "另一个原因" });
    expectError(again, 409, "conflict", /该对象已于 2024-11-28 摘牌，不能再次摘牌/);
    const id = server.deps.catalog.current.list(C, "unranked")!.entries.find((e) => e.slug === "u1")!.id;
    expect((await server.json(`/api/entries/${id}`)).body.revocation).toEqual({ date: "2024-11-28", reason: "成效评估不合格" });
    expect((await revocationRows()).filter((r: { target: string }) => r.target === `${C}/unranked/u1`)).toHaveLength(1);
  });

  it("concurrent calls for one entry record one revocation; the others get 409", async () => {
    const dates = ["2024-11-21", "2024-11-22", "2024-11-23", "2024-11-24"];
    const results = await Promise.all(dates.map((date) => revoke(server, organizer, C, { entry: "unranked/u4", date, reason: "并发" })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    const won = results.find((r) => r.status === 201)!.body.revocation.date;
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.error.message).toContain(`该对象已于 ${won} 摘牌`);
    expect((await revocationRows()).filter((r: { target: string }) => r.target === `${C}/unranked/u4`)).toHaveLength(1);
  });
});

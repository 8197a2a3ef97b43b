/**
 * The scoring API's refusals, each in the contract's shape with a Chinese message, each changing
 * nothing: 404 for an entry id that does not exist, 422 for a bad score, dimension, component,
 * revision or comment, 409 for any change after submission, 422 listing the unscored cells on an
 * incomplete submission.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaignScoreCount } from "../../../db/index.ts";
import { seedCampaign } from "../../helpers/seed.ts";
import { entryId, EXPERT, expertCampaign, scorerCall, scorerToken, type ScorerCall } from "../../helpers/scoring.ts";
import { startTestServer, type TestServer } from "../../helpers/server.ts";

let server: TestServer;
let expert: ScorerCall;
let t1: number;
let expertToken: string;

beforeAll(async () => {
  server = await startTestServer({ seedDemo: false });
  await seedCampaign(server, expertCampaign());
  expertToken = await scorerToken(server, "钱专家", { campaign: EXPERT, lists: ["tech"] });
  expert = scorerCall(server, expertToken);
  t1 = entryId(server, EXPERT, "tech", "t1");
});
afterAll(async () => server?.close());

const draftOf = async (id: number) =>
  (await expert("GET", "/api/scoring/assignments")).body.entries.find((e: { id: number }) => e.id === id);
const chinese = /[\u4e00-\u9fff]/;

describe("drafts that cannot be saved", () => {
  it("404 not_found for an entry id that does not exist", async () => {
    for (const id of ["999999", "0", "abc"]) {
      const res = await expert("PUT", `/api/scoring/entries/${id}`, { scores: { innovation: 50 }, revision: 1 });
      expect(res.status, id).toBe(404);
      expect(res.body.error).toEqual({ code: "not_found", message: expect.stringMatching(chinese) });
    }
  });

  it("422 unprocessable for a score out of range or not a number, an unknown dimension or field, a bad revision or comment", async () => {
    await expert("PUT", `/api/scoring/entries/${t1}`, { scores: { innovation: 50 }, revision: 1 });
    const before = await draftOf(t1);
    const cases: [unknown, RegExp][] = [
      [{ scores: { innovation: 101 }, revision: 5 }, /0–100/],
      [{ scores: { innovation: -1 }, revision: 5 }, /0–100/],
      [{ scores: { innovation: "80" }, revision: 5 }, /数字/],
      [{ scores: { innovation: true }, revision: 5 }, /数字/],
      [{ scores: { novelty: 80 }, revision: 5 }, /novelty/],
      [{ scores: { expert: { innovation: 80 } }, revision: 5 }, /expert/],
      [{ scores: [80], revision: 5 }, /scores/],
      [{ scores: "80", revision: 5 }, /scores/],
      [{ scores: { innovation: 80 } }, /revision/],
      [{ scores: { innovation: 80 }, revision: 0 }, /revision/],
      [{ scores: { innovation: 80 }, revision: 1.5 }, /revision/],
      [{ scores: { innovation: 80 }, revision: "6" }, /revision/],
      [{ scores: { innovation: 80 }, revision: 5, comment: "长".repeat(2001) }, /2000/],
      [{ scores: { innovation: 80 }, revision: 5, comment: 7 }, /comment/],
      [{ scores: { innovation: 80 }, revision: 5, extra: 1 }, /extra/],
    ];
    for (const [body, message] of cases) {
      const res = await expert("PUT", `/api/scoring/entries/${t1}`, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(422);
      expect(res.body.error.code).toBe("unprocessable");
      expect(res.body.error.message, JSON.stringify(body).slice(0, 80)).toMatch(message);
      expect(res.body.error.message).toMatch(chinese);
    }
    expect(await draftOf(t1)).toEqual(before);
  });

  it("400 for a body that is not JSON or not an object, 415 for another content type", async () => {
    const raw = (body: string, type = "application/json") =>
      server.get(`/api/scoring/entries/${t1}`, {
        method: "PUT",
        headers: { authorization: `Bearer ${expertToken}`, "content-type": type },
        body,
      });
    expect((await raw("{")).status).toBe(400);
    expect((await raw("[]")).status).toBe(400);
    expect((await raw("{}", "text/plain")).status).toBe(415);
  });
});

let token = "";

describe("submission", () => {
  it("an incomplete sheet is refused with 422 listing every unscored cell; nothing is submitted", async () => {
    token = await scorerToken(server, "孙专家", { campaign: EXPERT, lists: ["parks"] });
    const call = scorerCall(server, token);
    const p1 = entryId(server, EXPERT, "parks", "p1");
    await call("PUT", `/api/scoring/entries/${p1}`, { scores: { innovation: 60, impact: 70 }, revision: 1 });
    const res = await call("POST", "/api/scoring/submit", { campaign: EXPERT });
    expect(res.status).toBe(422);
    expect(res.body.error).toEqual({ code: "unprocessable", message: expect.stringContaining("2 个参评对象未评完") });
    expect(res.body.missing).toEqual([
      { id: entryId(server, EXPERT, "parks", "p3"), slug: "p3", cells: ["innovation", "impact"] },
      { id: entryId(server, EXPERT, "parks", "p2"), slug: "p2", cells: ["innovation", "impact"] },
    ]);
    expect((await call("GET", "/api/scoring/assignments")).body.status).toBe("draft");
    expect(await campaignScoreCount(server.deps.db.read, server.deps.catalog.current.campaign(EXPERT)!.id)).toBe(0);
  });

  it("a bad submit body is 400; after submitting, every change and a second submit are 409", async () => {
    const call = scorerCall(server, token);
    expect((await call("POST", "/api/scoring/submit", {})).status).toBe(400);
    for (const slug of ["p2", "p3"])
      await call("PUT", `/api/scoring/entries/${entryId(server, EXPERT, "parks", slug)}`, {
        scores: { innovation: 60, impact: 70 },
        revision: 1,
      });
    expect((await call("POST", "/api/scoring/submit", { campaign: EXPERT })).status).toBe(200);
    const p1 = entryId(server, EXPERT, "parks", "p1");
    const late = await call("PUT", `/api/scoring/entries/${p1}`, { scores: { innovation: 99, impact: 99 }, revision: 9 });
    expect(late.status).toBe(409);
    expect(late.body.error).toEqual({ code: "conflict", message: expect.stringMatching(chinese) });
    const again = await call("POST", "/api/scoring/submit", { campaign: EXPERT });
    expect(again.status).toBe(409);
    expect((await call("GET", "/api/scoring/assignments")).body.entries.find((e: { id: number }) => e.id === p1).scores).toEqual({
      innovation: 60,
      impact: 70,
    });
  });
});

/**
 * Who may score what: no token or an unknown one → 401; organizer and auditor tokens → 403 on the
 * scoring API; a scorer token → 403 on every organizer route (taken from the app itself, so a route
 * added later is covered); a scorer cannot see or score another campaign's entry, a list not its
 * own, a recused entry, or an entry that did not advance, nor submit for another campaign.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../api/app.ts";
import { adminCall } from "../../helpers/admin.ts";
import { adminToken, seedCampaign } from "../../helpers/seed.ts";
import { entryId, EXPERT, expertCampaign, scorerCall, scorerToken, type ScorerCall } from "../../helpers/scoring.ts";
import { startTestServer, type TestServer } from "../../helpers/server.ts";

let server: TestServer;
let expert: ScorerCall;
let expertTokenText: string;

beforeAll(async () => {
  server = await startTestServer({ seedDemo: false });
  await seedCampaign(server, expertCampaign());
  await seedCampaign(server, expertCampaign({ slug: "other-2025" }));
  await seedCampaign(server, expertCampaign({ slug: "rounds-2025", rounds: "manual" }));
  expertTokenText = await scorerToken(server, "周专家", { campaign: EXPERT, lists: ["tech"], recuse: ["tech/t2"] });
  expert = scorerCall(server, expertTokenText);
});
afterAll(async () => server?.close());

const SCORING_ROUTES: [string, string, unknown?][] = [
  ["GET", "/api/scoring/assignments"],
  ["PUT", "/api/scoring/entries/1", { scores: {}, revision: 1 }],
  ["POST", "/api/scoring/submit", { campaign: EXPERT }],
];

describe("the scoring API's tokens", () => {
  it("401 without a token or with an unknown one, with WWW-Authenticate", async () => {
    for (const auth of [undefined, "bd_not-a-token"]) {
      for (const [method, path, body] of SCORING_ROUTES) {
        const res = await scorerCall(server, auth)(method, path, body);
        expect(res.status, `${method} ${path}`).toBe(401);
        expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm=/);
        expect(res.body.error.code).toBe("unauthorized");
      }
    }
  });

  it("403 for organizer and auditor tokens", async () => {
    for (const role of ["organizer", "auditor"] as const) {
      const call = scorerCall(server, await adminToken(server, role));
      for (const [method, path, body] of SCORING_ROUTES) {
        const res = await call(method, path, body);
        expect(res.status, `${role} ${method} ${path}`).toBe(403);
        expect(res.body.error.code).toBe("forbidden");
      }
    }
  });

  it("a scorer token is refused (403) by every organizer route, reads included, and the refusal is audited", async () => {
    const routes = adminRoutes();
    expect(routes.length).toBeGreaterThan(20);
    const call = adminCall(server, expertTokenText);
    for (const { method, path } of routes) {
      const res = await call(method, path, method === "GET" ? undefined : {});
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.code).toBe("forbidden");
    }
    const organizer = adminCall(server, await adminToken(server, "organizer", "security-organizer"));
    const audit = (await organizer("GET", "/api/admin/audit?kind=refusals&limit=1000")).body.audit;
    expect(
      audit.filter((r: { actor: string; action: string }) => r.actor === "scorer:周专家" && r.action === "denied").length,
    ).toBeGreaterThanOrEqual(routes.length);
  });
});

/** Every organizer route the app registers, its parameters filled with the test campaign's names. */
function adminRoutes(): { method: string; path: string }[] {
  const app = createApp(server.deps);
  const seen = new Set<string>();
  const out: { method: string; path: string }[] = [];
  for (const r of app.routes) {
    if (!r.path.startsWith("/api/admin/") || r.method === "ALL") continue;
    const path = r.path
      .replace(":campaign", EXPERT)
      .replace(":list", "tech")
      .replace(/:[a-zA-Z]+/g, "1")
      .replace("/*", "/x");
    const key = `${r.method} ${path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ method: r.method, path });
  }
  return out;
}

describe("what a scorer may touch", () => {
  it("403 for another campaign's entry, another list's, a recused one; 404 only for an id that does not exist", async () => {
    const cases = [
      ["another campaign", entryId(server, "other-2025", "tech", "t1"), /其他|不属于/],
      ["a list not its own", entryId(server, EXPERT, "parks", "p1"), /范围/],
      ["a recused entry", entryId(server, EXPERT, "tech", "t2"), /回避/],
    ] as const;
    for (const [what, id, message] of cases) {
      const res = await expert("PUT", `/api/scoring/entries/${id}`, { scores: { innovation: 50 }, revision: 1 });
      expect(res.status, what).toBe(403);
      expect(res.body.error).toEqual({ code: "forbidden", message: expect.stringMatching(message) });
    }
    const sheet = (await expert("GET", "/api/scoring/assignments")).body;
    expect(sheet.entries.map((e: { slug: string }) => e.slug).sort()).toEqual(["t1", "t3", "t4"]);
  });

  it("403 submitting for another campaign", async () => {
    const res = await expert("POST", "/api/scoring/submit", { campaign: "other-2025" });
    expect(res.status).toBe(403);
    expect((await expert("GET", "/api/scoring/assignments")).body.status).toBe("draft");
  });

  it("403 for an entry that did not advance to the scorer's round", async () => {
    // a manual round with no pick yet: nobody has advanced to the final round
    const finalist = scorerCall(server, await scorerToken(server, "吴专家", { campaign: "rounds-2025", round: "final" }));
    const sheet = (await finalist("GET", "/api/scoring/assignments")).body;
    expect(sheet.round).toEqual({ key: "final", title: { zh: "终审", en: "Final round" }, final: true });
    expect(sheet.entries).toEqual([]);
    const res = await finalist("PUT", `/api/scoring/entries/${entryId(server, "rounds-2025", "tech", "t1")}`, {
      scores: { innovation: 50 },
      revision: 1,
    });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/本轮/);
  });
});

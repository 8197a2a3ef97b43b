/**
 * What the public may never see: an unranked list's rank, votes or score (不搞排名或者变相排名) in
 * any public JSON or CSV, a score in a publication where the leaderboard would not show it, and an
 * objector's name or contact anywhere outside /api/admin/. Who may publish, read objections and
 * resolve them. Plus the objection rate limit.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { figureKeys } from "../../../api/domain/publicity.ts";
import { adminSecurityCases } from "../../helpers/admin-security.ts";
import { admin, findKeys, object, publish } from "../../helpers/publicity.ts";
import { postScores, SCORED, scoredCampaign, scoresCsv } from "../../helpers/scores.ts";
import { adminToken, entryIds, seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, testCampaign, Voter, type TestServer } from "../../helpers/server.ts";

const clock = new ManualClock(Date.parse("2024-11-04T10:00:00+08:00"));
let server: TestServer;
let organizer: string;
let unranked: number[];
let campaignPublication: number;
let unrankedPublication: number;
const NAME = "赵保密";
const CONTACT = "secret-contact@example.cn";

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false, env: { TRUST_PROXY: "x-forwarded-for" } });
  await seedCampaign(server, testCampaign({ opensAt: "2024-10-08T09:00:00+08:00", closesAt: "2024-12-31T18:00:00+08:00" }));
  organizer = await adminToken(server, "organizer");
  unranked = entryIds(server, "test-2024", "unranked");
  // votes on the unranked list exist; they must never show
  const voter = new Voter(server, "113.45.6.7");
  const v = await voter.vote(unranked[0]);
  expect(v.status).toBe(201);
  expect(findKeys(v.body, ["votes", "rank", "score"])).toEqual([]);
  expect((await voter.vote(unranked[1])).status).toBe(201);
  const whole = await publish(server, organizer, "test-2024", { kind: "preliminary" });
  expect(whole.status).toBe(201);
  campaignPublication = whole.body.id;
  const one = await publish(server, organizer, "test-2024", { kind: "preliminary", list: "unranked" });
  expect(one.status).toBe(201);
  unrankedPublication = one.body.id;
  const o = await object(
    server,
    { publicationId: unrankedPublication, entryId: unranked[0], name: NAME, contact: CONTACT },
    { "x-forwarded-for": "114.1.1.1" },
  );
  expect(o.status).toBe(201);
});
afterAll(async () => server?.close());

describe("publishing and resolving need an organizer; objections are read with a token", () => {
  adminSecurityCases({
    server: () => server,
    routes: [
      { method: "POST", path: "/api/admin/campaigns/test-2024/publications", body: { kind: "preliminary" } },
      { method: "GET", path: "/api/admin/objections?campaign=test-2024" },
      { method: "POST", path: "/api/admin/objections/1/resolve", body: { resolution: "upheld", note: "理由" } },
    ],
    unchanged: async () => {
      expect((await server.json("/api/campaigns/test-2024/publications")).body.publications).toHaveLength(2);
      const objections = (await admin(server, organizer, "GET", "/api/admin/objections")).body.objections;
      expect(objections.map((o: { status: string }) => o.status)).toEqual(["pending"]);
    },
  });
});

/** Every public JSON read that exists on this branch, for the test campaign. */
function publicJsonPaths(): string[] {
  return [
    "/api/health",
    "/api/campaigns",
    "/api/campaigns/test-2024/lists/unranked/leaderboard",
    "/api/campaigns/test-2024/lists/ranked/leaderboard",
    "/api/campaigns/test-2024/publications",
    `/api/publications/${campaignPublication}`,
    `/api/publications/${unrankedPublication}`,
    ...unranked.map((id) => `/api/entries/${id}`),
    ...entryIds(server, "test-2024", "ranked").map((id) => `/api/entries/${id}`),
    "/api/me/votes?campaign=test-2024",
  ];
}

describe("unranked lists show no rank, votes or score on any public JSON", () => {
  it("walks every public JSON response: unranked parts carry none of the forbidden keys", async () => {
    let checked = 0;
    for (const path of publicJsonPaths()) {
      const res = await server.json(path);
      expect(res.status, path).toBe(200);
      // the parts of the body that belong to the unranked list
      const parts: unknown[] = [];
      const visit = (v: unknown) => {
        if (Array.isArray(v)) return v.forEach(visit);
        if (v && typeof v === "object") {
          const o = v as Record<string, unknown>;
          if (o.ranking === "unranked" || o.list === "unranked" || o.slug === "unranked") parts.push(o);
          if (typeof o.id === "number" && unranked.includes(o.id)) parts.push(o);
          Object.values(o).forEach(visit);
        }
      };
      visit(res.body);
      for (const part of parts) expect(findKeys(part, figureKeys), `${path}: ${JSON.stringify(part).slice(0, 200)}`).toEqual([]);
      checked += parts.length;
    }
    expect(checked).toBeGreaterThan(10);
  });

  it("a publication of the unranked list alone has none of those keys anywhere, and is in pinyin order", async () => {
    const res = await server.json(`/api/publications/${unrankedPublication}`);
    expect(findKeys(res.body, figureKeys)).toEqual([]);
    expect(res.body.snapshot.lists[0].entries.map((e: { name: string }) => e.name)).toEqual([
      "安徽示例园区",
      "北京示例园区",
      "张家示例园区",
    ]);
    const lb = await server.json("/api/campaigns/test-2024/lists/unranked/leaderboard");
    expect(findKeys(lb.body, figureKeys)).toEqual([]);
  });

  it("the unranked CSV has no rank or votes column", async () => {
    const csv = await (await server.get("/api/campaigns/test-2024/lists/unranked/leaderboard.csv")).text();
    expect(csv.replace(/^\uFEFF/, "").split("\r\n")[0]).toBe("name,region,sector,id,slug");
  });
});

describe("objectors' names and contacts", () => {
  it("appear in no public response", async () => {
    for (const path of publicJsonPaths()) {
      const text = await (await server.get(path)).text();
      expect(text, path).not.toContain(CONTACT);
      expect(text, path).not.toContain(NAME);
    }
  });

  it("appear to organizers only (auditors see the objections without them), and not in the audit log", async () => {
    const ours = await admin(server, organizer, "GET", "/api/admin/objections");
    expect(ours.status).toBe(200);
    expect(JSON.stringify(ours.body)).toContain(CONTACT);
    expect(JSON.stringify(ours.body)).toContain(NAME);
    const auditor = await adminToken(server, "auditor", "auditor-1");
    const list = await admin(server, auditor, "GET", "/api/admin/objections");
    expect(list.status).toBe(200);
    expect(list.body.objections.length).toBe(ours.body.objections.length);
    expect(list.body.objections[0]).toHaveProperty("receipt");
    expect(JSON.stringify(list.body)).not.toContain(CONTACT);
    expect(JSON.stringify(list.body)).not.toContain(NAME);
    const audit = await admin(server, organizer, "GET", "/api/admin/audit?kind=all");
    expect(JSON.stringify(audit.body)).not.toContain(CONTACT);
    expect(JSON.stringify(audit.body)).not.toContain(NAME);
  });

  it("are kept as written, not hashed or echoed back to the sender", async () => {
    const res = await object(
      server,
      { publicationId: unrankedPublication, entryId: unranked[1], contact: "another@example.cn" },
      { "x-forwarded-for": "114.1.1.2" },
    );
    expect(res.status).toBe(201);
    expect(Object.keys(res.body)).toEqual(["receipt"]);
  });
});

describe("the objection rate limit", () => {
  it("allows five objections per sender in ten minutes, then 429 with Retry-After", async () => {
    const ip = { "x-forwarded-for": "114.7.7.7" };
    for (let i = 0; i < 5; i++) {
      expect((await object(server, { publicationId: unrankedPublication, entryId: unranked[2] }, ip)).status).toBe(201);
    }
    const over = await object(server, { publicationId: unrankedPublication, entryId: unranked[2] }, ip);
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe("rate_limited");
    expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(0);
    // someone else is not affected
    expect(
      (await object(server, { publicationId: unrankedPublication, entryId: unranked[2] }, { "x-forwarded-for": "114.7.7.8" })).status,
    ).toBe(201);
    clock.advance(20 * 60_000);
    expect((await object(server, { publicationId: unrankedPublication, entryId: unranked[2] }, ip)).status).toBe(201);
  });
});

describe("a publication's scores follow revealScores", () => {
  // Publications take their figures from the leaderboard view, so a snapshot carries a score exactly
  // where the public may see it: revealed ranked lists, never `never` lists or unranked ones. A
  // server of its own, with the scored campaign while its lists are open.
  const clock = new ManualClock(Date.parse("2024-10-10T12:00:00+08:00"));
  let server: TestServer;
  let organizer: string;

  beforeAll(async () => {
    server = await startTestServer({ clock, seedDemo: false });
    await seedCampaign(server, scoredCampaign());
    organizer = await adminToken(server, "organizer");
    expect((await postScores(server, organizer, scoresCsv())).status).toBe(200);
  });
  afterAll(async () => server?.close());

  async function snapshotOf(list: string) {
    const created = await publish(server, organizer, SCORED, { kind: "preliminary", list });
    expect(created.status).toBe(201);
    const res = await server.json(`/api/publications/${created.body.id}`);
    expect(res.status).toBe(200);
    return res.body.snapshot.lists[0];
  }

  it("a revealed list is published with each entry's score, equal to the leaderboard's", async () => {
    const board = (await server.json(`/api/campaigns/${SCORED}/lists/always/leaderboard`)).body;
    const list = await snapshotOf("always");
    expect(list.entries.map((e: any) => [e.slug, e.rank, e.score.total])).toEqual(
      board.entries.map((e: any) => [e.slug, e.rank, e.score.total]),
    );
    expect(list.entries[0].score.total).toBeCloseTo(69, 9);
  });

  it("a `never` list, and an `after_close` list still open, are published without scores", async () => {
    for (const slug of ["never", "after"]) {
      const list = await snapshotOf(slug);
      expect(list.entries.length).toBe(3);
      expect(findKeys(list, ["score"]), slug).toEqual([]);
    }
  });

  it("an unranked list is published with no figure at all", async () => {
    const list = await snapshotOf("unranked");
    expect(findKeys(list, ["rank", "votes", "score", "voided"])).toEqual([]);
  });
});

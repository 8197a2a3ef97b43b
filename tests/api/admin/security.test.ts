import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminToken, entryIds, seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, testCampaign, Voter, type TestServer } from "../../helpers/server.ts";

const clock = new ManualClock(Date.parse("2024-10-10T12:00:00+08:00"));
let server: TestServer;
let organizer: string;
let auditor: string;

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false });
  await seedCampaign(server, testCampaign());
  organizer = await adminToken(server, "organizer");
  auditor = await adminToken(server, "auditor");
});
afterAll(async () => server?.close());

async function call(method: string, path: string, token?: string, body?: unknown) {
  const res = await server.get(path, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // exports answer with a file, everything else with JSON
  const text = await res.text();
  const json = (res.headers.get("content-type") ?? "").includes("json");
  return { status: res.status, body: json && text ? JSON.parse(text) : text, headers: res.headers };
}

/** Every admin route the app registers; a new route is covered here without being listed. */
function adminRoutes(): { method: string; path: string }[] {
  const seen = new Set<string>();
  return server.app.routes
    .filter((r) => r.path.startsWith("/api/admin/") && r.method !== "ALL")
    .map((r) => ({ method: r.method, path: r.path.replace(":campaign", "test-2024").replace(":list", "ranked").replace(/:[a-z]+/g, "1") }))
    .filter((r) => !seen.has(r.method + r.path) && seen.add(r.method + r.path));
}

describe("admin routes refuse without a valid token", () => {
  it("knows the admin routes", () => {
    expect(adminRoutes().length).toBeGreaterThanOrEqual(5);
  });

  it("401 unauthorized with no token, a bad token or a malformed header", async () => {
    for (const { method, path } of adminRoutes()) {
      for (const token of [undefined, "bd_not-a-real-token", ""]) {
        const res = await call(method, path, token, method === "GET" ? undefined : {});
        expect(res.status, `${method} ${path}`).toBe(401);
        expect(res.body.error.code).toBe("unauthorized");
      }
      const basic = await server.json(path, { method, headers: { authorization: `Basic ${organizer}` } });
      expect(basic.status).toBe(401);
    }
  });

  it("403 forbidden when an auditor writes; auditors may read", async () => {
    for (const { method, path } of adminRoutes()) {
      const res = await call(method, path, auditor, method === "GET" ? undefined : {});
      if (method === "GET") expect(res.status, `${method} ${path}`).toBe(200);
      else {
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.body.error.code).toBe("forbidden");
      }
    }
  });

  it("a revoked token no longer works", async () => {
    const { revokeAdminToken } = await import("../../../db/index.ts");
    const t = await adminToken(server, "organizer", "temp");
    expect((await call("GET", "/api/admin/audit", t)).status).toBe(200);
    await server.deps.db.writer.run((tx) => revokeAdminToken(tx, "temp", Date.now()));
    expect((await call("GET", "/api/admin/audit", t)).status).toBe(401);
  });
});

describe("voting control", () => {
  it("closes at once: the next vote is refused and the tally stays", async () => {
    const [a, b] = entryIds(server, "test-2024", "ranked");
    const voter = new Voter(server);
    expect((await voter.vote(a)).status).toBe(201);
    const closed = await call("POST", "/api/admin/campaigns/test-2024/lists/ranked/close", organizer);
    expect(closed.status).toBe(200);
    expect(closed.body.voting).toMatchObject({ state: "closed" });
    const refused = await voter.vote(b);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("voting_closed");
    const campaigns = await server.json("/api/campaigns");
    expect(campaigns.body.campaigns[0].lists[0].voting.state).toBe("closed");
    clock.advance(3000);
    const lb = await server.json("/api/campaigns/test-2024/lists/ranked/leaderboard");
    expect(lb.body.state).toBe("closed");
    expect(lb.body.entries.reduce((s: number, e: { votes: number }) => s + e.votes, 0)).toBe(1);

    expect((await call("POST", "/api/admin/campaigns/test-2024/lists/ranked/open", organizer)).status).toBe(200);
    expect((await voter.vote(b)).status).toBe(201);
  });

  it("sets a window, which replaces a manual close", async () => {
    await call("POST", "/api/admin/campaigns/test-2024/lists/ranked/close", organizer);
    const bad = await call("PUT", "/api/admin/campaigns/test-2024/lists/ranked/window", organizer, { opensAt: "2024-10-20T00:00:00+08:00", closesAt: "2024-10-01T00:00:00+08:00" });
    expect(bad.status).toBe(400);
    const noZone = await call("PUT", "/api/admin/campaigns/test-2024/lists/ranked/window", organizer, { opensAt: "2024-10-01T00:00:00", closesAt: "2024-11-01T00:00:00" });
    expect(noZone.status).toBe(400);
    const ok = await call("PUT", "/api/admin/campaigns/test-2024/lists/ranked/window", organizer, { opensAt: "2024-10-01T00:00:00+08:00", closesAt: "2024-11-30T18:00:00+08:00" });
    expect(ok.status).toBe(200);
    const c = await server.json("/api/campaigns");
    expect(c.body.campaigns[0].lists[0].voting).toMatchObject({ state: "open", closesAt: "2024-11-30T18:00:00+08:00" });
  });

  it("404 for an unknown list", async () => {
    expect((await call("POST", "/api/admin/campaigns/test-2024/lists/nope/close", organizer)).status).toBe(404);
  });
});

describe("campaign import over the API", () => {
  it("creates (201), replaces (200), and reports schema problems by path (422) changing nothing", async () => {
    const created = await call("POST", "/api/admin/campaigns", organizer, testCampaign({ slug: "second-2024" }));
    expect(created.status).toBe(201);
    const again = await call("POST", "/api/admin/campaigns", organizer, testCampaign({ slug: "second-2024" }));
    expect(again.status).toBe(200);
    const broken = testCampaign({ slug: "third-2024" });
    (broken.lists[0]!.entries[0] as { slug: string }).slug = "Not OK";
    const bad = await call("POST", "/api/admin/campaigns", organizer, broken);
    expect(bad.status).toBe(422);
    expect(bad.body.problems).toEqual(expect.arrayContaining([expect.objectContaining({ path: "lists.0.entries.0.slug" })]));
    expect((await server.json("/api/campaigns")).body.campaigns.map((c: { slug: string }) => c.slug)).toEqual(["test-2024", "second-2024"]);
  });

  it("refuses (409) a new definition that would orphan votes, and keeps the old one", async () => {
    const next = testCampaign();
    next.lists[0]!.entries = next.lists[0]!.entries.slice(2);
    const res = await call("POST", "/api/admin/campaigns", organizer, next);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("conflict");
    expect(entryIds(server, "test-2024", "ranked")).toHaveLength(5);
  });

  it("keeps entry ids and votes across a re-import that renames an entry", async () => {
    const [a] = entryIds(server, "test-2024", "ranked");
    const next = testCampaign();
    next.lists[0]!.entries[0]!.name = { zh: "甲示例科技股份有限公司" };
    expect((await call("POST", "/api/admin/campaigns", organizer, next)).status).toBe(200);
    const entry = await server.json(`/api/entries/${a}`);
    expect(entry.body).toMatchObject({ id: a, name: "甲示例科技股份有限公司" });
    expect(entry.body.votes).toBeGreaterThan(0);
  });

  it("writes every admin call to the audit log", async () => {
    const audit = await call("GET", "/api/admin/audit", auditor);
    const actions = audit.body.audit.map((r: { action: string }) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["voting.close", "voting.open", "voting.window", "campaign.create", "campaign.replace", "read"]));
    expect(audit.body.audit.find((r: { action: string }) => r.action === "voting.close").actor).toBe("organizer:organizer");
  });
});

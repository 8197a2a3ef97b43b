import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminCall } from "../../helpers/admin.ts";
import { adminToken, seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, testCampaign, type TestServer } from "../../helpers/server.ts";

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

describe("the audit log traces refused calls too", () => {
  it("records 401s (anonymous), 403s and failed writes with method, path and status", async () => {
    const admin = adminCall(server, organizer);
    const auditor = adminCall(server, await adminToken(server, "auditor", "审计员"));
    expect((await adminCall(server, "bd_nope")("GET", "/api/admin/anomalies?campaign=test-2024")).status).toBe(401);
    expect((await auditor("POST", "/api/admin/campaigns/test-2024/lists/ranked/close")).status).toBe(403);
    expect((await admin("POST", "/api/admin/votes/void", { filter: { campaign: "test-2024" }, reason: "太宽" })).status).toBe(400);
    const audit = (await auditor("GET", "/api/admin/audit?limit=10")).body.audit;
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actor: "anonymous", action: "denied", target: "/api/admin/anomalies", details: { method: "GET", status: 401, query: { campaign: "test-2024" } } }),
        expect.objectContaining({ actor: "auditor:审计员", action: "denied", target: "/api/admin/campaigns/test-2024/lists/ranked/close", details: { method: "POST", status: 403 } }),
        expect.objectContaining({ actor: "organizer:organizer", action: "refused", target: "/api/admin/votes/void", details: { method: "POST", status: 400 } }),
      ]),
    );
    // nothing of the token itself is kept
    expect(JSON.stringify(audit)).not.toContain("bd_nope");
  });
});

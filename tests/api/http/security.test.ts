/**
 * The HTTP plumbing every answer goes through: 404 and 405 in the error shape (405 naming the
 * methods), the admin guard before either, security headers by kind of path, a request id on every
 * answer, and one access-log line per request without the query string.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminToken, seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, testCampaign, type TestServer } from "../../helpers/server.ts";

const clock = new ManualClock(Date.parse("2024-10-10T12:00:00+08:00"));
let server: TestServer;
let organizer: string;

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false });
  await seedCampaign(server, testCampaign());
  organizer = await adminToken(server, "organizer");
});
afterAll(async () => server?.close());

describe("unknown paths and wrong methods", () => {
  it("a known path with a wrong method is 405 with Allow, in Chinese by default and English on request", async () => {
    const zh = await server.json("/api/votes", { method: "PUT" });
    expect(zh.status).toBe(405);
    expect(zh.headers.get("allow")).toBe("POST");
    expect(zh.body).toEqual({ error: { code: "method_not_allowed", message: "不支持该请求方法" } });
    const en = await server.json("/api/campaigns/test-2024/lists/ranked/leaderboard", { method: "DELETE", headers: { "accept-language": "en" } });
    expect(en.status).toBe(405);
    expect(en.headers.get("allow")).toBe("GET, HEAD");
    expect(en.body).toEqual({ error: { code: "method_not_allowed", message: "Method not allowed" } });
  });

  it("an unknown API path is 404 not_found for every method", async () => {
    for (const method of ["GET", "POST", "DELETE"]) {
      const res = await server.json("/api/no-such-thing", { method });
      expect(res.status, method).toBe(404);
      expect(res.headers.get("allow")).toBeNull();
      expect(res.body).toEqual({ error: { code: "not_found", message: "没有这个接口" } });
    }
    expect((await server.json("/api/nope", { headers: { "accept-language": "en" } })).body.error.message).toBe("No such endpoint");
  });

  it("the admin guard answers first: 401 without a token for unknown paths and wrong methods alike", async () => {
    for (const [method, path] of [
      ["GET", "/api/admin/no-such-thing"],
      ["DELETE", "/api/admin/audit"],
      ["GET", "/api/admin/campaigns/test-2024/lists/ranked/close"],
    ] as const) {
      const res = await server.json(path, { method });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.headers.get("allow"), `${method} ${path}`).toBeNull();
      expect(res.body.error.code).toBe("unauthorized");
    }
  });

  it("signed in, the admin API answers 405 with Allow and 404 for unknown paths, and audits the 405", async () => {
    const auth = { authorization: `Bearer ${organizer}` };
    const wrong = await server.json("/api/admin/campaigns/test-2024/lists/ranked/close", { headers: auth });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("POST");
    expect(wrong.body.error.code).toBe("method_not_allowed");
    const missing = await server.json("/api/admin/no-such-thing", { headers: auth });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("not_found");
    const audit = (await server.json("/api/admin/audit", { headers: auth })).body.audit as { target: string; details: { status: number } }[];
    expect(audit.find((a) => a.target === "/api/admin/campaigns/test-2024/lists/ranked/close")?.details.status).toBe(405);
  });
});

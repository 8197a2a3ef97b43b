/**
 * `GET /api/admin/me`: who signed in, so the console offers a read-only (auditor's) token no write
 * the API would refuse. Refused to scorers and without a valid token, as every organizer route.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminCall } from "../../helpers/admin.ts";
import { adminSecurityCases } from "../../helpers/admin-security.ts";
import { EXPERT, expertCampaign, scorerCall, scorerToken } from "../../helpers/scoring.ts";
import { adminToken } from "../../helpers/seed.ts";
import { startTestServer, type TestServer } from "../../helpers/server.ts";

let server: TestServer;
let organizer: ReturnType<typeof adminCall>;
let auditor: ReturnType<typeof adminCall>;

beforeAll(async () => {
  server = await startTestServer({ seedDemo: false });
  organizer = adminCall(server, await adminToken(server, "organizer", "主办方甲"));
  auditor = adminCall(server, await adminToken(server, "auditor", "审计乙"));
});
afterAll(async () => server?.close());

describe("GET /api/admin/me", () => {
  it("tells an organizer and an auditor their own name and role, and nothing else", async () => {
    const mine = await organizer("GET", "/api/admin/me");
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual({ name: "主办方甲", role: "organizer" });
    expect(mine.headers.get("cache-control")).toBe("no-store");
    const theirs = await auditor("GET", "/api/admin/me");
    expect(theirs.status).toBe(200);
    expect(theirs.body).toEqual({ name: "审计乙", role: "auditor" });
  });

  it("refuses a scorer's token, as every organizer route does", async () => {
    expect((await organizer("POST", "/api/admin/campaigns", expertCampaign())).status).toBe(201);
    const scorer = scorerCall(server, await scorerToken(server, "专家丙", { campaign: EXPERT }));
    const res = await scorer("GET", "/api/admin/me");
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("forbidden");
  });

  adminSecurityCases({ server: () => server, routes: [{ method: "GET", path: "/api/admin/me" }] });
});

/** Tokens are organizers' business: 401 without a valid token, 403 for an auditor (reads too), nothing changed. */
import { afterAll, beforeAll, describe, expect } from "vitest";
import { adminSecurityCases } from "../../helpers/admin-security.ts";
import { adminToken } from "../../helpers/seed.ts";
import { startTestServer, type TestServer } from "../../helpers/server.ts";
import { adminCall } from "../../helpers/admin.ts";

let server: TestServer;
let organizer: ReturnType<typeof adminCall>;

beforeAll(async () => {
  server = await startTestServer({ seedDemo: false });
  organizer = adminCall(server, await adminToken(server, "organizer", "主办方"));
  await adminToken(server, "organizer", "第二主办方");
});
afterAll(async () => server?.close());

describe("token routes", () => {
  adminSecurityCases({
    server: () => server,
    routes: [
      { method: "GET", path: "/api/admin/tokens", organizerOnly: true },
      { method: "POST", path: "/api/admin/tokens", body: { name: "入侵者", role: "organizer" } },
      { method: "DELETE", path: `/api/admin/tokens/${encodeURIComponent("第二主办方")}` },
    ],
    unchanged: async () => {
      const names = (await organizer("GET", "/api/admin/tokens")).body.tokens.map((t: { name: string }) => t.name);
      expect(names).not.toContain("入侵者");
      expect(names).toContain("第二主办方");
    },
  });
});

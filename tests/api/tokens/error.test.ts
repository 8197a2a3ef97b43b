/**
 * Token requests that cannot be done: a duplicate name (409 naming it), bad names and roles, the
 * scorer-only fields (400), an unknown name (404), the last organizer token (409); each leaves
 * the tokens as they were.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminCall } from "../../helpers/admin.ts";
import { adminToken } from "../../helpers/seed.ts";
import { startTestServer, type TestServer } from "../../helpers/server.ts";

let server: TestServer;
let organizer: ReturnType<typeof adminCall>;
const tokens = async () =>
  (await organizer("GET", "/api/admin/tokens")).body.tokens.map((t: { name: string; role: string }) => [t.name, t.role]);

beforeAll(async () => {
  server = await startTestServer({ seedDemo: false });
  organizer = adminCall(server, await adminToken(server, "organizer", "主办方"));
  await adminToken(server, "auditor", "审计");
});
afterAll(async () => server?.close());

describe("refused token requests change nothing", () => {
  it("a duplicate name is a 409 naming it, whatever the role", async () => {
    for (const role of ["organizer", "auditor"]) {
      const res = await organizer("POST", "/api/admin/tokens", { name: " 审计 ", role });
      expect(res.status).toBe(409);
      expect(res.body.error).toEqual({ code: "conflict", message: expect.stringContaining("审计") });
    }
    expect(await tokens()).toEqual([
      ["主办方", "organizer"],
      ["审计", "auditor"],
    ]);
  });

  it("bad bodies are 400 with the field named", async () => {
    const cases: [unknown, RegExp][] = [
      [{ name: "", role: "auditor" }, /name/],
      [{ name: "   ", role: "auditor" }, /name/],
      [{ name: "x".repeat(41), role: "auditor" }, /name/],
      [{ name: "a/b", role: "auditor" }, /name/],
      [{ name: "tab\there", role: "auditor" }, /name/],
      [{ name: "ok", role: "scorer" }, /campaign/],
      [{ name: "ok", role: "scorer", campaign: "no-such" }, /campaign/],
      [{ name: "ok", role: "admin" }, /role/],
      [{ name: "ok" }, /role/],
      [{ role: "auditor" }, /name/],
      [{ name: "ok", role: "auditor", extra: 1 }, /extra|body/],
      [{ name: "ok", role: "auditor", campaign: "test-2024" }, /scorer/],
      [{ name: "ok", role: "organizer", lists: ["a"] }, /scorer/],
      [{ name: "ok", role: "auditor", recuse: ["x"] }, /scorer/],
      [[], /body/],
      ["ok", /body/],
    ];
    for (const [body, field] of cases) {
      const res = await organizer("POST", "/api/admin/tokens", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("invalid_request");
      expect(res.body.error.message, JSON.stringify(body)).toMatch(field);
    }
    const notJson = await organizer("POST", "/api/admin/tokens", undefined, { "content-type": "application/json" });
    expect(notJson.status).toBe(400);
    expect(await tokens()).toEqual([
      ["主办方", "organizer"],
      ["审计", "auditor"],
    ]);
  });

  it("revoking an unknown name is 404", async () => {
    const res = await organizer("DELETE", "/api/admin/tokens/nobody");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
  });

  it("the last organizer token cannot be revoked (409 saying why); with a second one it can", async () => {
    const res = await organizer("DELETE", `/api/admin/tokens/${encodeURIComponent("主办方")}`);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/最后一个主办方令牌/);
    expect((await organizer("GET", "/api/admin/campaigns")).status).toBe(200);
    const second = (await organizer("POST", "/api/admin/tokens", { name: "备用", role: "organizer" })).body.token as string;
    // revoking one's own token is allowed while another organizer remains
    expect((await organizer("DELETE", `/api/admin/tokens/${encodeURIComponent("主办方")}`)).status).toBe(204);
    expect((await organizer("GET", "/api/admin/campaigns")).status).toBe(401);
    const backup = adminCall(server, second);
    expect((await backup("DELETE", `/api/admin/tokens/${encodeURIComponent("备用")}`)).status).toBe(409);
    expect((await backup("GET", "/api/admin/tokens")).body.tokens.map((t: { name: string }) => t.name)).toEqual(["审计", "备用"]);
  });
});

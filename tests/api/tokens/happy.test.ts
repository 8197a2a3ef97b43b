/**
 * Tokens from the console: an organizer lists, creates and revokes them; the token is in the
 * creation's answer only, works at once, and is refused at once once revoked; `lastUsedAt` follows
 * use to the minute; every change is in the audit log as a write.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenHash } from "../../../api/secrets.ts";
import { adminCall } from "../../helpers/admin.ts";
import { adminToken } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, type TestServer } from "../../helpers/server.ts";

const clock = new ManualClock(Date.parse("2026-12-01T09:00:00Z"));
let server: TestServer;
let organizer: ReturnType<typeof adminCall>;

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false });
  organizer = adminCall(server, await adminToken(server, "organizer", "主办方"));
});
afterAll(async () => server?.close());

describe("tokens", () => {
  it("lists the active tokens with name, role and times, never a token or hash", async () => {
    await adminToken(server, "auditor", "审计一");
    const res = await organizer("GET", "/api/admin/tokens");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      tokens: [
        { name: "主办方", role: "organizer", createdAt: expect.any(String), lastUsedAt: "2026-12-01T09:00:00.000Z" },
        { name: "审计一", role: "auditor", createdAt: expect.any(String), lastUsedAt: null },
      ],
    });
  });

  it("creates a token shown once, which works at once; its hash alone is kept", async () => {
    const res = await organizer("POST", "/api/admin/tokens", { name: "  编辑部  ", role: "auditor" });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ name: "编辑部", role: "auditor", token: expect.stringMatching(/^bd_[A-Za-z0-9_-]{20,}$/) });
    const token = res.body.token as string;
    const editor = adminCall(server, token);
    expect((await editor("GET", "/api/admin/campaigns")).status).toBe(200);
    // an auditor: reads yes, writes and tokens no
    expect((await editor("GET", "/api/admin/tokens")).status).toBe(403);
    const listed = (await organizer("GET", "/api/admin/tokens")).body.tokens;
    expect(listed.find((t: { name: string }) => t.name === "编辑部")).toEqual({
      name: "编辑部",
      role: "auditor",
      createdAt: new Date(clock.now()).toISOString(),
      lastUsedAt: new Date(clock.now()).toISOString(),
    });
    const everything = JSON.stringify([listed, (await organizer("GET", "/api/admin/audit?kind=all&limit=1000")).body]);
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(tokenHash(token));
  });

  it("keeps lastUsedAt to the minute, without a write per call", async () => {
    const created = (await organizer("POST", "/api/admin/tokens", { name: "script", role: "organizer" })).body.token as string;
    const script = adminCall(server, created);
    const lastUsed = async () =>
      (await organizer("GET", "/api/admin/tokens")).body.tokens.find((t: { name: string }) => t.name === "script").lastUsedAt;
    const start = clock.now();
    await script("GET", "/api/admin/campaigns");
    expect(await lastUsed()).toBe(new Date(start).toISOString());
    clock.advance(59_000);
    await script("GET", "/api/admin/campaigns");
    expect(await lastUsed(), "within the minute: not written again").toBe(new Date(start).toISOString());
    clock.advance(1_000);
    await script("GET", "/api/admin/campaigns");
    expect(await lastUsed()).toBe(new Date(start + 60_000).toISOString());
  });

  it("revokes a token by name: 204, refused with 401 at once, gone from the list, the name free again", async () => {
    const token = (await organizer("POST", "/api/admin/tokens", { name: "临时", role: "organizer" })).body.token as string;
    const temp = adminCall(server, token);
    expect((await temp("GET", "/api/admin/campaigns")).status).toBe(200);
    const res = await organizer("DELETE", `/api/admin/tokens/${encodeURIComponent("临时")}`);
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
    expect((await temp("GET", "/api/admin/campaigns")).status).toBe(401);
    const names = (await organizer("GET", "/api/admin/tokens")).body.tokens.map((t: { name: string }) => t.name);
    expect(names).not.toContain("临时");
    expect((await organizer("POST", "/api/admin/tokens", { name: "临时", role: "auditor" })).status).toBe(201);
  });

  it("audits creation and revocation as writes, with who did it", async () => {
    const writes = (await organizer("GET", "/api/admin/audit")).body.audit as {
      action: string;
      target: string;
      actor: string;
      role: string;
    }[];
    const tokenWrites = writes.filter((r) => r.action.startsWith("token."));
    expect(tokenWrites.map((r) => [r.action, r.target])).toEqual([
      ["token.create", "临时"],
      ["token.revoke", "临时"],
      ["token.create", "临时"],
      ["token.create", "script"],
      ["token.create", "编辑部"],
    ]);
    for (const r of tokenWrites) expect([r.actor, r.role]).toEqual(["organizer:主办方", "organizer"]);
  });
});

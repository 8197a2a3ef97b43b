/**
 * The audit log as the console reads it: organizers' writes by default, reads and refusals on
 * request, each record with who (actor and role), what, on what and the status; pages by id.
 * Calls without a valid token never appear: they are counts in /refusals.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminCall } from "../../helpers/admin.ts";
import { adminToken, seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, testCampaign, type TestServer } from "../../helpers/server.ts";

const clock = new ManualClock(Date.parse("2024-10-10T12:00:00+08:00"));
let server: TestServer;
let organizer: ReturnType<typeof adminCall>;
type Row = { id: number; at: string; actor: string; role: string; action: string; target: string | null; status: number | null };

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false });
  await seedCampaign(server, testCampaign());
  organizer = adminCall(server, await adminToken(server, "organizer", "主办方"));
  const auditor = adminCall(server, await adminToken(server, "auditor", "审计"));
  expect((await organizer("GET", "/api/admin/campaigns")).status).toBe(200);
  expect((await organizer("POST", "/api/admin/campaigns/test-2024/lists/ranked/close")).status).toBe(200);
  expect((await auditor("POST", "/api/admin/campaigns/test-2024/lists/ranked/open")).status).toBe(403);
  expect((await organizer("POST", "/api/admin/votes/void", { filter: { campaign: "test-2024" }, reason: "太宽" })).status).toBe(400);
  expect((await adminCall(server, "bd_nobody")("GET", "/api/admin/campaigns")).status).toBe(401);
  expect((await organizer("POST", "/api/admin/campaigns/test-2024/lists/ranked/open")).status).toBe(200);
});
afterAll(async () => server?.close());

const audit = async (query = "") => {
  const res = await organizer("GET", `/api/admin/audit${query}`);
  expect(res.status, query).toBe(200);
  return res.body.audit as Row[];
};

describe("GET /api/admin/audit", () => {
  it("shows organizers' writes by default, newest first, with actor, role, action, target and status", async () => {
    const rows = await audit();
    expect(rows).toEqual(await audit("?kind=writes"));
    expect(rows.map((r) => [r.action, r.target, r.actor, r.role])).toEqual([
      ["voting.open", "test-2024/ranked", "organizer:主办方", "organizer"],
      ["voting.close", "test-2024/ranked", "organizer:主办方", "organizer"],
      ["campaign.create", "test-2024", expect.any(String), expect.any(String)],
    ]);
    for (const r of rows) {
      expect(Object.keys(r)).toEqual(expect.arrayContaining(["id", "at", "actor", "role", "action", "target", "status"]));
      expect(r.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
    expect(rows[0]!.id).toBeGreaterThan(rows[1]!.id);
  });

  it("reads and refusals on request, with their HTTP status; all holds every kind; no anonymous row", async () => {
    const reads = await audit("?kind=reads");
    expect(reads.every((r) => r.action === "read")).toBe(true);
    expect(reads.find((r) => r.target === "/api/admin/campaigns")).toMatchObject({ actor: "organizer:主办方", status: 200 });
    const refusals = await audit("?kind=refusals");
    expect(refusals.map((r) => [r.action, r.actor, r.role, r.target, r.status])).toEqual([
      ["refused", "organizer:主办方", "organizer", "/api/admin/votes/void", 400],
      ["denied", "auditor:审计", "auditor", "/api/admin/campaigns/test-2024/lists/ranked/open", 403],
    ]);
    const all = await audit("?kind=all&limit=1000");
    const ids = (rows: Row[]) => rows.map((r) => r.id);
    expect(ids(all)).toEqual(expect.arrayContaining([...ids(await audit()), ...ids(reads), ...ids(refusals)]));
    expect(ids(all)).toEqual([...ids(all)].sort((a, b) => b - a));
    expect(all.filter((r) => r.actor === "anonymous" || r.status === 401)).toEqual([]);
  });

  it("pages with limit and before", async () => {
    // writes only: reading the log adds reads between the pages
    const all = await audit("?kind=writes");
    expect(all).toHaveLength(3);
    const first = await audit("?limit=2");
    expect(first).toEqual(all.slice(0, 2));
    expect(await audit(`?limit=2&before=${first[1]!.id}`)).toEqual(all.slice(2));
    expect(await audit(`?kind=writes&before=${all.at(-1)!.id}`)).toEqual([]);
  });

  it("refuses a bad kind, limit or before with 400, and writes nothing", async () => {
    const before = (await audit()).length;
    for (const q of [
      "kind=everything",
      "kind=",
      "limit=0",
      "limit=1001",
      "limit=ten",
      "limit=-5",
      "before=0",
      "before=abc",
      "before=1.5",
    ]) {
      const res = await organizer("GET", `/api/admin/audit?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code, q).toBe("invalid_request");
      expect(res.body.error.message, q).toMatch(/kind|limit|before/);
    }
    expect((await audit()).length).toBe(before);
  });
});

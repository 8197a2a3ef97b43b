/**
 * Who may revoke: organizers only. Without a valid token 401, an auditor 403, and neither leaves
 * a revocation; the organizer's refused calls are audited; the route answers no other method.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminCall } from "../../helpers/admin.ts";
import { adminSecurityCases } from "../../helpers/admin-security.ts";
import { publish } from "../../helpers/publicity.ts";
import { revocationCampaign } from "../../helpers/revocations.ts";
import { adminToken, seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, type TestServer } from "../../helpers/server.ts";

const C = "test-2024";
const PATH = `/api/admin/campaigns/${C}/revocations`;
const BODY = { entry: "unranked/u1", date: "2024-11-28", reason: "成效评估不合格" };
const clock = new ManualClock(Date.parse("2024-12-02T10:00:00+08:00"));
let server: TestServer;
let organizer: ReturnType<typeof adminCall>;

const u1 = () => server.deps.catalog.current.list(C, "unranked")!.entries.find((e) => e.slug === "u1")!.id;

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false });
  await seedCampaign(server, revocationCampaign());
  const token = await adminToken(server, "organizer", "主办方");
  organizer = adminCall(server, token);
  expect((await publish(server, token, C, { kind: "final", list: "unranked", startsAt: "2024-11-20T09:00:00+08:00" })).status).toBe(201);
});
afterAll(async () => server?.close());

describe("POST …/revocations is for organizers", () => {
  adminSecurityCases({
    server: () => server,
    routes: [{ method: "POST", path: PATH, body: BODY }],
    unchanged: async () => {
      expect((await server.json(`/api/entries/${u1()}`)).body).not.toHaveProperty("revocation");
      const audit = (await organizer("GET", "/api/admin/audit?kind=all&limit=500")).body.audit;
      expect(audit.filter((r: { action: string }) => r.action === "revocation.create")).toEqual([]);
    },
  });

  it("no other method on the path but the list (GET): 405 for a signed-in caller", async () => {
    for (const method of ["PUT", "DELETE", "PATCH"]) {
      const res = await organizer(method, PATH, BODY);
      expect(res.status, method).toBe(405);
    }
    expect((await organizer("GET", PATH)).body).toEqual({ revocations: [] });
    expect((await server.json(`/api/entries/${u1()}`)).body).not.toHaveProperty("revocation");
  });

  it("an organizer's refused call is audited as refused, with its status", async () => {
    expect((await organizer("POST", PATH, { ...BODY, entry: "ranked/e1" })).status).toBe(409);
    const audit = (await organizer("GET", "/api/admin/audit?kind=all&limit=20")).body.audit;
    expect(audit).toContainEqual(
      expect.objectContaining({ actor: "organizer:主办方", action: "refused", target: PATH, details: { method: "POST", status: 409 } }),
    );
  });

  it("the organizer's revocation goes through, after all the refusals", async () => {
    const res = await organizer("POST", PATH, BODY);
    expect(res.status).toBe(201);
    expect(res.body.revocation.createdBy).toBe("organizer:主办方");
  });
});

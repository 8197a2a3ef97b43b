/** Bad publishes and bad objections: a clear error in the contract's shape, and nothing changes. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admin, object, publish } from "../../helpers/publicity.ts";
import { adminToken, entryIds, seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, testCampaign, type TestServer } from "../../helpers/server.ts";

const clock = new ManualClock(Date.parse("2024-11-04T10:00:00+08:00"));
let server: TestServer;
let organizer: string;
let publicationId: number;
let inside: number;

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false });
  await seedCampaign(server, testCampaign());
  organizer = await adminToken(server, "organizer");
  const res = await publish(server, organizer, "test-2024", { kind: "preliminary", list: "ranked" });
  expect(res.status).toBe(201);
  publicationId = res.body.id;
  inside = entryIds(server, "test-2024", "ranked")[0]!;
});
afterAll(async () => server?.close());

async function counts() {
  const objections = await admin(server, organizer, "GET", "/api/admin/objections?campaign=test-2024");
  const publications = await server.json("/api/campaigns/test-2024/publications");
  return { objections: objections.body.objections.length, publications: publications.body.publications.length };
}

describe("POST /api/admin/campaigns/{c}/publications refuses", () => {
  it.each([
    [{ kind: "draft" }, 400, "invalid_request"],
    [{}, 400, "invalid_request"],
    [{ kind: "preliminary", workingDays: 0 }, 400, "invalid_request"],
    [{ kind: "preliminary", workingDays: 2.5 }, 400, "invalid_request"],
    [{ kind: "preliminary", startsAt: "2024-11-05 09:00" }, 400, "invalid_request"],
    [{ kind: "preliminary", startsAt: "2024-11-05T09:00:00+08:00", endsAt: "2024-11-05T08:00:00+08:00" }, 400, "invalid_request"],
    [{ kind: "preliminary", list: "nope" }, 404, "not_found"],
    [{ kind: "preliminary", list: "ranked", extra: 1 }, 400, "invalid_request"],
    // the preliminary period is still open
    [{ kind: "final", list: "ranked" }, 409, "conflict"],
  ])("%j with %i %s", async (body, status, code) => {
    const before = await counts();
    const res = await publish(server, organizer, "test-2024", body);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(typeof res.body.error.message).toBe("string");
    expect(await counts()).toEqual(before);
  });

  it("a final list excluding an entry it does not have, once the period is over", async () => {
    clock.set("2024-11-09T00:00:00+08:00");
    try {
      const before = await counts();
      const res = await publish(server, organizer, "test-2024", { kind: "final", list: "ranked", exclude: ["not-an-entry"] });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain("not-an-entry");
      expect(await counts()).toEqual(before);
    } finally {
      clock.set("2024-11-04T10:00:00+08:00");
    }
  });

  it("an unknown campaign with 404, a non-JSON body with 415, and speaks English when asked", async () => {
    expect((await publish(server, organizer, "nope-2024", { kind: "preliminary" })).status).toBe(404);
    const raw = await server.json("/api/admin/campaigns/test-2024/publications", {
      method: "POST",
      headers: { authorization: `Bearer ${organizer}`, "content-type": "text/plain", "accept-language": "en" },
      body: "kind=final",
    });
    expect(raw.status).toBe(415);
    expect(raw.body.error).toEqual({ code: "unsupported_media_type", message: "Send JSON (Content-Type: application/json)" });
  });
});

describe("POST /api/objections refuses", () => {
  const good = () => ({ publicationId, entryId: inside });

  it.each([
    ["no name", { name: "" }, 400, "invalid_request"],
    ["a blank name", { name: "   " }, 400, "invalid_request"],
    ["no contact", { contact: undefined }, 400, "invalid_request"],
    ["a reason too long", { reason: "理".repeat(2001) }, 400, "invalid_request"],
    ["a control character", { name: "王\u0007明" }, 400, "invalid_request"],
    ["an unknown field", { phone: "1" }, 400, "invalid_request"],
    ["a bad publication id", { publicationId: "abc" }, 400, "invalid_request"],
    ["an unknown publication", { publicationId: 99999 }, 404, "not_found"],
    ["an entry outside the publication", { entryId: "__unranked__" }, 404, "not_found"],
    ["a bad bot token", { token: "not-the-test-token" }, 403, "bot_check_failed"],
    ["no bot token", { token: "" }, 400, "invalid_request"],
  ])("%s", async (_what, patch, status, code) => {
    const before = await counts();
    const body: Record<string, unknown> = { ...good(), ...patch };
    if (body.entryId === "__unranked__") body.entryId = entryIds(server, "test-2024", "unranked")[0];
    const res = await object(server, body);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(await counts()).toEqual(before);
  });

  it("a body that is not JSON, too large, or malformed", async () => {
    const post = (body: string, type = "application/json") =>
      server.json("/api/objections", { method: "POST", headers: { "content-type": type }, body });
    expect((await post("name=x", "application/x-www-form-urlencoded")).status).toBe(415);
    expect((await post("{not json")).status).toBe(400);
    expect((await post(JSON.stringify({ reason: "x".repeat(40_000) }))).status).toBe(413);
    expect((await post("[]")).status).toBe(400);
  });
});

describe("resolving objections refuses", () => {
  it("an unknown objection and a bad resolution", async () => {
    const missing = await admin(server, organizer, "POST", "/api/admin/objections/424242/resolve", { resolution: "upheld", note: "x" });
    expect(missing.status).toBe(404);
    const receipt = await object(server, { publicationId, entryId: inside });
    expect(receipt.status).toBe(201);
    const { body } = await admin(server, organizer, "GET", "/api/admin/objections?campaign=test-2024");
    const id = body.objections[0].id;
    for (const bad of [{ resolution: "maybe", note: "x" }, { resolution: "upheld" }, { resolution: "rejected", note: "" }]) {
      const res = await admin(server, organizer, "POST", `/api/admin/objections/${id}/resolve`, bad);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("invalid_request");
    }
    const after = await admin(server, organizer, "GET", "/api/admin/objections?campaign=test-2024");
    expect(after.body.objections[0].status).toBe("pending");
  });

  it("an unknown publication id on the public read", async () => {
    for (const path of ["/api/publications/0", "/api/publications/abc", "/api/publications/99999", "/api/campaigns/nope/publications"]) {
      const res = await server.json(path);
      expect(res.status, path).toBe(404);
      expect(res.body.error.code).toBe("not_found");
    }
  });
});

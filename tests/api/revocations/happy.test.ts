/**
 * 摘牌 over the real server: an organizer revokes a designated entry; the final publication stays
 * byte for byte as published (its sha256 unchanged), and the entry's public JSON, its leaderboard
 * row and the audit log carry the revocation.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publish, sha256 } from "../../helpers/publicity.ts";
import { revocationCampaign, revoke, servedSnapshotText } from "../../helpers/revocations.ts";
import { adminToken, seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, type TestServer } from "../../helpers/server.ts";

const C = "test-2024";
const clock = new ManualClock(Date.parse("2024-12-02T10:00:00+08:00"));
let server: TestServer;
let organizer: string;
let finalId: number;
let finalSha: string;
let before: string;

const entryId = (list: string, slug: string) => server.deps.catalog.current.list(C, list)!.entries.find((e) => e.slug === slug)!.id;

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false });
  await seedCampaign(server, revocationCampaign());
  organizer = await adminToken(server, "organizer");
  const final = await publish(server, organizer, C, { kind: "final", list: "unranked", startsAt: "2024-11-20T09:00:00+08:00" });
  expect(final.status).toBe(201);
  finalId = final.body.id;
  finalSha = final.body.sha256;
  before = await servedSnapshotText(server, finalId);
});
afterAll(async () => server?.close());

describe("POST /api/admin/campaigns/{c}/revocations", () => {
  it("201 with the revocation, the reason trimmed, for list/slug", async () => {
    const res = await revoke(server, organizer, C, {
      entry: "unranked/u1",
      date: "2024-11-28",
      reason: "  成效评估不合格，取消认定命名并予以摘牌。 ",
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      revocation: {
        id: expect.any(Number),
        campaign: C,
        list: "unranked",
        entry: "u1",
        entryId: entryId("unranked", "u1"),
        date: "2024-11-28",
        reason: "成效评估不合格，取消认定命名并予以摘牌。",
        createdAt: "2024-12-02T10:00:00+08:00",
        createdBy: "organizer:organizer",
      },
    });
  });

  it("a bare slug names the entry when no other list uses it", async () => {
    const res = await revoke(server, organizer, C, { entry: "u2", date: "2024-12-02", reason: "存在严重失信行为" });
    expect(res.status).toBe(201);
    expect(res.body.revocation).toMatchObject({ list: "unranked", entry: "u2", date: "2024-12-02" });
  });

  it("leaves the final publication byte for byte as published: the same text, the same sha256", async () => {
    const after = await servedSnapshotText(server, finalId);
    expect(after).toBe(before);
    expect(sha256(after)).toBe(finalSha);
    const head = (await server.json(`/api/campaigns/${C}/publications`)).body.publications.find((p: { id: number }) => p.id === finalId);
    expect(head.sha256).toBe(finalSha);
    // the frozen entry carries no revocation: the publication is what was published
    expect(after).not.toContain("revocation");
    expect(after).not.toContain("摘牌");
  });

  it("the entry's public JSON gains revocation {date, reason}; others have no such key", async () => {
    const revoked = await server.json(`/api/entries/${entryId("unranked", "u1")}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revocation).toEqual({ date: "2024-11-28", reason: "成效评估不合格，取消认定命名并予以摘牌。" });
    const kept = await server.json(`/api/entries/${entryId("unranked", "u3")}`);
    expect(kept.status).toBe(200);
    expect(kept.body).not.toHaveProperty("revocation");
    // the same entry slug on another list is another entry
    expect((await server.json(`/api/entries/${entryId("later", "u1")}`)).body).not.toHaveProperty("revocation");
  });

  it("the list's leaderboard carries it too, and the unranked rule still holds", async () => {
    const board = (await server.json(`/api/campaigns/${C}/lists/unranked/leaderboard`)).body;
    const bySlug = Object.fromEntries(board.entries.map((e: { slug: string }) => [e.slug, e]));
    expect(bySlug.u1.revocation).toEqual({ date: "2024-11-28", reason: "成效评估不合格，取消认定命名并予以摘牌。" });
    expect(bySlug.u2.revocation).toEqual({ date: "2024-12-02", reason: "存在严重失信行为" });
    expect(bySlug.u3).not.toHaveProperty("revocation");
    for (const e of board.entries) for (const key of ["rank", "votes", "score"]) expect(e).not.toHaveProperty(key);
  });

  it("is in the audit log under the organizer's name, and moves the catalog version (the site rebuilds)", async () => {
    const audit = (
      await server.json("/api/admin/audit?kind=all&limit=20", { headers: { authorization: `Bearer ${organizer}` } })
    ).body.audit.filter((r: { action: string }) => r.action === "revocation.create");
    expect(audit.map((r: { target: string }) => r.target)).toEqual([`${C}/unranked/u2`, `${C}/unranked/u1`]);
    expect(audit[1]).toMatchObject({
      actor: "organizer:organizer",
      details: { entryId: entryId("unranked", "u1"), date: "2024-11-28", reason: "成效评估不合格，取消认定命名并予以摘牌。" },
    });
    const version = server.deps.catalog.current.version;
    await revoke(server, organizer, C, { entry: "unranked/u3", date: "2024-11-30", reason: "发生重大安全事故" });
    expect(server.deps.catalog.current.version).toBeGreaterThan(version);
  });
});

/**
 * Unauthenticated traffic is written as bounded counts, not a row per request: organizer calls
 * without a valid token (audited one by one before, with their whole query) and failed bot checks
 * (a `bot_failures` row each before) are counted per minute and reason, flushed through the writer,
 * and anonymous organizer calls are limited per address with a 429 in the contract's shape.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminRateRules } from "../../../api/domain/rate-policy.ts";
import { adminCall } from "../../helpers/admin.ts";
import { adminToken, entryIds, seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, testCampaign, Voter, type TestServer } from "../../helpers/server.ts";

const clock = new ManualClock(Date.parse("2024-10-10T12:00:30+08:00"));
let server: TestServer;
let organizer: ReturnType<typeof adminCall>;

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false, env: { TRUST_PROXY: "x-forwarded-for" } });
  await seedCampaign(server, testCampaign());
  organizer = adminCall(server, await adminToken(server, "organizer"));
});
afterAll(async () => server?.close());

const auditSize = async () => (await organizer("GET", "/api/admin/audit?kind=all&limit=1000")).body.audit.length as number;

describe("calls without a valid token", () => {
  it("300 calls with 2 KB queries write no audit row and no job each: one counted line, its sample cut to 200 characters", async () => {
    const audited = await auditSize();
    const jobs = server.deps.db.writer.stats.jobs;
    const query = "?q=" + "x".repeat(2048);
    const anonymous = adminCall(server, "bd_guess");
    for (let i = 0; i < 300; i++) expect((await anonymous("GET", `/api/admin/anomalies${query}`)).status).toBe(401);
    // nothing was queued on the writer for them: they wait in memory for the minute's flush
    expect(server.deps.db.writer.stats.jobs).toBe(jobs);
    // the organizer's audit read is itself one audit row; the 300 calls are none
    expect(await auditSize()).toBe(audited + 1);

    const { refusals } = (await organizer("GET", "/api/admin/refusals")).body;
    const minute = new Date(Math.floor(clock.now() / 60_000) * 60_000).toISOString();
    const lines = refusals.filter((r: { minute: string; reason: string }) => r.minute === minute && r.reason === "unauthorized");
    expect(lines).toEqual([{ minute, reason: "unauthorized", routeKind: "admin_read", count: 300, sample: expect.any(String) }]);
    expect(lines[0].sample).toHaveLength(200);
    expect(lines[0].sample.startsWith("GET /api/admin/anomalies?q=xxx")).toBe(true);
  });

  it("are limited per address: past the limit a 429 in the contract's shape, while other addresses and valid tokens go on", async () => {
    const from = (ip: string, token?: string) => (method: string, path: string) =>
      adminCall(server, token)(method, path, undefined, { "x-forwarded-for": ip });
    const scanner = from("198.51.100.7");
    const limit = adminRateRules.anonymousIp.limit;
    for (let i = 0; i < limit; i++) expect((await scanner("GET", "/api/admin/audit")).status).toBe(401);
    const refused = await scanner("POST", "/api/admin/campaigns");
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ error: { code: "rate_limited", message: expect.stringMatching(/\S/) } });
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);

    expect((await from("198.51.100.8")("GET", "/api/admin/audit")).status).toBe(401);
    const token = await adminToken(server, "organizer", "same-address");
    expect((await from("198.51.100.7", token)("GET", "/api/admin/audit")).status).toBe(200);

    const { refusals } = (await organizer("GET", "/api/admin/refusals")).body;
    expect(refusals).toContainEqual(expect.objectContaining({ reason: "rate_limited", routeKind: "admin_write", count: 1 }));
    // past the window the address is refused with 401 again, not 429
    clock.advance(2 * adminRateRules.anonymousIp.windowMs);
    expect((await scanner("GET", "/api/admin/audit")).status).toBe(401);
  });

  it("counts from earlier minutes are purged by purgeRefusalCounts, later ones kept", async () => {
    const { flushRefusals } = await import("../../../api/services/refusals.ts");
    const { purgeRefusalCounts, refusalCountsSince } = await import("../../../db/index.ts");
    await flushRefusals(server.deps);
    const rows = await refusalCountsSince(server.deps.db.read, 0);
    const cut = Math.max(...rows.map((r) => r.minute));
    const purged = await server.deps.db.writer.run((tx) => purgeRefusalCounts(tx, cut));
    expect(purged).toBe(rows.filter((r) => r.minute < cut).length);
    expect((await refusalCountsSince(server.deps.db.read, 0)).every((r) => r.minute >= cut)).toBe(true);
  });
});

describe("failed bot checks", () => {
  it("queue no writer job each: they are counted per minute and feed the anomaly review", async () => {
    const entry = entryIds(server, "test-2024", "ranked")[0]!;
    const jobs = server.deps.db.writer.stats.jobs;
    for (let i = 0; i < 30; i++) expect((await new Voter(server, `172.16.9.${i + 1}`).vote(entry, { token: "forged" })).status).toBe(403);
    expect(server.deps.db.writer.stats.jobs).toBe(jobs);
    const { refusals } = (await organizer("GET", "/api/admin/refusals")).body;
    const failed = refusals.filter((r: { reason: string }) => r.reason === "bot_check_failed");
    expect(failed.reduce((n: number, r: { count: number }) => n + r.count, 0)).toBe(30);
    expect(failed.every((r: { routeKind: string }) => r.routeKind === "vote")).toBe(true);
  });
});

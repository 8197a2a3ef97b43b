import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isoInZone } from "../../../api/domain/voting.ts";
import { recentAudit } from "../../../db/index.ts";
import { runCli } from "../../helpers/processes.ts";
import { entryIds, seedCampaign } from "../../helpers/seed.ts";
import { startTestServer, testCampaign, Voter, type TestServer } from "../../helpers/server.ts";

const DAY = 86_400_000;
let server: TestServer;
let entry: number;

beforeAll(async () => {
  server = await startTestServer({ seedDemo: false, env: { TRUST_PROXY: "x-forwarded-for" } });
  await seedCampaign(
    server,
    testCampaign({ opensAt: isoInZone(Date.now() - DAY, "Asia/Shanghai"), closesAt: isoInZone(Date.now() + DAY, "Asia/Shanghai") }),
  );
  entry = entryIds(server, "test-2024", "ranked")[2]!;
  for (let i = 0; i < 6; i++)
    expect(
      (await new Voter(server, "100.80.2.3").vote(entry, {}, { "user-agent": "Mozilla/5.0 (Android 14) MicroMessenger" })).status,
    ).toBe(201);
  for (let i = 0; i < 3; i++) expect((await new Voter(server, `203.0.113.${i}`).vote(entry)).status).toBe(201);
});
afterAll(async () => server?.close());

describe("fraud review from the CLI", () => {
  it("lists anomalies with their filters, voids by filter (dry run first), and the running server follows within seconds", async () => {
    const found = await runCli(server.env, ["anomalies", "test-2024"]);
    expect(found.code, found.stderr).toBe(0);
    expect(found.stdout).toMatch(/^device\tranked\t6 票/m);
    const filter = /--filter '(.+)'/.exec(found.stdout)![1]!;

    const dry = await runCli(server.env, ["void", "--filter", filter, "--reason", "同一设备多个身份", "--dry-run"]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain("将作废 6 票");
    const done = await runCli(server.env, ["void", "--filter", filter, "--reason", "同一设备多个身份"]);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain("已作废 6 票");

    await expect
      .poll(
        async () =>
          (await server.json("/api/campaigns/test-2024/lists/ranked/leaderboard")).body.entries.find((e: { id: number }) => e.id === entry),
        { timeout: 5000 },
      )
      .toMatchObject({ votes: 3, voided: 6 });
    const audit = (await recentAudit(server.deps.db.read, 100)).filter((r) => r.action.startsWith("votes.void")).reverse();
    expect(audit.map((r) => r.action)).toEqual(["votes.void.dry_run", "votes.void"]);
    expect(audit[1]!.actor).toMatch(/^cli:/);
  }, 120_000);

  it("refuses a bad filter or reason with a one-line reason and changes nothing", async () => {
    for (const args of [
      ["void", "--filter", "{nope", "--reason", "理由充分"],
      ["void", "--filter", '{"campaign":"test-2024"}', "--reason", "全部作废"],
      ["void", "--filter", '{"campaign":"test-2024","list":"ranked"}'],
      ["anomalies", "nope"],
    ]) {
      const r = await runCli(server.env, args);
      expect(r.code, args.join(" ")).not.toBe(0);
      expect(r.stderr.trim().split("\n").length).toBe(1);
    }
  }, 180_000);
});

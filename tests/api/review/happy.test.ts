import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminCall } from "../../helpers/admin.ts";
import { adminToken, entryIds, seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, testCampaign, Voter, type TestServer } from "../../helpers/server.ts";

const clock = new ManualClock(Date.parse("2024-10-10T12:00:00+08:00"));
let server: TestServer;
let admin: ReturnType<typeof adminCall>;
let auditor: ReturnType<typeof adminCall>;
let ranked: number[];
let unranked: number[];
const IPHONE = { "user-agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) MicroMessenger/8.0.50", "accept-language": "zh-CN" };

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false, env: { TRUST_PROXY: "x-forwarded-for" } });
  await seedCampaign(server, testCampaign());
  admin = adminCall(server, await adminToken(server, "organizer", "甲组织者"));
  auditor = adminCall(server, await adminToken(server, "auditor"));
  ranked = entryIds(server, "test-2024", "ranked");
  unranked = entryIds(server, "test-2024", "unranked");

  // Honest voters, each on their own network, over an afternoon.
  for (let i = 0; i < 20; i++) {
    clock.advance(90_000);
    const v = new Voter(server, `203.0.${i}.10`);
    expect((await v.vote(ranked[i % 5])).status).toBe(201);
    expect((await v.vote(unranked[i % 3])).status).toBe(201);
  }
  // 35 "voters" behind one /24 within three minutes, all for entry 2.
  for (let i = 0; i < 35; i++) {
    clock.advance(5_000);
    expect((await new Voter(server, `10.9.9.${i + 1}`).vote(ranked[1])).status).toBe(201);
  }
  // One phone clearing its cookie six times, an hour apart.
  for (let i = 0; i < 6; i++) {
    clock.advance(3_600_000);
    expect((await new Voter(server, "198.51.100.7").vote(ranked[3], {}, IPHONE)).status).toBe(201);
  }
});
afterAll(async () => server?.close());

const board = async (list: string) => {
  server.deps.leaderboards.invalidate();
  return (await server.json(`/api/campaigns/test-2024/lists/${list}/leaderboard`)).body;
};
const votesOf = (b: { entries: { id: number; votes: number }[] }, id: number) => b.entries.find((e) => e.id === id)!.votes;

describe("anomalies", () => {
  it("finds the IP-prefix cluster and the one-device cluster, each with a filter", async () => {
    const res = await auditor("GET", "/api/admin/anomalies?campaign=test-2024");
    expect(res.status).toBe(200);
    const kinds = res.body.anomalies.map((a: { kind: string; votes: number }) => `${a.kind}:${a.votes}`).sort();
    // the 35 share a /24 and also one browser fingerprint (same client, same prefix): two views of one cluster
    expect(kinds).toEqual(["device:35", "device:6", "ip_prefix:35"]);
    const prefix = res.body.anomalies.find((a: { kind: string }) => a.kind === "ip_prefix");
    expect(prefix).toMatchObject({
      campaign: "test-2024",
      list: "ranked",
      votes: 35,
      voters: 35,
      filter: { campaign: "test-2024", list: "ranked", ipPrefixHash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    const device = res.body.anomalies.find((a: { kind: string; votes: number }) => a.kind === "device" && a.votes === 6);
    expect(device).toMatchObject({ votes: 6, voters: 6, filter: { deviceHash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    // no raw address anywhere in the answer
    expect(JSON.stringify(res.body)).not.toMatch(/10\.9\.9|198\.51/);
  });
});

describe("voiding", () => {
  it("a dry run counts exactly the cluster's votes and changes nothing", async () => {
    const { anomalies } = (await admin("GET", "/api/admin/anomalies?campaign=test-2024")).body;
    const prefix = anomalies.find((a: { kind: string }) => a.kind === "ip_prefix");
    const before = await board("ranked");
    const dry = await admin("POST", "/api/admin/votes/void", { filter: prefix.filter, reason: "同一网段短时间大量投票", dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ voided: 35, dryRun: true, entries: [{ entryId: ranked[1], votes: 35 }] });
    expect(await board("ranked")).toMatchObject({ entries: before.entries });
  });

  it("voids what anomalies found: tallies, leaderboard and voided counts move at once; voiding again voids nothing", async () => {
    const { anomalies } = (await admin("GET", "/api/admin/anomalies?campaign=test-2024")).body;
    const before = await board("ranked");
    let total = 0;
    for (const a of anomalies) {
      const res = await admin("POST", "/api/admin/votes/void", { filter: a.filter, reason: `异常：${a.kind}` });
      expect(res.status).toBe(200);
      // clusters may overlap: a vote already voided is not voided twice
      expect(res.body.voided).toBeLessThanOrEqual(a.votes);
      total += res.body.voided;
    }
    expect(total).toBe(41);
    // this process's leaderboard, without waiting for its refresh
    const after = (await server.json("/api/campaigns/test-2024/lists/ranked/leaderboard")).body;
    expect(votesOf(after, ranked[1]!)).toBe(votesOf(before, ranked[1]!) - 35);
    expect(votesOf(after, ranked[3]!)).toBe(votesOf(before, ranked[3]!) - 6);
    expect(after.entries.find((e: { id: number }) => e.id === ranked[1]).voided).toBe(35);
    expect(after.entries.find((e: { id: number }) => e.id === ranked[0]).voided).toBe(0);
    expect(after.entries.reduce((s: number, e: { votes: number }) => s + e.votes, 0)).toBe(20);
    // ranked by valid votes only
    expect(after.entries[0].votes).toBe(4);

    const again = await admin("POST", "/api/admin/votes/void", { filter: anomalies[0].filter, reason: "再来一次" });
    expect(again.body.voided).toBe(0);
    expect((await admin("GET", "/api/admin/anomalies?campaign=test-2024")).body.anomalies).toEqual([]);
  });

  it("shows the voided count on ranked lists only (JSON, CSV, entry), never on unranked ones", async () => {
    const csv = await server
      .get("/api/campaigns/test-2024/lists/ranked/leaderboard.csv")
      .then(async (r) => Buffer.from(await r.arrayBuffer()).toString("utf8"));
    expect(csv.split("\r\n")[0]).toBe("\uFEFFrank,name,region,sector,votes,voided,id,slug");
    expect(csv).toContain(`,35,${ranked[1]},e2`);
    const entry = (await server.json(`/api/entries/${ranked[1]}`)).body;
    expect(entry).toMatchObject({ voided: 35 });
    const un = await board("unranked");
    expect(JSON.stringify(un)).not.toMatch(/"(voided|votes|rank|score)"/);
    const unCsv = await server.get("/api/campaigns/test-2024/lists/unranked/leaderboard.csv").then((r) => r.text());
    expect(unCsv).not.toMatch(/voided|votes/);
  });

  it("voids single votes by id and by voter, and the live counts in the admin overview follow", async () => {
    const v = new Voter(server, "192.0.2.44");
    const cast = await v.vote(ranked[4]);
    expect(cast.status).toBe(201);
    const overview = async () =>
      (await auditor("GET", "/api/admin/campaigns")).body.campaigns[0].lists.find((l: { slug: string }) => l.slug === "ranked");
    const before = await overview();
    const res = await admin("POST", "/api/admin/votes/void", {
      filter: { campaign: "test-2024", voteIds: [cast.body.vote.id] },
      reason: "投票人申请撤回",
    });
    expect(res.body.voided).toBe(1);
    const after = await overview();
    expect(after).toMatchObject({ votes: before.votes - 1, voided: before.voided + 1, voting: { state: "open" } });
  });

  it("writes every void and dry run to the audit log with actor, filter and reason", async () => {
    const audit = (await auditor("GET", "/api/admin/audit?kind=all&limit=1000")).body.audit;
    const voids = audit.filter((r: { action: string }) => r.action === "votes.void");
    expect(voids.length).toBeGreaterThanOrEqual(3);
    expect(voids[0]).toMatchObject({ actor: "organizer:甲组织者", target: "test-2024", details: { reason: "投票人申请撤回", count: 1 } });
    expect(audit.some((r: { action: string }) => r.action === "votes.void.dry_run")).toBe(true);
    const reads = audit.filter((r: { action: string; target: string }) => r.action === "read" && r.target === "/api/admin/anomalies");
    expect(reads[0]).toMatchObject({
      actor: expect.stringMatching(/^(organizer|auditor):/),
      details: { method: "GET", status: 200, query: { campaign: "test-2024" } },
    });
  });
});

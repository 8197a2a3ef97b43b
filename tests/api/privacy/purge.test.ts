/**
 * `purge` keeps the privacy notice's promises on time: what has outlived its purpose goes, what is
 * newer (or belongs to a campaign still running) stays, the chained ledger is untouched and still
 * verifies, and every run is audited. `--dry-run` only counts. The server runs it by itself.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyChain } from "../../../api/domain/ledger.ts";
import { addYears } from "../../../api/domain/retention.ts";
import { purge } from "../../../api/services/purge.ts";
import { listObjections, readLedger, recentAudit, addRefusalCounts } from "../../../db/index.ts";
import { runCli } from "../../helpers/processes.ts";
import { object, publish } from "../../helpers/publicity.ts";
import { adminToken, entryIds, seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, testCampaign, Voter, type TestServer } from "../../helpers/server.ts";

const DAY = 86_400_000;
const clock = new ManualClock(Date.parse("2024-10-10T12:00:00+08:00"));
// test-2024 votes until 2024-10-31; its final list (the whole campaign) is published on 11-15
const FINAL_AT = Date.parse("2024-11-15T10:00:00+08:00");
let server: TestServer;
let ended: number; // campaign ids
let running: number;

const rows = async (name: string, r: Promise<{ steps: { name: string; rows: number }[] }>) =>
  (await r).steps.find((s) => s.name === name)!.rows;
const ledger = () => readLedger(server.deps.db.read, 0, 100_000);
const objections = () => listObjections(server.deps.db.read);

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false, env: { TRUST_PROXY: "x-forwarded-for" } });
  await seedCampaign(server, testCampaign());
  await seedCampaign(
    server,
    testCampaign({ slug: "run-2030", opensAt: "2024-10-01T00:00:00+08:00", closesAt: "2030-01-01T00:00:00+08:00" }),
  );
  ended = server.deps.catalog.current.campaigns.find((c) => c.slug === "test-2024")!.id;
  running = server.deps.catalog.current.campaigns.find((c) => c.slug === "run-2030")!.id;
  const organizer = await adminToken(server, "organizer");
  for (let i = 0; i < 4; i++) {
    const voter = new Voter(server, `113.45.6.${i}`);
    expect((await voter.vote(entryIds(server, "test-2024", "ranked")[i], { idempotencyKey: `k${i}` })).status).toBe(201);
    expect((await voter.vote(entryIds(server, "run-2030", "ranked")[i], { idempotencyKey: `r${i}` })).status).toBe(201);
  }
  const failure = {
    campaignId: ended,
    reason: "bot_check_failed",
    routeKind: "vote",
    ipPrefixHash: "c".repeat(64),
    count: 1,
    sample: null,
  };
  await server.deps.db.writer.run((tx) => addRefusalCounts(tx, [{ minute: clock.now(), ...failure }]));

  // an objection to each campaign's preliminary list; the ended campaign's final list follows
  const preliminary = await publish(server, organizer, "run-2030", { kind: "preliminary" });
  expect(preliminary.status).toBe(201);
  const run = await object(
    server,
    { publicationId: preliminary.body.id, entryId: entryIds(server, "run-2030", "ranked")[0] },
    { "x-forwarded-for": "198.51.100.9" },
  );
  expect(run.status).toBe(201);
  clock.set("2024-11-01T10:00:00+08:00");
  const heard = await publish(server, organizer, "test-2024", { kind: "preliminary" });
  expect(heard.status).toBe(201);
  const done = await object(
    server,
    { publicationId: heard.body.id, entryId: entryIds(server, "test-2024", "ranked")[1] },
    { "x-forwarded-for": "198.51.100.8" },
  );
  expect(done.status).toBe(201);
  clock.set(FINAL_AT);
  expect((await publish(server, organizer, "test-2024", { kind: "final" })).status).toBe(201);
  await server.deps.db.writer.run((tx) => addRefusalCounts(tx, [{ minute: FINAL_AT, ...failure }]));
});
afterAll(async () => server?.close());

describe("purge", () => {
  it("a few days on: idempotent answers (2 days) and bot-check failures (7 days) go, newer ones stay", async () => {
    clock.set(FINAL_AT + 3 * DAY);
    const report = await purge(server.deps, { actor: "test" });
    expect(Object.fromEntries(report.steps.map((s) => [s.name, s.rows]))).toEqual({
      objections: 0,
      vote_advisory_hashes: 0,
      // 8 votes, one answer each (a first vote without a cookie is marked so, not kept twice)
      idempotency: 8,
      refusal_counts: 1,
    });
    expect(await rows("refusal_counts", purge(server.deps, { actor: "test", dryRun: true }))).toBe(0);
    clock.set(FINAL_AT + 7 * DAY);
    expect(await rows("refusal_counts", purge(server.deps, { actor: "test" }))).toBe(1);
  });

  it("--dry-run from the CLI counts what would go (the real clock is years on) and removes nothing", async () => {
    const before = { ledger: await ledger(), objections: await objections() };
    const r = await runCli(server.env, ["purge", "--dry-run"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^objections\t1\t/m);
    expect(r.stdout).toMatch(/^vote_advisory_hashes\t4\t/m);
    // the total is the steps' sum (refusals the server counted meanwhile may add a minute's row)
    const total = [...r.stdout.matchAll(/^\w+\t(\d+)\t/gm)].reduce((n, m) => n + Number(m[1]), 0);
    expect(total).toBeGreaterThanOrEqual(5);
    expect(r.stdout).toContain(`试算：将清除 ${total} 行 / dry run: ${total} rows would go`);
    expect(await ledger()).toEqual(before.ledger);
    expect(await objections()).toEqual(before.objections);
    const [audit] = await recentAudit(server.deps.db.read, 1);
    expect(audit).toMatchObject({ action: "purge.dry_run", details: { rows: { objections: 1, vote_advisory_hashes: 4 } } });
    expect(audit!.actor).toMatch(/^cli:/);
  }, 120_000);

  it("90 days after the final list: the ended campaign's device and IP-prefix hashes go; the ledger still verifies", async () => {
    const before = await ledger();
    clock.set(FINAL_AT + 90 * DAY - 1);
    expect(await rows("vote_advisory_hashes", purge(server.deps, { actor: "test" }))).toBe(0);
    clock.set(FINAL_AT + 90 * DAY);
    expect(await rows("vote_advisory_hashes", purge(server.deps, { actor: "test" }))).toBe(4);
    const after = await ledger();
    for (const v of after) {
      const cleared = v.campaignId === ended;
      expect(v.deviceHash === "" && v.ipPrefixHash === "").toBe(cleared);
    }
    // every chained field as it was, and the chain verifies
    const chained = (l: typeof before) => l.map(({ deviceHash: _d, ipPrefixHash: _p, ...v }) => v);
    expect(chained(after)).toEqual(chained(before));
    expect(verifyChain(after)).toMatchObject({ ok: true, count: 8 });
    const board = await server.json("/api/campaigns/test-2024/lists/ranked/leaderboard");
    expect(board.body.entries.reduce((n: number, e: { votes: number }) => n + e.votes, 0)).toBe(4);
  });

  it("a year after the final list: the objector's name, contact, reason and IP hash go; the running campaign's stay", async () => {
    const year = addYears(FINAL_AT, 1);
    clock.set(year - 1);
    expect(await rows("objections", purge(server.deps, { actor: "test" }))).toBe(0);
    clock.set(year);
    expect(await rows("objections", purge(server.deps, { actor: "test" }))).toBe(1);
    const [kept, gone] = [...(await objections())].sort((a) => (a.campaignId === running ? -1 : 1));
    expect(kept).toMatchObject({ campaignId: running, name: "王小明", contact: "13800001234" });
    expect(kept!.ipHash).toMatch(/^[0-9a-f]{64}$/);
    expect(gone).toMatchObject({ campaignId: ended, name: "", contact: "", reason: "", evidence: null, ipHash: "", resolutionNote: null });
    expect(gone!.receipt).toBeTruthy();
    const [audit] = await recentAudit(server.deps.db.read, 1);
    expect(audit).toMatchObject({
      actor: "test",
      action: "purge",
      details: { rows: { objections: 1, vote_advisory_hashes: 0 }, campaigns: { objections: [ended] } },
    });
    // a second run finds nothing left
    expect((await purge(server.deps, { actor: "test" })).total).toBe(0);
  });
});

describe("the server's own purge job", () => {
  it("runs by itself and audits what it removed as system:purge", async () => {
    const own = await startTestServer({
      clock: new ManualClock(Date.parse("2024-10-10T12:00:00+08:00")),
      seedDemo: false,
      purgeEveryMs: 100,
    });
    try {
      await seedCampaign(own, testCampaign());
      const campaignId = own.deps.catalog.current.campaigns[0]!.id;
      await own.deps.db.writer.run((tx) =>
        addRefusalCounts(tx, [
          { minute: 0, campaignId, reason: "bot_check_failed", routeKind: "vote", ipPrefixHash: "c".repeat(64), count: 1, sample: null },
        ]),
      );
      await expect
        .poll(async () => (await recentAudit(own.deps.db.read, 5)).find((r) => r.action === "purge"), { timeout: 10_000 })
        .toMatchObject({ actor: "system:purge", details: { rows: { refusal_counts: 1 } } });
    } finally {
      await own.close();
    }
  });
});

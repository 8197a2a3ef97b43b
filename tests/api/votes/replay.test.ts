/**
 * End to end, as the issue asks: a mixed stream (honest voters with retries and duplicates, a burst
 * from one IP prefix, one device with many cookies, a bot failing its checks), the anomalies voided,
 * then tallies, exports and `verify` (CLI) agree; a tampered export is rejected naming its row.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chainHash, voidChainHash } from "../../../api/domain/ledger.ts";
import { csvLine, CSV_BOM, readCell } from "../../../api/domain/export-format.ts";
import { adminCall } from "../../helpers/admin.ts";
import { runCli } from "../../helpers/processes.ts";
import { adminToken, entryIds, seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, testCampaign, Voter, type TestServer } from "../../helpers/server.ts";

const clock = new ManualClock(Date.parse("2024-10-10T09:30:00+08:00"));
let server: TestServer;
let admin: ReturnType<typeof adminCall>;
let ranked: number[];
/** what honest voters cast and were told was counted, per entry */
const honest = new Map<number, number>();

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false, env: { TRUST_PROXY: "x-forwarded-for" } });
  await seedCampaign(server, testCampaign());
  admin = adminCall(server, await adminToken(server, "organizer"));
  ranked = entryIds(server, "test-2024", "ranked");
  const count = (id: number) => honest.set(id, (honest.get(id) ?? 0) + 1);

  const honestVoters = Array.from({ length: 30 }, (_, i) => new Voter(server, `203.0.${i}.${10 + i}`));
  for (let round = 0; round < 3; round++) {
    for (const [i, v] of honestVoters.entries()) {
      clock.advance(2_000);
      const entry = ranked[(i + round) % 5]!;
      const key = `k-${i}-${round}`;
      const first = await v.vote(entry, { idempotencyKey: key });
      expect(first.status).toBe(201);
      count(entry);
      if (i % 4 === 0) expect((await v.vote(entry, { idempotencyKey: key })).status).toBe(201); // a retry: same answer
      if (i % 5 === 0) expect((await v.vote(entry)).status).toBe(409); // a second tap: already voted today
    }
    // the noisy traffic arrives during the second round
    if (round === 1) {
      for (let i = 0; i < 40; i++) {
        clock.advance(4_000);
        expect((await new Voter(server, `10.20.30.${i + 1}`).vote(ranked[4])).status).toBe(201);
      }
      for (let i = 0; i < 7; i++) {
        clock.advance(600_000);
        expect(
          (
            await new Voter(server, "100.70.1.9").vote(
              ranked[2],
              {},
              { "user-agent": "Mozilla/5.0 (Linux; Android 14; V2309A) MicroMessenger/8.0.49" },
            )
          ).status,
        ).toBe(201);
      }
      for (let i = 0; i < 25; i++) {
        clock.advance(3_000);
        expect((await new Voter(server, `172.16.5.${i + 1}`).vote(ranked[1], { token: "forged" })).status).toBe(403);
        if (i % 10 === 0) expect((await new Voter(server, `172.16.5.${100 + i}`).vote(ranked[1])).status).toBe(201);
      }
    }
  }
});
afterAll(async () => server?.close());

function parseCsv(text: string): string[][] {
  return parse(text, { bom: true });
}

describe("replay: detect, void, and prove", () => {
  let votesFile: string;

  it("anomalies find the prefix burst, the device and the failing bot; voiding them leaves exactly the honest votes", async () => {
    const { anomalies } = (await admin("GET", "/api/admin/anomalies?campaign=test-2024")).body;
    const kinds = new Set(anomalies.map((a: { kind: string }) => a.kind));
    expect(kinds).toEqual(new Set(["ip_prefix", "device", "bot_failures"]));
    expect(anomalies.find((a: { kind: string }) => a.kind === "bot_failures")).toMatchObject({ failures: 25, votes: 3 });
    for (const a of anomalies) {
      const res = await admin("POST", "/api/admin/votes/void", { filter: a.filter, reason: `复核：${a.kind}` });
      expect(res.status).toBe(200);
    }
    expect((await admin("GET", "/api/admin/anomalies?campaign=test-2024")).body.anomalies).toEqual([]);

    const board = (await server.json("/api/campaigns/test-2024/lists/ranked/leaderboard")).body;
    for (const e of board.entries) expect(e.votes, `entry ${e.id}`).toBe(honest.get(e.id) ?? 0);
    expect(board.entries.reduce((s: number, e: { voided: number }) => s + e.voided, 0)).toBe(40 + 7 + 3);
  });

  it("the tallies export (CLI) carries the same figures", async () => {
    const out = join(server.env.BANGDAN_DATA_DIR, "tallies.csv");
    const r = await runCli(server.env, ["export", "test-2024", "--kind", "tallies", "--format", "csv", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    const table = parseCsv(readFileSync(out, "utf8").slice(1));
    for (const id of ranked) {
      const row = table.find((x) => x[4] === String(id))!;
      expect(Number(row[7])).toBe(honest.get(id) ?? 0);
    }
    const manifest = JSON.parse(readFileSync(`${out}.manifest.json`, "utf8"));
    expect(manifest).toMatchObject({
      kind: "tallies",
      format: "csv",
      generatedBy: expect.stringMatching(/^cli:/),
      rows: 9,
      totals: { voided: 50 },
    });
  }, 120_000);

  it("the votes export (CLI) verifies: chain, voids and tallies recomputed from the file", async () => {
    votesFile = join(server.env.BANGDAN_DATA_DIR, "votes.csv");
    const r = await runCli(server.env, ["export", "test-2024", "--kind", "votes", "--format", "csv", "--out", votesFile]);
    expect(r.code, r.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(`${votesFile}.manifest.json`, "utf8"));
    const v = await runCli(server.env, ["verify", votesFile]);
    expect(v.code, v.stderr).toBe(0);
    expect(v.stdout).toContain(manifest.ledger.headHash);
    expect(v.stdout).toContain("与清单一致");
    for (const id of ranked) {
      const line = v.stdout.split("\n").find((l) => l.split("\t")[2] === String(id))!;
      expect(Number(line.split("\t")[4])).toBe(honest.get(id) ?? 0);
    }
  }, 120_000);

  it("a tampered export is rejected, naming the first bad row", async () => {
    const text = readFileSync(votesFile, "utf8");
    const records = parseCsv(text.slice(1));
    const write = (name: string, rows: string[][], withManifest = true) => {
      const path = join(server.env.BANGDAN_DATA_DIR, name);
      writeFileSync(path, CSV_BOM + rows.map((r) => csvLine(r.map(readCell))).join(""));
      if (withManifest) writeFileSync(`${path}.manifest.json`, readFileSync(`${votesFile}.manifest.json`));
      return path;
    };

    // a vote moved to another entry
    const moved = records.map((r, i) =>
      i === 20 ? [r[0]!, r[1]!, r[2]!, r[3]!, r[4] === String(ranked[0]) ? String(ranked[1]) : String(ranked[0]), ...r.slice(5)] : r,
    );
    const bad = await runCli(server.env, ["verify", write("moved.csv", moved)]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(new RegExp(`第 21 行（seq ${records[20]![0]}）`));

    // a void record dropped (the vote counts again)
    const voidedRow = records.findIndex((r, i) => i > 0 && r[15] !== "");
    const unvoided = records.map((r, i) => (i === voidedRow ? [...r.slice(0, 15), "", "", "", "", "", ""] : r));
    const dropped = await runCli(server.env, ["verify", write("unvoided.csv", unvoided)]);
    expect(dropped.code).not.toBe(0);
    expect(dropped.stderr).toContain("作废");

    // an edit with the whole chain recomputed after it: caught by the manifest's head hash
    let prev = records[9]![10]!;
    const forged = records.map((r, i) => {
      if (i < 10) return r;
      const row = [...r];
      if (i === 10) row[4] = row[4] === String(ranked[0]) ? String(ranked[1]) : String(ranked[0]);
      const vote = {
        seq: Number(row[0]),
        id: row[1]!,
        campaignId: Number(row[2]),
        listId: Number(row[3]),
        entryId: Number(row[4]),
        voterHash: row[5]!,
        ipHash: row[6]!,
        day: row[7]!,
        receivedAt: Number(row[8]),
      };
      row[9] = prev;
      row[10] = chainHash(prev, vote);
      prev = row[10];
      return row;
    });
    // …and the void chain recomputed over the new vote hashes, as a careful forger would
    let voidPrev = "0".repeat(64);
    for (const row of forged.filter((r, i) => i > 0 && r[15] !== "").sort((a, b) => Number(a[15]) - Number(b[15]))) {
      const record = {
        seq: Number(row[15]),
        voteSeq: Number(row[0]),
        voteHash: row[10]!,
        at: Number(row[16]),
        actor: readCell(row[17]!),
        reason: readCell(row[18]!),
      };
      row[19] = voidPrev;
      row[20] = voidChainHash(voidPrev, record);
      voidPrev = row[20];
    }
    const forgedPath = write("forged.csv", forged);
    const f = await runCli(server.env, ["verify", forgedPath]);
    expect(f.code).not.toBe(0);
    expect(f.stderr).toMatch(/清单|manifest/);

    // the last rows cut off
    const cut = await runCli(server.env, ["verify", write("cut.csv", records.slice(0, -3))]);
    expect(cut.code).not.toBe(0);
    expect(cut.stderr).toContain("行数");
  }, 180_000);
});

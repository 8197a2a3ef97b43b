/**
 * Exports stream: a large ledger is exported by the CLI under a heap far smaller than the file, so
 * nothing holds the ledger (or the file) in memory at once.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { calendarDay } from "../../../api/domain/voting.ts";
import { chainHash, GENESIS_HASH } from "../../../api/domain/ledger.ts";
import { writeVoteBatch, type NewVote } from "../../../db/index.ts";
import { processEnv } from "../../helpers/processes.ts";
import { entryIds, seedCampaign } from "../../helpers/seed.ts";
import { startTestServer, testCampaign, type TestServer } from "../../helpers/server.ts";

const VOTES = 200_000;
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ seedDemo: false });
  await seedCampaign(server, testCampaign());
  const list = server.deps.catalog.current.list("test-2024", "ranked")!;
  const entries = entryIds(server, "test-2024", "ranked");
  let prev = GENESIS_HASH;
  const t0 = Date.parse("2024-10-10T12:00:00+08:00");
  for (let start = 1; start <= VOTES; start += 10_000) {
    const batch: NewVote[] = [];
    for (let seq = start; seq < start + 10_000 && seq <= VOTES; seq++) {
      const receivedAt = t0 + seq * 10;
      const fields = {
        seq,
        id: `00000000-0000-4000-8000-${String(seq).padStart(12, "0")}`,
        campaignId: list.campaign.id,
        listId: list.id,
        entryId: entries[seq % 5]!,
        voterHash: (seq % 9973).toString(16).padStart(64, "a"),
        ipHash: "b".repeat(64),
        day: calendarDay(receivedAt, "Asia/Shanghai"),
        receivedAt,
      };
      const hash = chainHash(prev, fields);
      batch.push({ ...fields, ipPrefixHash: "c".repeat(64), deviceHash: "d".repeat(64), prevHash: prev, hash });
      prev = hash;
    }
    await server.deps.db.writer.run((tx) => writeVoteBatch(tx, batch, []));
  }
}, 300_000);
const children = new Set<ChildProcess>();
afterAll(async () => {
  // a command still running when its test timed out must not outlive the run
  for (const child of children) child.kill("SIGKILL");
  await server?.close();
});

function cli(args: string[], heapMb: number): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${heapMb}`, "--import", "tsx", "scripts/cli.ts", ...args], {
      env: processEnv(server.env),
      stdio: ["ignore", "ignore", "pipe"],
    });
    children.add(child);
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      children.delete(child);
      resolve({ code: code ?? -1, stderr });
    });
  });
}

describe("exports stream in bounded memory", () => {
  it(`exports ${VOTES} votes as CSV with a 64 MB heap, a file larger than that heap, and verify reads it back`, async () => {
    const out = join(server.env.BANGDAN_DATA_DIR, "big.csv");
    const r = await cli(["export", "test-2024", "--kind", "votes", "--format", "csv", "--out", out], 64);
    expect(r.code, r.stderr).toBe(0);
    expect(statSync(out).size).toBeGreaterThan(64 * 1024 * 1024);
    const v = await cli(["verify", out], 64);
    expect(v.code, v.stderr).toBe(0);
  }, 300_000);
});

/**
 * The tallies export is one snapshot: exported while votes keep arriving (written by the vote
 * writer's own thread, as in production), its figures per entry and per day equal a recount of the
 * ledger up to the head its manifest names, and so do the manifest's totals.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { calendarDay } from "../../../api/domain/voting.ts";
import { prepareExport } from "../../../api/services/exports.ts";
import { readLedger } from "../../../db/index.ts";
import { csvRows } from "../../helpers/csv.ts";
import { entryIds, seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, testCampaign, type TestServer } from "../../helpers/server.ts";

const DAY1 = Date.parse("2024-10-10T12:00:00+08:00");
const clock = new ManualClock(DAY1);
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false });
  await seedCampaign(server, testCampaign());
});
afterAll(async () => server?.close());

/** Votes from new voters, over two days, until `stop()`; several in flight at once so they batch. */
function keepVoting() {
  const list = server.deps.catalog.current.list("test-2024", "ranked")!;
  const entries = entryIds(server, "test-2024", "ranked");
  let running = true;
  let n = 0;
  const loop = (async () => {
    while (running) {
      await Promise.all(
        Array.from({ length: 8 }, () => {
          n += 1;
          const receivedAt = DAY1 + (n % 2) * 86_400_000 + n;
          return server.deps.votes.record({
            campaignId: list.campaign.id,
            listId: list.id,
            entryId: entries[n % entries.length]!,
            ranked: true,
            voterHash: String(n).padStart(64, "0"),
            ipHash: "b".repeat(64),
            ipPrefixHash: "c".repeat(64),
            deviceHash: "d".repeat(64),
            day: calendarDay(receivedAt, "Asia/Shanghai"),
            receivedAt,
          });
        }),
      );
    }
  })();
  return async () => {
    running = false;
    await loop;
    return n;
  };
}

/** Valid votes per entry and per `entry|day` in the ledger up to `seq` (no voids in this test). */
async function recount(uptoSeq: number) {
  const perEntry = new Map<string, number>();
  const perDay = new Map<string, number>();
  let after = 0;
  for (;;) {
    const page = (await readLedger(server.deps.db.read, after, 5000)).filter((v) => v.seq <= uptoSeq);
    if (page.length === 0) break;
    for (const v of page) {
      perEntry.set(String(v.entryId), (perEntry.get(String(v.entryId)) ?? 0) + 1);
      perDay.set(`${v.entryId}|${v.day}`, (perDay.get(`${v.entryId}|${v.day}`) ?? 0) + 1);
    }
    after = page.at(-1)!.seq;
  }
  return { perEntry, perDay };
}

describe("tallies export under concurrent votes", () => {
  it("every export's figures equal the ledger up to its manifest's head", async () => {
    const stop = keepVoting();
    const mismatches: string[] = [];
    let exports = 0;
    try {
      for (let i = 0; i < 60; i++) {
        const prepared = await prepareExport(server.deps, {
          campaign: "test-2024",
          kind: "tallies",
          format: "csv",
          actor: "test",
          role: "auditor",
        });
        let text = "";
        for await (const chunk of prepared.body) text += Buffer.from(chunk).toString("utf8");
        exports += 1;
        const { perEntry, perDay } = await recount(prepared.manifest.ledger.seq);
        const expectedTotal = [...perEntry.values()].reduce((a, b) => a + b, 0);
        const totals = prepared.manifest.totals as { valid: number };
        if (totals.valid !== expectedTotal)
          mismatches.push(`#${i} manifest totals ${totals.valid} ≠ ledger ${expectedTotal} at seq ${prepared.manifest.ledger.seq}`);
        for (const row of csvRows(text.slice(1)).filter((r) => r.list === "ranked")) {
          const want = perEntry.get(row.entry_id!) ?? 0;
          if (Number(row.valid) !== want) mismatches.push(`#${i} entry ${row.entry_id}: ${row.valid} ≠ ${want}`);
          for (const [column, value] of Object.entries(row).filter(([k]) => k.startsWith("valid_"))) {
            const wantDay = perDay.get(`${row.entry_id}|${column.slice(6)}`) ?? 0;
            if (Number(value) !== wantDay) mismatches.push(`#${i} entry ${row.entry_id} ${column}: ${value} ≠ ${wantDay}`);
          }
        }
      }
    } finally {
      const voted = await stop();
      expect(voted).toBeGreaterThan(0);
    }
    expect(exports).toBe(60);
    expect(mismatches).toEqual([]);
  }, 60_000);
});

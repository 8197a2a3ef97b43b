/**
 * `npx tsx scripts/bench/scale-ledger.ts [votes]` (default 1,000,000; 10,000,000 for the full
 * figure): a ledger of that many chained votes, then the votes export and `verify` run by the CLI,
 * as an organizer and an auditor would, each timed with its peak memory (GNU time's maximum RSS).
 * The rows are chained as the writer chains them (api/domain/ledger.ts) and appended through the
 * writer's own batch statement (writeVoteBatch), 1000 a transaction, without the HTTP path in front:
 * what is measured is the export and the check, which must stay within 256 MB whatever the size.
 * Exit 1 when either command fails or goes over. LEDGER_HEAP_MB caps the CLI's V8 heap (below).
 */
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadEnv } from "../../api/config.ts";
import { chainHash, GENESIS_HASH } from "../../api/domain/ledger.ts";
import { startServer } from "../../api/node.ts";
import { importCampaign, validateCampaign } from "../../api/services/campaigns.ts";
import { buildIndexes, dropVoteIndexes, writeVoteBatch, type NewVote } from "../../db/index.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const LIMIT_KB = 256 * 1024;
const total = Number(process.argv[2] ?? "1000000");
const dir = mkdtempSync(join(tmpdir(), "bangdan-ledger-"));
const env = { DATABASE_URL: `file:${join(dir, "ledger.db")}`, BANGDAN_DATA_DIR: dir };

async function fill(): Promise<void> {
  const server = await startServer({
    env: loadEnv({ ...env, PORT: "0", HOST: "127.0.0.1", RATE_LIMIT: "memory" }),
    site: false,
    accessLog: false,
    seedDemo: false,
    voteWorker: false,
    log: () => {},
  });
  const deps = server.deps;
  const day = 86_400_000;
  await importCampaign(deps, {
    campaign: validateCampaign({
      slug: "ledger",
      title: { zh: "账本规模测试" },
      timezone: "Asia/Shanghai",
      lists: [
        {
          slug: "main",
          title: { zh: "主榜" },
          ranking: "ranked",
          voting: {
            opensAt: new Date(Date.now() - day).toISOString(),
            closesAt: new Date(Date.now() + day).toISOString(),
            perDay: 3,
            perEntryPerDay: 1,
          },
          entries: Array.from({ length: 50 }, (_, e) => ({ slug: `e${e + 1}`, name: { zh: `示例对象 ${e + 1}` } })),
        },
      ],
    }),
    actor: "scale",
  });
  await deps.catalog.reload();
  const list = deps.catalog.current.campaign("ledger")!.lists[0]!;
  // The votes table's secondary indexes are set aside while it fills and built once at the end:
  // kept, a random voter's row dirties a random index page per vote, and 10M votes would take hours
  // to fill instead of minutes. Neither the export nor `verify` reads them.
  const indexes = await deps.db.writer.run((tx) => dropVoteIndexes(tx));
  let head = { seq: 0, hash: GENESIS_HASH };
  const started = Date.now();
  for (let done = 0; done < total; done += 1000) {
    const rows: NewVote[] = [];
    for (let i = 0; i < Math.min(1000, total - done); i++) {
      const n = done + i;
      const fields = {
        seq: head.seq + 1,
        id: randomUUID(),
        campaignId: list.campaign.id,
        listId: list.id,
        entryId: list.entries[n % list.entries.length]!.id,
        voterHash: deps.secrets.voterHash(`voter-${n}`),
        ipHash: deps.secrets.ipHash(`10.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`),
        day: "2026-12-01",
        receivedAt: started + n,
      };
      const hash = chainHash(head.hash, fields);
      rows.push({ ...fields, ipPrefixHash: "p", deviceHash: "d", prevHash: head.hash, hash });
      head = { seq: fields.seq, hash };
    }
    await deps.db.writer.run((tx) => writeVoteBatch(tx, rows, []));
    if ((done / 1000) % 100 === 0) process.stderr.write(`\rledger: ${done + rows.length} votes`);
  }
  process.stderr.write(`\rledger: ${total} votes in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  const indexing = Date.now();
  await deps.db.writer.run((tx) => buildIndexes(tx, indexes));
  process.stderr.write(`ledger: ${indexes.map((i) => i.name).join(", ")} built in ${((Date.now() - indexing) / 1000).toFixed(0)} s\n`);
  await server.close();
}

// LEDGER_HEAP_MB=<n>: the CLI runs with V8's old space capped there, which tells memory the process
// holds (it would fail) from garbage V8 merely has not collected yet (it runs on, smaller)
const heap = process.env.LEDGER_HEAP_MB ? [`--max-old-space-size=${Number(process.env.LEDGER_HEAP_MB)}`] : [];

/** Runs a CLI command under GNU time: seconds, peak RSS in kB, and what it said. */
function timed(args: string[]): { ok: boolean; seconds: number; maxKb: number; said: string } {
  const r = spawnSync("/usr/bin/time", ["-f", "TIME %e %M", process.execPath, ...heap, "--import", "tsx", "scripts/cli.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, NODE_ENV: "", BANGDAN_SECRET: "" },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const m = /TIME ([\d.]+) (\d+)/.exec(r.stderr);
  const said = (r.stdout.split("\n").find((l) => l.includes("verified") || l.includes("exported")) ?? r.stderr.slice(-400)).trim();
  return { ok: r.status === 0, seconds: m ? Number(m[1]) : NaN, maxKb: m ? Number(m[2]) : NaN, said };
}

try {
  await fill();
  const out = join(dir, "votes.csv");
  const exported = timed(["export", "ledger", "--kind", "votes", "--out", out]);
  console.log(
    `export: ${exported.ok ? "ok" : "FAILED"} in ${exported.seconds} s, peak RSS ${(exported.maxKb / 1024).toFixed(0)} MB — ${exported.said}`,
  );
  const size = exported.ok ? statSync(out).size : 0;
  const verified = timed(["verify", out]);
  console.log(
    `verify: ${verified.ok ? "ok" : "FAILED"} in ${verified.seconds} s, peak RSS ${(verified.maxKb / 1024).toFixed(0)} MB — ${verified.said}`,
  );
  console.log(
    `${total} votes: file ${(size / 1024 / 1024).toFixed(0)} MB; export ${exported.seconds} s / ${(exported.maxKb / 1024).toFixed(0)} MB, verify ${verified.seconds} s / ${(verified.maxKb / 1024).toFixed(0)} MB (limit 256 MB)`,
  );
  process.exitCode = exported.ok && verified.ok && exported.maxKb <= LIMIT_KB && verified.maxKb <= LIMIT_KB ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * `npx tsx scripts/bench/vote-threads.ts`: where a vote's CPU goes, thread by thread. The real
 * server (scripts/bench/child.ts) on core 0 where `taskset` exists, this process's load on core 1;
 * VOTE_CONNECTIONS (200) clients send new voters' votes for 3 s to warm up and then VOTE_SECONDS
 * (10); each thread's CPU time over the measured run is read from /proc/<pid>/task/<tid>/stat and
 * printed per vote answered, with the thread's name: the main thread (HTTP, the rules before the
 * writer, the keyed hashes), the vote writer's thread, V8's helpers. Linux only; nothing asserted.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { discover } from "./lists.ts";
import { runScenario, VoteSource } from "./load.ts";
import { canPin, pinSelf, startServerChild, statCpuMs } from "./server.ts";

type Thread = { name: string; cpuMs: number };

/** Every thread of `pid`: its name and its user + system CPU so far. */
function threads(pid: number): Map<string, Thread> {
  const found = new Map<string, Thread>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const cpuMs = statCpuMs(`/proc/${pid}/task/${tid}/stat`);
    let name: string;
    try {
      name = readFileSync(`/proc/${pid}/task/${tid}/comm`, "utf8").trim();
    } catch {
      continue; // a thread that ended meanwhile
    }
    if (cpuMs === undefined) continue;
    found.set(tid, { name: tid === String(pid) ? `${name} (main)` : name, cpuMs });
  }
  return found;
}

const connections = Number(process.env.VOTE_CONNECTIONS ?? "200");
const seconds = Number(process.env.VOTE_SECONDS ?? "10");
const dir = mkdtempSync(join(tmpdir(), "bangdan-threads-"));
const pinned = canPin() && pinSelf(1);
const real = await startServerChild(dir, { script: "child", cpu: pinned ? 0 : undefined });
try {
  const lists = (await discover(real.url)).filter((l) => l.state === "open" && l.ranking === "ranked");
  const votes = new VoteSource(lists.flatMap((l) => l.entries));
  await runScenario(real.url, { label: "warm-up", path: "/api/votes", connections, seconds: 3, vote: votes });
  const pid = real.process.pid!;
  const before = threads(pid);
  const o = await runScenario(real.url, { label: "votes", path: "/api/votes", connections, seconds, vote: votes });
  const after = threads(pid);
  const answered = o.responses;
  const rows = [...after]
    .map(([tid, t]) => ({ name: t.name, ms: t.cpuMs - (before.get(tid)?.cpuMs ?? 0) }))
    .filter((r) => r.ms > 0)
    .sort((a, b) => b.ms - a.ms);
  const total = rows.reduce((sum, r) => sum + r.ms, 0);
  console.log(
    `${connections} connections, ${seconds} s${pinned ? ", server on core 0, load on core 1" : ""}: ` +
      `${o.rps.toFixed(0)} votes/s, p50 ${o.p50.toFixed(1)} ms, p99 ${o.p99.toFixed(1)} ms, ${answered} answered (${JSON.stringify(o.status)})`,
  );
  for (const r of rows) console.log(`  ${((r.ms * 1000) / answered).toFixed(0).padStart(5)} µs a vote  ${r.name}`);
  console.log(`  ${((total * 1000) / answered).toFixed(0).padStart(5)} µs a vote  all threads`);
} finally {
  await real.stop();
  rmSync(dir, { recursive: true, force: true });
}

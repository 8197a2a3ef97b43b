/**
 * `npx tsx scripts/bench/writer-cpu.ts`: the vote writer's CPU per vote alone, no HTTP in front: a
 * fresh server with the writer in-process (so process.cpuUsage() is the writer's and the batch
 * code's), WRITER_ROUNDS bursts (200) of WRITER_BURST votes (100) sent straight to the recorder, each
 * a new voter with its own key, after as many to warm up. CPU time hardly moves with other work on
 * the machine, so two builds can be compared in turns: run it under `taskset -c 1` in each.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadEnv } from "../../api/config.ts";
import { calendarDay } from "../../api/domain/voting.ts";
import { startServer } from "../../api/node.ts";
import { listState } from "../../api/read/catalog.ts";

/** Bytes and write calls this process made so far (/proc/self/io: a physical count other load does not move); undefined off Linux. */
function processIo(): { wchar: number; syscw: number } | undefined {
  try {
    const fields = Object.fromEntries(
      readFileSync("/proc/self/io", "utf8")
        .trim()
        .split("\n")
        .map((l) => l.split(": ") as [string, string]),
    );
    return { wchar: Number(fields.wchar), syscw: Number(fields.syscw) };
  } catch {
    return undefined;
  }
}

const dir = mkdtempSync(join(tmpdir(), "bangdan-writer-"));
const server = await startServer({
  env: loadEnv({ DATABASE_URL: `file:${join(dir, "w.db")}`, BANGDAN_DATA_DIR: dir, PORT: "0", HOST: "127.0.0.1", RATE_LIMIT: "memory" }),
  site: false,
  accessLog: false,
  // WRITER_THREAD=1: the writer on its own thread, as the server runs it (its messages included)
  voteWorker: process.env.WRITER_THREAD === "1",
  log: () => {},
});
try {
  const deps = server.deps;
  const list = deps.catalog.current.campaigns
    .flatMap((c) => c.lists)
    .find((l) => l.ranking === "ranked" && l.entries.length > 0 && listState(l, Date.now()) === "open")!;
  let n = 0;
  const intent = () => {
    n += 1;
    return {
      listId: list.id,
      campaignId: list.campaign.id,
      entryId: list.entries[n % list.entries.length]!.id,
      ranked: true,
      voterHash: deps.secrets.voterHash(`voter-${n}`),
      ipHash: deps.secrets.ipHash(`10.0.${n & 255}.1`),
      ipPrefixHash: deps.secrets.ipPrefixHash(`10.0.${n & 255}.1`),
      deviceHash: deps.secrets.deviceHash("writer", `10.0.${n & 255}.1`),
      day: calendarDay(Date.now(), list.campaign.timezone),
      receivedAt: Date.now(),
      keyHash: deps.secrets.idempotencyKeyHash(`${list.id}:key-${n}`),
      cookieless: true,
    };
  };
  const burst = Number(process.env.WRITER_BURST ?? "100");
  const rounds = Number(process.env.WRITER_ROUNDS ?? "200");
  const run = async () => {
    let accepted = 0;
    for (let r = 0; r < rounds; r++) {
      const answers = await Promise.all(Array.from({ length: burst }, () => deps.votes.record(intent())));
      accepted += answers.filter((a) => a.status === 201).length;
    }
    return accepted;
  };
  await run();
  const hashes = n;
  const io0 = processIo();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const accepted = await run();
  const cpu = process.cpuUsage(c0);
  const votes = n - hashes;
  const io1 = processIo();
  if (io0 && io1)
    console.log(
      `writer: ${((io1.wchar - io0.wchar) / votes / 1024).toFixed(1)} KiB written a vote in ${((io1.syscw - io0.syscw) / votes).toFixed(1)} write calls`,
    );
  console.log(
    `writer: ${votes} votes in bursts of ${burst}: ${((cpu.user + cpu.system) / votes).toFixed(1)} µs CPU a vote ` +
      `(hashing the intents included), ${(votes / ((performance.now() - t0) / 1000)).toFixed(0)} votes/s, ${accepted} accepted`,
  );
} finally {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}

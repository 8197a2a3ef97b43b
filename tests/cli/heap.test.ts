/**
 * The votes export and `verify` run with V8's heap capped (scripts/cli/heap.ts), so a ledger of any
 * size stays under 256 MB: the command line that needs it, and the process that does the work
 * having the cap, read from V8 inside it. Not a timing or memory measure: the flag's effect.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CAPPED_ENV, cappedArgs, LEDGER_HEAP_MB, LEDGER_SEMI_SPACE_MB, oldSpaceCapMb, streamsLedger } from "../../scripts/cli/heap.ts";
import { freshDataDir, freshEnv } from "../helpers/env.ts";
import { runCli } from "../helpers/processes.ts";

describe("which commands run with the heap capped", () => {
  it("the votes export and verify, whatever the option's spelling; nothing else", () => {
    for (const argv of [
      ["verify", "votes.csv"],
      ["export", "cinn-2024", "--kind", "votes", "--out", "v.csv"],
      ["export", "cinn-2024", "--out", "v.xlsx", "--format", "xlsx", "--kind=votes"],
    ])
      expect(streamsLedger(argv), argv.join(" ")).toBe(true);
    for (const argv of [
      [],
      ["--help"],
      ["export", "cinn-2024", "--out", "t.csv"],
      ["export", "cinn-2024", "--kind", "tallies", "--out", "votes"],
      ["close", "cinn-2024", "verify"],
      ["purge", "--kind", "votes"],
    ])
      expect(streamsLedger(argv), argv.join(" ")).toBe(false);
  });

  it("starts again with the old space and a semi-space capped only when the old space is not capped already, keeping the loader", () => {
    const argv = ["verify", "votes.csv"];
    const loader = ["--import", "tsx"];
    const caps = [`--max-old-space-size=${LEDGER_HEAP_MB}`, `--max-semi-space-size=${LEDGER_SEMI_SPACE_MB}`];
    expect(cappedArgs(argv, loader, "scripts/cli.ts", {})).toEqual(["--import", "tsx", ...caps, "scripts/cli.ts", "verify", "votes.csv"]);
    // a larger cap given by hand, on the command line or in NODE_OPTIONS, is replaced; a smaller one kept
    expect(cappedArgs(argv, ["--max-old-space-size=2048", ...loader], "cli.ts", {})).toEqual([...loader, ...caps, "cli.ts", ...argv]);
    expect(cappedArgs(argv, loader, "cli.ts", { NODE_OPTIONS: "--max-old-space-size=4096" })).toEqual([
      ...loader,
      ...caps,
      "cli.ts",
      ...argv,
    ]);
    expect(cappedArgs(argv, ["--max-old-space-size=64"], "cli.ts", {})).toBeUndefined();
    expect(cappedArgs(argv, [], "cli.ts", { NODE_OPTIONS: "--inspect=0 --max_old_space_size=80" })).toBeUndefined();
    expect(cappedArgs(["export", "x", "--out", "t.csv"], loader, "cli.ts", {})).toBeUndefined();
  });

  it("never starts a second time: the process it started is marked, whatever its heap limit", () => {
    // Node 24 gives a 96 MB old space a 288 MB heap limit; a rule on the limit restarted it forever
    expect(cappedArgs(["verify", "v.csv"], ["--max-old-space-size=96"], "cli.ts", {})).toBeUndefined();
    expect(cappedArgs(["verify", "v.csv"], [], "cli.ts", { [CAPPED_ENV]: "1" })).toBeUndefined();
    expect(oldSpaceCapMb(["--max-old-space-size=200"], "--max-old-space-size=64")).toBe(200);
    expect(oldSpaceCapMb([], "")).toBeUndefined();
  });
});

describe("the CLI as an organizer runs it", () => {
  // each process reports V8's heap limit and its command line as it exits
  const probeDir = freshDataDir();
  const probe = join(probeDir, "heap-probe.mjs");
  writeFileSync(
    probe,
    `import { getHeapStatistics } from "node:v8";\n` +
      `process.on("exit", () => process.stderr.write("heap-limit " + Math.round(getHeapStatistics().heap_size_limit / 1048576) + " " + process.execArgv.some((a) => a.startsWith("--max-old-space-size")) + "\\n"));\n`,
  );
  const limits = (stderr: string) =>
    [...stderr.matchAll(/^heap-limit (\d+) (true|false)$/gm)].map((m) => ({ mb: Number(m[1]), flag: m[2] === "true" }));

  it("verify does its work in a process whose heap is capped; the tallies export in the one started", async () => {
    const env = freshEnv();
    const file = join(env.BANGDAN_DATA_DIR, "not-a-ledger.csv");
    writeFileSync(file, "a,b\n1,2\n");
    const verify = await runCli(env, ["verify", file], { NODE_OPTIONS: `--import ${probe}` });
    expect(verify.code, verify.stderr).toBe(1);
    expect(verify.stderr).toContain("表头不是投票明细导出的格式");
    // two processes: the one started (no cap) and the one it started with the cap, which did the work
    expect(limits(verify.stderr)).toEqual([
      { mb: expect.any(Number), flag: true },
      { mb: expect.any(Number), flag: false },
    ]);
    const [worker, starter] = limits(verify.stderr);
    expect(worker!.mb).toBeLessThanOrEqual(LEDGER_HEAP_MB + 64);
    expect(starter!.mb).toBeGreaterThan(LEDGER_HEAP_MB + 64);

    const tallies = await runCli(env, ["export", "no-such", "--kind", "tallies", "--out", join(env.BANGDAN_DATA_DIR, "t.csv")], {
      NODE_OPTIONS: `--import ${probe}`,
    });
    expect(tallies.code).toBe(1);
    expect(limits(tallies.stderr)).toEqual([{ mb: expect.any(Number), flag: false }]);
    const votes = await runCli(env, ["export", "no-such", "--kind", "votes", "--out", join(env.BANGDAN_DATA_DIR, "v.csv")], {
      NODE_OPTIONS: `--import ${probe}`,
    });
    expect(votes.code).toBe(1);
    expect(votes.stderr).toContain("找不到活动");
    expect(limits(votes.stderr).map((l) => l.flag)).toEqual([true, false]);
    expect(limits(votes.stderr)[0]!.mb).toBeLessThanOrEqual(LEDGER_HEAP_MB + 64);
  }, 300_000);
});

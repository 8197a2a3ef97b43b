/**
 * The votes export and `verify` stream the ledger and hold no rows, but an uncapped V8 lets garbage
 * it has not yet collected push the process past 256 MB by a few hundred thousand votes (decision
 * 029). These two commands therefore run with V8's old space capped at `LEDGER_HEAP_MB`: when the
 * CLI was started without a cap at least as small, it starts itself again with one.
 */
import { spawnSync } from "node:child_process";
import { constants } from "node:os";
import { getHeapStatistics } from "node:v8";

/** V8's old space for the commands that stream the ledger, MB: 96 keeps a 10M-vote ledger under 256 MB RSS. */
export const LEDGER_HEAP_MB = 96;
/** Young generation and code space beside the old space, MB: a heap limit below cap + this is a cap already. */
const BESIDE_OLD_SPACE_MB = 64;

/** Whether the command line runs a command that streams the whole ledger: the votes export, or verify. */
export function streamsLedger(argv: readonly string[]): boolean {
  const command = argv.find((a) => !a.startsWith("-"));
  if (command === "verify") return true;
  if (command !== "export") return false;
  const at = argv.indexOf("--kind");
  const kind = at >= 0 ? argv[at + 1] : argv.find((a) => a.startsWith("--kind="))?.slice("--kind=".length);
  return kind === "votes";
}

/**
 * The node arguments to start the CLI again with the heap capped, or undefined when it needs no
 * restart: not a streaming command, or V8's heap limit (`heapLimitBytes`) is a cap already.
 */
export function cappedArgs(
  argv: readonly string[],
  execArgv: readonly string[],
  script: string,
  heapLimitBytes: number,
): string[] | undefined {
  if (!streamsLedger(argv)) return undefined;
  if (heapLimitBytes <= (LEDGER_HEAP_MB + BESIDE_OLD_SPACE_MB) * 1024 * 1024) return undefined;
  return [...execArgv.filter((a) => !a.startsWith("--max-old-space-size")), `--max-old-space-size=${LEDGER_HEAP_MB}`, script, ...argv];
}

/**
 * Runs this CLI again with the heap capped when the command streams the ledger, and exits with its
 * code; returns (doing nothing) otherwise. The restarted process shares stdin, stdout and stderr.
 */
export function capHeapForLedger(argv: readonly string[]): void {
  const args = cappedArgs(argv, process.execArgv, process.argv[1]!, getHeapStatistics().heap_size_limit);
  if (!args) return;
  const r = spawnSync(process.execPath, args, { stdio: "inherit" });
  if (r.error) throw r.error;
  process.exit(r.status ?? 128 + (r.signal ? (constants.signals[r.signal] ?? 0) : 0));
}

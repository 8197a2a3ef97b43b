/**
 * The votes export and `verify` stream the ledger and hold no rows, but an uncapped V8 lets garbage
 * it has not yet collected push the process past 256 MB by a few hundred thousand votes (decision
 * 029). These two commands therefore run with V8's old space capped at `LEDGER_HEAP_MB` and its
 * young generation at `LEDGER_SEMI_SPACE_MB` a semi-space: when the CLI was started without an
 * old-space cap at least as small, it starts itself again with both.
 *
 * The decision reads the flags, never V8's heap limit: the limit adds a young generation whose
 * default size differs between Node versions (Node 20 sizes it at 48 MB beside a 96 MB old space,
 * Node 24 at 192 MB), and a rule on the limit restarted a capped Node 24 again and again. The
 * restarted process is also told, in its environment, that it is the capped one: it never starts
 * another, whatever the flags say.
 */
import { spawnSync } from "node:child_process";
import { constants } from "node:os";

/** V8's old space for the commands that stream the ledger, MB: 96 keeps a 10M-vote ledger under 256 MB RSS. */
export const LEDGER_HEAP_MB = 96;
/** A young-generation semi-space, MB: Node 20's own size beside a 96 MB old space, pinned for Node 24. */
export const LEDGER_SEMI_SPACE_MB = 16;
/** The environment variable that marks the process started with the cap. */
export const CAPPED_ENV = "BANGDAN_LEDGER_HEAP";

/** Whether the command line runs a command that streams the whole ledger: the votes export, or verify. */
export function streamsLedger(argv: readonly string[]): boolean {
  const command = argv.find((a) => !a.startsWith("-"));
  if (command === "verify") return true;
  if (command !== "export") return false;
  const at = argv.indexOf("--kind");
  const kind = at >= 0 ? argv[at + 1] : argv.find((a) => a.startsWith("--kind="))?.slice("--kind=".length);
  return kind === "votes";
}

/** The old-space cap in MB that node's own arguments and NODE_OPTIONS give (the last one wins, as in node), or undefined. */
export function oldSpaceCapMb(execArgv: readonly string[], nodeOptions = ""): number | undefined {
  let cap: number | undefined;
  for (const arg of [...nodeOptions.split(/\s+/), ...execArgv]) {
    const m = /^--max[-_]old[-_]space[-_]size=(\d+)$/.exec(arg);
    if (m) cap = Number(m[1]);
  }
  return cap;
}

/**
 * The node arguments to start the CLI again with the heap capped, or undefined when it needs no
 * restart: not a streaming command, this is the restarted process, or the old space is capped at
 * `LEDGER_HEAP_MB` or less already.
 */
export function cappedArgs(
  argv: readonly string[],
  execArgv: readonly string[],
  script: string,
  env: Readonly<Record<string, string | undefined>>,
): string[] | undefined {
  if (!streamsLedger(argv)) return undefined;
  if (env[CAPPED_ENV]) return undefined;
  const cap = oldSpaceCapMb(execArgv, env.NODE_OPTIONS);
  if (cap !== undefined && cap <= LEDGER_HEAP_MB) return undefined;
  const heapFlag = /^--max[-_](old|semi)[-_]space[-_]size=/;
  return [
    ...execArgv.filter((a) => !heapFlag.test(a)),
    `--max-old-space-size=${LEDGER_HEAP_MB}`,
    `--max-semi-space-size=${LEDGER_SEMI_SPACE_MB}`,
    script,
    ...argv,
  ];
}

/**
 * Runs this CLI again with the heap capped when the command streams the ledger, and exits with its
 * code; returns (doing nothing) otherwise. The restarted process shares stdin, stdout and stderr.
 */
export function capHeapForLedger(argv: readonly string[]): void {
  const args = cappedArgs(argv, process.execArgv, process.argv[1]!, process.env);
  if (!args) return;
  const r = spawnSync(process.execPath, args, { stdio: "inherit", env: { ...process.env, [CAPPED_ENV]: "1" } });
  if (r.error) throw r.error;
  process.exit(r.status ?? 128 + (r.signal ? (constants.signals[r.signal] ?? 0) : 0));
}

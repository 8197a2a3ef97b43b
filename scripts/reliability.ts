/**
 * `npm run reliability -- <fuzz|kill9|replay|close-race> [--size N]`: the reliability suite of
 * issue 15 at full size, on a fresh database in the system's temp dir. tests/reliability/ runs the
 * same code at the size CI affords. Prints its figures and exits 1 when an invariant broke.
 *   fuzz        hostile requests per endpoint (default 10,000 each), in-process server over HTTP
 *   kill9       kill -9 cycles of a server process under vote load (default 20)
 *   replay      mixed vote requests over HTTP to a server process (default 1,000,000)
 *   close-race  rounds of a close (admin API and CLI in turn) during vote load (default 20)
 */
import { sizeArg } from "./reliability/common.ts";
import { runFuzzScript } from "./reliability/fuzz-script.ts";
import { closeRaceScript, kill9Script, replayScript } from "./reliability/run.ts";

const commands: Record<string, (size: number | undefined) => Promise<boolean>> = {
  fuzz: runFuzzScript,
  kill9: kill9Script,
  replay: replayScript,
  "close-race": closeRaceScript,
};

const [command, ...rest] = process.argv.slice(2);
const run = command ? commands[command] : undefined;
if (!run) {
  console.error(`usage: npm run reliability -- <${Object.keys(commands).join("|")}> [--size N]`);
  process.exit(2);
}
const started = Date.now();
const ok = await run(rest.includes("--size") ? sizeArg(rest, 1) : undefined);
console.log(`${command}: ${ok ? "passed" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(ok ? 0 : 1);

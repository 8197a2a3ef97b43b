/**
 * The organizer's terminal: `npm run bangdan -- <command>`. The same operations as the admin API,
 * on the same database, safe to run while the server is up (the server follows within a second,
 * and a close is obeyed by the writer at once). The commands are in scripts/cli/.
 *
 * Exit codes: 0 done (and for --help); 1 the operation failed, the reason on stderr; 2 the command
 * line is wrong (an unknown command or option, a missing or bad argument), found before any
 * configuration is read or any database opened.
 */
import { reportError } from "./cli/errors.ts";
import { capHeapForLedger } from "./cli/heap.ts";

const argv = process.argv.slice(2);
// the votes export and verify run with a capped heap (scripts/cli/heap.ts): started again if need be
capHeapForLedger(argv);
const { buildProgram } = await import("./cli/program.ts");
try {
  // nothing asked: the list of commands, as `help` gives it
  await buildProgram().parseAsync(argv.length ? argv : ["--help"], { from: "user" });
} catch (error) {
  const code = reportError(error);
  // a failure exits at once, as before, whatever the database's client still holds open
  if (code !== 0) process.exit(code);
}

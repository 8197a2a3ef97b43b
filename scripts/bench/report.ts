/** The bench's tables: every scenario measured, the ratios of each pair, the tally and ledger checks. */
import type { Outcome } from "./load.ts";
import type { LedgerCheck } from "./verify.ts";

/** A scenario of the real server (or the anchor) beside the yardstick it is judged against. */
export interface Pair {
  name: string;
  connections: number;
  bare: Outcome;
  real: Outcome;
}

export const count201 = (o: Outcome) => o.status["201"] ?? 0;
export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "-");

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 || i === cells.length - 1 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** The server's CPU time per answer, µs (NaN when unknown). */
const cpuPerRequest = (o: Outcome) => (o.cpuMs === undefined || o.responses === 0 ? NaN : (o.cpuMs * 1000) / o.responses);

const codes = (o: Outcome) =>
  Object.entries(o.status)
    .map(([code, n]) => `${code}×${n}`)
    .join(" ") +
  (o.errors ? ` errors×${o.errors}` : "") +
  (o.timeouts ? ` timeouts×${o.timeouts}` : "");

/** Prints the report; true when the tallies equal the 201s counted and the ledger verified. */
export function printReport(
  run: { seconds: number; warmup: number; rounds: number; pinned: boolean },
  pairs: Pair[],
  warm: Outcome[],
  tallies: { before: number; after: number },
  checks: { anchorRows?: number; ledger: LedgerCheck },
): boolean {
  const measured = [...new Set(pairs.flatMap((p) => [p.bare, p.real]))];
  const votes = [...warm, ...measured].filter((o) => o.label.includes("/api/votes"));
  const accepted = votes.reduce((sum, o) => sum + count201(o), 0);
  const unanswered = [...warm, ...measured].reduce((sum, o) => sum + o.unanswered, 0);
  const exact = tallies.after - tallies.before === accepted;

  console.log("");
  console.log(
    `bangdan bench — ${run.warmup} s warm-up + ${run.seconds} s per scenario in ${run.rounds} turns, Node ${process.version}, autocannon, ` +
      (run.pinned ? "servers on core 0, load on core 1" : "not pinned"),
  );
  console.log("");
  console.log(
    table(
      ["scenario", "conns", "req/s", "p50 ms", "p99 ms", "CPU µs/req", "codes"],
      measured.map((o) => [o.label, String(o.connections), fmt(o.rps), fmt(o.p50, 2), fmt(o.p99, 2), fmt(cpuPerRequest(o), 0), codes(o)]),
    ),
  );
  console.log("");
  console.log(
    table(
      ["ratio (same run)", "conns", "req/s ×", "p50 ×", "p99 ×", "p99 ms", "CPU/req ÷"],
      pairs.map((p) => [
        p.name,
        String(p.connections),
        fmt(p.real.rps / p.bare.rps, 3),
        fmt(p.real.p50 / p.bare.p50, 2),
        fmt(p.real.p99 / p.bare.p99, 2),
        fmt(p.real.p99, 2),
        // the yardstick's CPU per request over the real one's: a rate ratio that contention hardly moves
        fmt(cpuPerRequest(p.bare) / cpuPerRequest(p.real), 3),
      ]),
    ),
  );
  console.log("");
  if (unanswered > 0) console.log(`requests sent but never answered: ${unanswered}`);
  if (checks.anchorRows !== undefined) {
    const anchored = [...warm, ...measured].filter((o) => o.label.includes("anchor")).reduce((s, o) => s + count201(o), 0);
    console.log(`anchor rows: ${checks.anchorRows} committed, ${anchored} × 201 counted`);
  }
  console.log(`tallies: ${tallies.after - tallies.before} votes on the ranked leaderboards, ${accepted} × 201 counted`);
  console.log(`tallies exact: ${exact ? "yes" : "no"}`);
  console.log(`ledger: ${checks.ledger.ok ? "verified" : "NOT verified"}: ${checks.ledger.said}`);
  return exact && checks.ledger.ok;
}

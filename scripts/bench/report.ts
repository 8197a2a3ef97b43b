/** The bench's one table and the lines under it: rates, ratios, the vote writer's batches, the tally check. */
import type { Outcome } from "./load.ts";
import type { WriterStats } from "./server.ts";

/** The vote writer's counters over one scenario (undefined when the server could not say). */
export interface WriterUse {
  label: string;
  delta?: WriterStats;
  largest?: number;
}

/** Everything the scenarios measured, by name and in the table's order. */
export interface Results {
  warm: Outcome[];
  health: Outcome;
  vote: Outcome;
  lead: Outcome;
  bothHealth: Outcome;
  bothVotes: Outcome;
  outcomes: Outcome[];
  writer: WriterUse[];
}

export const count201 = (o: Outcome) => o.status["201"] ?? 0;
export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "-");

function table(outcomes: Outcome[]): string {
  const head = ["scenario", "conns", "secs", "req/s", "p50 ms", "p99 ms", "2xx", "non-2xx", "codes"];
  const rows = outcomes.map((o) => [
    o.label,
    String(o.connections),
    fmt(o.seconds, 2),
    fmt(o.rps),
    fmt(o.p50, 2),
    fmt(o.p99, 2),
    String(o.ok),
    String(o.notOk),
    Object.entries(o.status)
      .map(([code, n]) => `${code}×${n}`)
      .join(" ") +
      (o.errors ? ` errors×${o.errors}` : "") +
      (o.timeouts ? ` timeouts×${o.timeouts}` : ""),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 || i === cells.length - 1 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/**
 * Prints the report. The tallies are exact when the votes the ranked leaderboards gained equal the
 * 201 answers counted (every client stopped gracefully, so every committed vote was answered).
 */
export function printReport(seconds: number, r: Results, tallies: { before: number; after: number }, serverLogLines: number): boolean {
  const { warm, health, vote, lead, bothHealth, bothVotes, outcomes } = r;
  const { before, after } = tallies;
  const accepted = [...warm, vote, bothVotes].reduce((sum, o) => sum + count201(o), 0);
  const unanswered = [...warm, ...outcomes].reduce((sum, o) => sum + o.unanswered, 0);
  const exact = after - before === accepted;

  console.log("");
  console.log(
    `bangdan bench — ${seconds} s per scenario, Node ${process.version}, autocannon 9, server in a child process, all on 127.0.0.1`,
  );
  console.log("");
  console.log(table(outcomes));
  console.log("");
  const votesPerS = (o: Outcome) => count201(o) / o.seconds;
  console.log(`accepted votes/s (201s ÷ duration): b) ${fmt(votesPerS(vote))}  (${count201(vote)} in ${fmt(vote.seconds, 2)} s)`);
  console.log(
    `                                    d) ${fmt(votesPerS(bothVotes))}  (${count201(bothVotes)} in ${fmt(bothVotes.seconds, 2)} s)`,
  );
  console.log(
    `ratio votes/s ÷ health req/s:       b/a ${fmt(votesPerS(vote) / health.rps, 3)}   d (same run) ${fmt(votesPerS(bothVotes) / bothHealth.rps, 3)}`,
  );
  console.log(`ratio leaderboard ÷ health req/s:   c/a ${fmt(lead.rps / health.rps, 3)}`);
  for (const w of r.writer) {
    if (!w.delta) {
      console.log(`writer ${w.label}: stats not available`);
      continue;
    }
    const mean = w.delta.batches ? w.delta.jobs / w.delta.batches : 0;
    console.log(
      `writer ${w.label}: ${w.delta.batches} batches, ${w.delta.jobs} jobs, ${fmt(mean)} jobs/batch on average, largest batch so far ${w.delta.largestBatch}`,
    );
  }
  if (unanswered > 0) console.log(`requests sent but never answered: ${unanswered}`);
  if (serverLogLines > 0) console.log(`server log lines: ${serverLogLines} (shown above with [server])`);
  console.log(
    `tallies: ${after - before} votes on the ranked leaderboards, ${accepted} × 201 counted (warm-up ${warm.reduce((s, o) => s + count201(o), 0)}, b ${count201(vote)}, d ${count201(bothVotes)})`,
  );
  console.log(`tallies exact: ${exact ? "yes" : "no"}`);
  return exact;
}

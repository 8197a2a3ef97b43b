/**
 * kill -9 under vote load: a server process on one database file takes votes from `concurrency`
 * clients at once and is killed with SIGKILL in the middle, then started again, `cycles` times.
 * Every vote acknowledged with 201 before a kill must be in the ledger afterwards (by vote id).
 */
import type { Env } from "../../api/config.ts";
import { entryIdsOf, postVote, prepareDatabase, readLedgerFacts, spawnServer, voterIp } from "./load.ts";

export interface Kill9Figures {
  cycles: number;
  sent: number;
  acknowledged: number;
  /** acknowledged votes missing from the ledger after the restarts: must be 0 */
  lost: number;
  ledgerRows: number;
  /** ledger rows no client saw acknowledged (answers cut off by the kill): allowed */
  unacknowledged: number;
  chainOk: boolean;
  talliesMatch: boolean;
}

export async function runKill9(
  env: Env,
  options: { cycles: number; concurrency?: number; loadMs?: [number, number]; log?: (line: string) => void },
): Promise<Kill9Figures> {
  const log = options.log ?? (() => {});
  await prepareDatabase(env);
  const acknowledged = new Set<string>();
  let sent = 0;
  let voter = 0;
  const [minMs, maxMs] = options.loadMs ?? [300, 1500];
  for (let cycle = 1; cycle <= options.cycles; cycle++) {
    const server = await spawnServer(env, { TRUST_PROXY: "x-forwarded-for" });
    const exited = new Promise((r) => server.child.once("exit", r));
    const entries = await entryIdsOf(server.url, "alpha");
    let killed = false;
    const client = async () => {
      while (!killed) {
        const n = voter++;
        sent++;
        try {
          const answer = await postVote(server.url, { entryId: entries[n % entries.length]!, ip: voterIp(n), key: `k9-${n}` });
          if (answer.voteId) acknowledged.add(answer.voteId);
        } catch {
          return; // the connection died with the process
        }
      }
    };
    const clients = Array.from({ length: options.concurrency ?? 32 }, client);
    await new Promise((r) => setTimeout(r, minMs + Math.random() * (maxMs - minMs)));
    killed = true;
    server.child.kill("SIGKILL");
    await exited;
    await Promise.all(clients);
    log(`  cycle ${cycle}: killed after ${sent} votes sent, ${acknowledged.size} acknowledged so far`);
  }
  const ledger = await readLedgerFacts(env);
  let lost = 0;
  for (const id of acknowledged) if (!ledger.ids.has(id)) lost++;
  const talliesMatch = [...new Set([...ledger.perEntry.keys(), ...ledger.tallies.keys()])].every(
    (e) => (ledger.perEntry.get(e) ?? 0) === (ledger.tallies.get(e) ?? 0),
  );
  return {
    cycles: options.cycles,
    sent,
    acknowledged: acknowledged.size,
    lost,
    ledgerRows: ledger.rows,
    unacknowledged: ledger.rows - (acknowledged.size - lost),
    chainOk: ledger.chainOk,
    talliesMatch,
  };
}

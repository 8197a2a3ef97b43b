/**
 * The close race: votes stream into list `alpha` while an organizer closes it — over the admin API
 * (POST …/close) in odd rounds, with the CLI (`close reliability/alpha`) in even ones — and the
 * stream goes on after the close has returned. Each vote's send time and answer are kept: a 201 for
 * a request sent after the close's answer arrived (or the CLI exited) is a failure, and so is a
 * ledger row for such a request. The list is opened again for the next round.
 */
import type { Env } from "../../api/config.ts";
import { runCli } from "../../tests/helpers/processes.ts";
import { entryIdsOf, postVote, prepareDatabase, readLedgerFacts, spawnServer, voterIp, type VoteSent } from "./load.ts";

export interface CloseRaceRound {
  via: "api" | "cli";
  sentBeforeClose: number;
  sentAfterClose: number;
  /** 201 answers to requests sent after the close returned: must be 0 */
  acceptedAfterClose: number;
}

export interface CloseRaceFigures {
  rounds: CloseRaceRound[];
  acceptedAfterClose: number;
  /** ledger rows of requests sent after their round's close returned: must be 0 */
  ledgerRowsAfterClose: number;
  acknowledged: number;
  lost: number;
}

async function closeAlpha(env: Env, url: string, organizer: string, via: "api" | "cli"): Promise<number> {
  if (via === "cli") {
    const r = await runCli(env, ["close", "reliability/alpha"]);
    if (r.code !== 0) throw new Error(`close failed: ${r.stderr}`);
    return r.endedAt;
  }
  const res = await fetch(`${url}/api/admin/campaigns/reliability/lists/alpha/close`, {
    method: "POST",
    headers: { authorization: `Bearer ${organizer}` },
  });
  const at = Date.now();
  if (res.status !== 200) throw new Error(`close answered ${res.status}: ${await res.text()}`);
  return at;
}

export async function runCloseRace(
  env: Env,
  options: { rounds: number; concurrency?: number; beforeMs?: number; afterMs?: number; log?: (line: string) => void },
): Promise<CloseRaceFigures> {
  const log = options.log ?? (() => {});
  const { organizer } = await prepareDatabase(env);
  const server = await spawnServer(env, { TRUST_PROXY: "x-forwarded-for" });
  const rounds: CloseRaceRound[] = [];
  const afterClose = new Set<string>();
  const acknowledged = new Set<string>();
  let voter = 0;
  try {
    const entries = await entryIdsOf(server.url, "alpha");
    for (let round = 1; round <= options.rounds; round++) {
      const via = round % 2 === 1 ? "api" : "cli";
      if (round > 1) {
        const res = await fetch(`${server.url}/api/admin/campaigns/reliability/lists/alpha/open`, {
          method: "POST",
          headers: { authorization: `Bearer ${organizer}` },
        });
        if (res.status !== 200) throw new Error(`open answered ${res.status}: ${await res.text()}`);
      }
      const sent: VoteSent[] = [];
      let stop = false;
      const client = async () => {
        while (!stop) {
          const n = voter++;
          const answer = await postVote(server.url, { entryId: entries[n % entries.length]!, ip: voterIp(n), key: `race-${n}` });
          sent.push(answer);
        }
      };
      const clients = Array.from({ length: options.concurrency ?? 32 }, client);
      await new Promise((r) => setTimeout(r, options.beforeMs ?? 800));
      const closedAt = await closeAlpha(env, server.url, organizer, via);
      await new Promise((r) => setTimeout(r, options.afterMs ?? 1500));
      stop = true;
      await Promise.all(clients);
      const late = sent.filter((s) => s.sentAt > closedAt);
      for (const s of sent) if (s.voteId) acknowledged.add(s.voteId);
      for (const s of late) if (s.voteId) afterClose.add(s.voteId);
      const r = {
        via,
        sentBeforeClose: sent.length - late.length,
        sentAfterClose: late.length,
        acceptedAfterClose: late.filter((s) => s.status === 201).length,
      };
      rounds.push(r as CloseRaceRound);
      log(`  round ${round} (${via}): ${JSON.stringify(r)}`);
    }
  } finally {
    server.child.kill("SIGTERM");
    await new Promise((r) => server.child.once("exit", r));
  }
  const ledger = await readLedgerFacts(env);
  return {
    rounds,
    acceptedAfterClose: rounds.reduce((n, r) => n + r.acceptedAfterClose, 0),
    ledgerRowsAfterClose: [...afterClose].filter((id) => ledger.ids.has(id)).length,
    acknowledged: acknowledged.size,
    lost: [...acknowledged].filter((id) => !ledger.ids.has(id)).length,
  };
}

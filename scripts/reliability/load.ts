/**
 * Vote load over HTTP against a server process (scripts/start.ts --no-site, as in production), and
 * what the runs need around it: a campaign imported and an organizer token made by the CLI, the
 * ledger read back from the database file.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { TEST_BOT_TOKEN, type Env } from "../../api/config.ts";
import { verifyChain } from "../../api/domain/ledger.ts";
import { allTallies, openDatabase, readLedger } from "../../db/index.ts";
import { runCli } from "../../tests/helpers/processes.ts";
import { reliabilityCampaign } from "./common.ts";

export { spawnServer } from "../../tests/helpers/processes.ts";

/** Imports the reliability campaign and makes an organizer token, both through the CLI. */
export async function prepareDatabase(env: Env, entries = 8): Promise<{ organizer: string }> {
  const file = join(env.BANGDAN_DATA_DIR, "reliability.json");
  writeFileSync(file, JSON.stringify(reliabilityCampaign(Date.now(), entries)));
  const imported = await runCli(env, ["import", file]);
  if (imported.code !== 0) throw new Error(`import failed: ${imported.stderr}`);
  const token = await runCli(env, ["token", "create", "--name", "reliability", "--role", "organizer"]);
  if (token.code !== 0) throw new Error(`token create failed: ${token.stderr}`);
  return { organizer: token.stdout.trim() };
}

export interface VoteSent {
  status: number;
  /** the vote's id when it was acknowledged (201) */
  voteId?: string;
  body: string;
  cookie?: string;
  sentAt: number;
  answeredAt: number;
}

/** One POST /api/votes. `voter` keeps the bd_voter cookie across calls, like a browser. */
export async function postVote(
  url: string,
  vote: { entryId: number; key?: string; ip: string; token?: string; cookie?: string },
): Promise<VoteSent> {
  const sentAt = Date.now();
  const res = await fetch(`${url}/api/votes`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-forwarded-for": vote.ip,
      ...(vote.cookie ? { cookie: vote.cookie } : {}),
    },
    body: JSON.stringify({ entryId: vote.entryId, token: vote.token ?? TEST_BOT_TOKEN, ...(vote.key ? { idempotencyKey: vote.key } : {}) }),
    signal: AbortSignal.timeout(60_000),
  });
  const body = await res.text();
  const answeredAt = Date.now();
  const set = res.headers.get("set-cookie");
  const cookie = set ? set.split(";")[0] : vote.cookie;
  const voteId = res.status === 201 ? (JSON.parse(body) as { vote: { id: string } }).vote.id : undefined;
  return { status: res.status, body, sentAt, answeredAt, ...(cookie ? { cookie } : {}), ...(voteId ? { voteId } : {}) };
}

/** An address of its own for the n-th voter, so per-IP limits never bind. */
export const voterIp = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

export async function entryIdsOf(url: string, list: string): Promise<number[]> {
  const res = await fetch(`${url}/api/campaigns/reliability/lists/${list}/leaderboard`);
  const body = (await res.json()) as { entries: { id: number }[] };
  return body.entries.map((e) => e.id).sort((a, b) => a - b);
}

export interface LedgerFacts {
  rows: number;
  ids: Set<string>;
  chainOk: boolean;
  /** valid votes per entry from the ledger, and the tallies table's figures */
  perEntry: Map<number, number>;
  tallies: Map<number, number>;
  /** each ledger row's list and the instant it was received */
  received: { id: string; listId: number; receivedAt: number }[];
}

/** The whole ledger, read from the database file (no server needed). */
export async function readLedgerFacts(env: Env): Promise<LedgerFacts> {
  const db = await openDatabase(env.DATABASE_URL, undefined, { migrate: false });
  try {
    const all = [];
    for (let page = await readLedger(db.read, 0); page.length > 0; page = await readLedger(db.read, page.at(-1)!.seq)) all.push(...page);
    const perEntry = new Map<number, number>();
    for (const v of all) perEntry.set(v.entryId, (perEntry.get(v.entryId) ?? 0) + 1);
    return {
      rows: all.length,
      ids: new Set(all.map((v) => v.id)),
      chainOk: verifyChain(all).ok,
      perEntry,
      tallies: await allTallies(db.read),
      received: all.map((v) => ({ id: v.id, listId: v.listId, receivedAt: v.receivedAt })),
    };
  } finally {
    await db.close();
  }
}

/**
 * What each voter did in each list on the current days, in memory (decision 042). The daily limits
 * read it instead of an index on (list, voter, day): that index took a random page a vote, since
 * a voter's hash is random, and the vote path wrote it twice (to the WAL and at the checkpoint).
 *
 * Like the memory of answered keys (db/answers.ts), it only ever learns from the ledger, in `seq`
 * order (`catchUp`): so it holds every vote of every process sharing the file, and a rolled-back
 * batch leaves nothing behind. A database opened again rebuilds it from the votes received in the
 * last `VOTER_DAY_MS` (found by `received_at`, which follows `seq`). A list's day is forgotten once
 * its last vote is older than that: no day of any time zone lasts longer.
 */
import type { AnswerReader } from "./answers.ts";

/** a day in any time zone, and the slack of a vote's `seq` against its arrival between processes */
export const VOTER_DAY_MS = 26 * 3_600_000;

type VoteRow = { seq: number; listId: number; voterHash: string; day: string; entryId: number; receivedAt: number };

/** One list's day: voter → the entries voted (one number for a single vote, the usual case). */
interface ListDay {
  voters: Map<string, number | number[]>;
  /** the latest arrival among its votes */
  last: number;
}

/** votes read a statement while catching up: a long way behind costs pages, not one huge result */
const PAGE = 10_000;

const COLUMNS = "seq, list_id AS listId, voter_hash AS voterHash, day, entry_id AS entryId, received_at AS receivedAt";

export class VoterDays {
  /** `${listId}|${day}` → that list's day */
  readonly #days = new Map<string, ListDay>();
  /** the highest seq read so far; undefined until the first catch-up */
  #seen: number | undefined;
  #size = 0;

  /** Voters held in memory, summed over lists and days (for the bench and tests). */
  get size(): number {
    return this.#size;
  }

  /**
   * Reads the votes appended since the last catch-up (by any process), a page at a time; the first
   * one starts at the first vote of the last `VOTER_DAY_MS`, and so does one that finds itself that
   * far behind (a process left idle while others took every vote).
   */
  async catchUp(db: AnswerReader, now: number): Promise<void> {
    const since = now - VOTER_DAY_MS;
    let after = this.#seen ?? (await firstSeqSince(db, since)) - 1;
    this.#seen ??= after;
    for (;;) {
      const page = (await db.execute({ sql: `SELECT ${COLUMNS} FROM votes WHERE seq > ? ORDER BY seq LIMIT ${PAGE}`, args: [after] }))
        .rows as VoteRow[];
      // two catch-ups may overlap (the writer's and a reader's): a vote is learnt once
      for (const r of page) {
        if (r.seq <= this.#seen) continue;
        this.#seen = r.seq;
        if (r.receivedAt >= since) this.#learn(r);
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.seq;
      if (page[0]!.receivedAt < since) {
        after = Math.max(after, (await firstSeqSince(db, since)) - 1);
        this.#seen = Math.max(this.#seen, after);
      }
    }
    this.#forget(now);
  }

  /** Votes per entry that this voter cast in this list on this day (as of the last catch-up). */
  usage(listId: number, voterHash: string, day: string): Map<number, number> {
    const voted = this.#days.get(`${listId}|${day}`)?.voters.get(voterHash);
    const usage = new Map<number, number>();
    if (voted === undefined) return usage;
    for (const entryId of typeof voted === "number" ? [voted] : voted) usage.set(entryId, (usage.get(entryId) ?? 0) + 1);
    return usage;
  }

  #learn(r: VoteRow): void {
    const key = `${r.listId}|${r.day}`;
    let day = this.#days.get(key);
    if (!day) this.#days.set(key, (day = { voters: new Map(), last: 0 }));
    day.last = Math.max(day.last, r.receivedAt);
    const voted = day.voters.get(r.voterHash);
    if (voted === undefined) {
      day.voters.set(r.voterHash, r.entryId);
      this.#size += 1;
    } else if (typeof voted === "number") day.voters.set(r.voterHash, [voted, r.entryId]);
    else voted.push(r.entryId);
  }

  #forget(now: number): void {
    for (const [key, day] of this.#days) {
      if (day.last >= now - VOTER_DAY_MS) continue;
      this.#size -= day.voters.size;
      this.#days.delete(key);
    }
  }
}

/**
 * The first `seq` received at or after `since`, by binary search on the ledger (votes are never
 * deleted, so seqs run 1…head without a gap). Arrival follows `seq` to within a batch; the caller's
 * window has an hour of slack for that.
 */
async function firstSeqSince(db: AnswerReader, since: number): Promise<number> {
  const at = async (seq: number): Promise<number> => {
    const r = (await db.execute({ sql: "SELECT received_at AS receivedAt FROM votes WHERE seq = ?", args: [seq] })).rows as {
      receivedAt: number;
    }[];
    return Number(r[0]?.receivedAt ?? Number.POSITIVE_INFINITY);
  };
  const head = (await db.execute({ sql: "SELECT coalesce(max(seq), 0) AS head FROM votes", args: [] })).rows as { head: number }[];
  let lo = 1;
  let hi = Number(head[0]?.head ?? 0) + 1;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if ((await at(mid)) >= since) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

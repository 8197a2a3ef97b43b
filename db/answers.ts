/**
 * Where an idempotency key's answer is found (decision 042). Answers are appended to their table in
 * the order they were given (`seq`), so a vote writes its answer at the table's end instead of into
 * a random page of a table led by the key. A key is found through this memory instead: every key
 * given in the last days, by the first characters of its hash, with the `seq` of its rows.
 *
 * The memory only ever learns from the table, in `seq` order (`catchUp`), never from a batch that
 * has not committed yet: so it holds what every process sharing the file gave, a rolled-back batch
 * leaves nothing behind, and a clash of prefixes is settled by reading the rows themselves. A
 * database opened again rebuilds it from the rows given in the remembered days (by `created_at`).
 * Keys are kept by the day they were given and a day is forgotten once it ended more than
 * `ANSWER_MEMORY_MS` ago, so a key is found for at least that long; retention keeps the rows as
 * long (api/domain/retention.ts).
 */
import type { InArgs } from "@libsql/client";

const DAY_MS = 86_400_000;
/** how long after it was given a key's answer can still be found (at least; up to a day more) */
export const ANSWER_MEMORY_MS = 2 * DAY_MS;
/** hex characters of a key's hash that name it in memory: 48 bits, a clash is rare and harmless */
const PREFIX = 12;

/** What catching up reads with: a transaction or a connection, running plain SQL. */
export interface AnswerReader {
  execute(stmt: { sql: string; args: InArgs }): Promise<{ rows: unknown[] }>;
}

/** rows read a statement while catching up */
const PAGE = 10_000;

type KeyRow = { seq: number; keyHash: string; createdAt: number };

export class KeptAnswers {
  /** day number → key prefix → seq, or every seq when several rows share the prefix */
  readonly #days = new Map<number, Map<string, number | number[]>>();
  /** the highest `seq` read so far; undefined until the first catch-up */
  #seen: number | undefined;
  #size = 0;

  /** Keys held in memory (for the bench and tests). */
  get size(): number {
    return this.#size;
  }

  /** Reads the rows appended since the last catch-up (by any process), a page at a time; the first one reads the remembered days. */
  async catchUp(db: AnswerReader, now = Date.now()): Promise<void> {
    const since = this.#firstDay(now) * DAY_MS;
    if (this.#seen === undefined) {
      // the table's end first, then the remembered days up to it (through `idempotency_created`):
      // a row committed in between has a higher seq and comes with the next catch-up
      const end = (await db.execute({ sql: "SELECT coalesce(max(seq), 0) AS top FROM idempotency", args: [] })).rows as { top: number }[];
      const top = Number(end[0]?.top ?? 0);
      const found = (
        await db.execute({
          sql: "SELECT seq, key_hash AS keyHash, created_at AS createdAt FROM idempotency WHERE created_at >= ? AND seq <= ? ORDER BY seq",
          args: [since, top],
        })
      ).rows as KeyRow[];
      // another catch-up may have finished meanwhile: only what it did not learn
      if (this.#seen === undefined) {
        for (const r of found) this.#learn(r.seq, r.keyHash, r.createdAt);
        this.#seen = top;
      }
    }
    for (;;) {
      const after: number = this.#seen;
      const page = (
        await db.execute({
          sql: `SELECT seq, key_hash AS keyHash, created_at AS createdAt FROM idempotency WHERE seq > ? ORDER BY seq LIMIT ${PAGE}`,
          args: [after],
        })
      ).rows as KeyRow[];
      // two catch-ups may overlap (the writer's and a lookup's): a row is learnt once
      for (const r of page) {
        if (r.seq <= this.#seen) continue;
        this.#seen = r.seq;
        if (r.createdAt >= since) this.#learn(r.seq, r.keyHash, r.createdAt);
      }
      if (page.length < PAGE) break;
    }
    this.#forget(now);
  }

  /** The `seq` of every remembered row whose key shares this key's prefix (its own among them). */
  candidates(keyHash: string): number[] {
    const prefix = keyHash.slice(0, PREFIX);
    const out: number[] = [];
    for (const day of this.#days.values()) {
      const at = day.get(prefix);
      if (at === undefined) continue;
      if (typeof at === "number") out.push(at);
      else out.push(...at);
    }
    return out;
  }

  #firstDay(now: number): number {
    return Math.floor((now - ANSWER_MEMORY_MS) / DAY_MS);
  }

  #learn(seq: number, keyHash: string, createdAt: number): void {
    const n = Math.floor(createdAt / DAY_MS);
    let day = this.#days.get(n);
    if (!day) this.#days.set(n, (day = new Map()));
    // V8 copies a slice this short, so the row's whole hash is not kept alive by it
    const prefix = keyHash.slice(0, PREFIX);
    const at = day.get(prefix);
    if (at === undefined) day.set(prefix, seq);
    else if (typeof at === "number") day.set(prefix, [at, seq]);
    else at.push(seq);
    this.#size += 1;
  }

  #forget(now: number): void {
    const first = this.#firstDay(now);
    for (const [n, day] of this.#days) {
      if (n >= first) continue;
      for (const at of day.values()) this.#size -= typeof at === "number" ? 1 : at.length;
      this.#days.delete(n);
    }
  }
}

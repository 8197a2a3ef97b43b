/**
 * One writer for the whole process. Every write goes through it; the queue commits whatever has
 * gathered in one IMMEDIATE transaction (group commit). Jobs of one batched kind that queued next
 * to each other (votes) are handed to their batcher together, so a hundred votes cost a handful of
 * statements instead of a thousand; every run of jobs has its own savepoint, so one failing run
 * does not undo its neighbours. A job's promise settles only after its batch committed, so an
 * acknowledged write is durable.
 *
 * Why: the libsql file client cannot interleave a write with an open interactive transaction
 * (SQLITE_BUSY), and one fsync per batch instead of per vote is what makes thousands of votes a
 * second possible with synchronous=FULL.
 */
import type { Tx, WriteDb } from "./client.ts";

export type Outcome<O> = { ok: true; value: O } | { ok: false; error: unknown };

/** Processes, inside one savepoint, every queued item of its kind that arrived together. */
export interface Batcher<I, O> {
  process(tx: Tx, items: I[]): Promise<Outcome<O>[]>;
}

type Queued = {
  batcher: Batcher<unknown, unknown>;
  item: unknown;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
  outcome?: Outcome<unknown>;
};

export interface WriterStats {
  batches: number;
  jobs: number;
  largestBatch: number;
}

export class Writer {
  readonly #db: WriteDb;
  readonly #maxBatch: number;
  #queue: Queued[] = [];
  #running = false;
  #closed = false;
  #idle: (() => void)[] = [];
  readonly stats: WriterStats = { batches: 0, jobs: 0, largestBatch: 0 };

  constructor(db: WriteDb, options: { maxBatch?: number } = {}) {
    this.#db = db;
    this.#maxBatch = options.maxBatch ?? 512;
  }

  /** Runs one write job in the next batch. */
  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const single: Batcher<null, T> = {
      async process(tx) {
        return [{ ok: true, value: await work(tx) }];
      },
    };
    return this.submit(single, null);
  }

  /** Queues `item` for `batcher`; items of the same batcher queued together are processed together. */
  submit<I, O>(batcher: Batcher<I, O>, item: I): Promise<O> {
    if (this.#closed) return Promise.reject(new Error("writer is closed"));
    return new Promise<O>((resolve, reject) => {
      this.#queue.push({ batcher: batcher as Batcher<unknown, unknown>, item, resolve: resolve as (v: unknown) => void, reject });
      if (!this.#running) {
        this.#running = true;
        // Gather whatever else arrives in this turn of the event loop into the same batch.
        setImmediate(() => void this.#drain());
      }
    });
  }

  /** Resolves when every queued job has settled. */
  async flush(): Promise<void> {
    if (!this.#running && this.#queue.length === 0) return;
    await new Promise<void>((resolve) => this.#idle.push(resolve));
  }

  async close(): Promise<void> {
    await this.flush();
    this.#closed = true;
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#queue.splice(0, this.#maxBatch);
      await this.#commit(batch);
      // Let requests that arrived meanwhile be read before the next batch starts.
      if (this.#queue.length > 0) await new Promise((r) => setImmediate(r));
    }
    this.#running = false;
    for (const resolve of this.#idle.splice(0)) resolve();
  }

  async #commit(batch: Queued[]): Promise<void> {
    try {
      await this.#db.transaction(async (tx) => {
        for (let start = 0; start < batch.length;) {
          let end = start + 1;
          while (end < batch.length && batch[end]!.batcher === batch[start]!.batcher) end++;
          const run = batch.slice(start, end);
          try {
            const outcomes = await tx.transaction((sp) =>
              run[0]!.batcher.process(
                sp as unknown as Tx,
                run.map((q) => q.item),
              ),
            );
            run.forEach((q, i) => (q.outcome = outcomes[i] ?? { ok: false, error: new Error("batcher returned no outcome") }));
          } catch (error) {
            for (const q of run) q.outcome = { ok: false, error };
          }
          start = end;
        }
      });
    } catch (error) {
      // The commit itself failed: nothing of this batch is durable, so nothing is acknowledged.
      for (const q of batch) q.reject(error);
      return;
    }
    this.stats.batches += 1;
    this.stats.jobs += batch.length;
    this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
    for (const q of batch) {
      const outcome = q.outcome!;
      if (outcome.ok) q.resolve(outcome.value);
      else q.reject(outcome.error);
    }
  }
}

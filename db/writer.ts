/**
 * One writer for the whole process. Every write goes through `run`, which queues the job; the
 * queue commits jobs in batches inside a single IMMEDIATE transaction (group commit), each job in
 * its own savepoint so one failing job does not undo its neighbours. A job's promise settles only
 * after the batch that holds it has committed, so an acknowledged write is durable.
 *
 * Why: the libsql file client cannot interleave a write with an open interactive transaction
 * (SQLITE_BUSY), and one fsync per batch instead of per vote is what makes thousands of votes a
 * second possible with synchronous=FULL.
 */
import type { Tx, WriteDb } from "./client.ts";

type Job<T> = {
  work: (tx: Tx) => Promise<T>;
  resolve: (value: T) => void;
  reject: (reason: unknown) => void;
  outcome?: { ok: true; value: T } | { ok: false; error: unknown };
};

export interface WriterStats {
  batches: number;
  jobs: number;
  largestBatch: number;
}

export class Writer {
  readonly #db: WriteDb;
  readonly #maxBatch: number;
  #queue: Job<unknown>[] = [];
  #running = false;
  #closed = false;
  #idle: (() => void)[] = [];
  readonly stats: WriterStats = { batches: 0, jobs: 0, largestBatch: 0 };

  constructor(db: WriteDb, options: { maxBatch?: number } = {}) {
    this.#db = db;
    this.#maxBatch = options.maxBatch ?? 512;
  }

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new Error("writer is closed"));
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, resolve, reject } as Job<unknown>);
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
    }
    this.#running = false;
    for (const resolve of this.#idle.splice(0)) resolve();
  }

  async #commit(batch: Job<unknown>[]): Promise<void> {
    try {
      await this.#db.transaction(
        async (tx) => {
          for (const job of batch) {
            try {
              const value = await tx.transaction((sp) => job.work(sp as unknown as Tx));
              job.outcome = { ok: true, value };
            } catch (error) {
              job.outcome = { ok: false, error };
            }
          }
        },
        { behavior: "immediate" },
      );
    } catch (error) {
      // The commit itself failed: nothing of this batch is durable, so nothing is acknowledged.
      for (const job of batch) job.reject(error);
      return;
    }
    this.stats.batches += 1;
    this.stats.jobs += batch.length;
    this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
    for (const job of batch) {
      const outcome = job.outcome!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    }
  }
}

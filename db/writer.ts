/**
 * One writer for the whole process. Every write goes through it; the queue commits whatever has
 * gathered in one IMMEDIATE transaction (group commit). Jobs of one batched kind that queued next
 * to each other (votes) are handed to their batcher together, so a hundred votes cost a handful of
 * statements instead of a thousand; every run of jobs has its own savepoint, so one failing run
 * does not undo its neighbours. A job's promise settles only after its batch committed, so an
 * acknowledged write is durable.
 *
 * The writer knows whether it can write: `health` is its last commit's outcome, kept as it commits
 * (reading it costs nothing). After a failed commit it tries again by itself, an empty write
 * transaction after a backoff that doubles up to `retryMaxMs`, so it comes back up when the
 * database does, whether or not new jobs arrive.
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

export interface WriterHealth {
  /** whether the last commit succeeded */
  up: boolean;
  /** why the last commit failed, while down */
  error?: string;
}

export interface WriterOptions {
  maxBatch?: number;
  /** the first wait before trying again after a failed commit, ms (default 250) */
  retryMinMs?: number;
  /** the longest wait between tries, ms (default 30 s) */
  retryMaxMs?: number;
  /** a fresh connection for a try after a failed commit (the failed one may be left unusable) */
  reopen?: () => Promise<WriteDb>;
  /**
   * How long a batch keeps trying to begin while other processes hold the database's write lock
   * past the busy timeout, ms (default 60 s). Only then does the batch fail.
   */
  busyRetryMs?: number;
}

/** SQLITE_BUSY: another connection (another process) holds the write lock. */
export function isBusy(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | undefined;
  return e?.code === "SQLITE_BUSY" || (typeof e?.message === "string" && /SQLITE_BUSY|database is locked/.test(e.message));
}

export class Writer {
  #db: WriteDb;
  readonly #reopen: (() => Promise<WriteDb>) | undefined;
  /** the next batch starts on a fresh connection */
  #reopenNext = false;
  readonly #maxBatch: number;
  #queue: Queued[] = [];
  #running = false;
  #closed = false;
  #idle: (() => void)[] = [];
  readonly stats: WriterStats = { batches: 0, jobs: 0, largestBatch: 0 };
  #health: WriterHealth = { up: true };
  #listeners: ((health: WriterHealth) => void)[] = [];
  readonly #retryMinMs: number;
  readonly #retryMaxMs: number;
  readonly #busyRetryMs: number;
  #retryDelay: number;
  #retry: ReturnType<typeof setTimeout> | undefined;

  constructor(db: WriteDb, options: WriterOptions = {}) {
    this.#db = db;
    this.#maxBatch = options.maxBatch ?? 512;
    this.#retryMinMs = options.retryMinMs ?? 250;
    this.#retryMaxMs = options.retryMaxMs ?? 30_000;
    this.#retryDelay = this.#retryMinMs;
    this.#reopen = options.reopen;
    this.#busyRetryMs = options.busyRetryMs ?? 60_000;
  }

  /** The last commit's outcome: no I/O, for health checks. */
  get health(): WriterHealth {
    return this.#health;
  }

  /** Called whenever `health` changes (up to down or back). */
  onHealth(listener: (health: WriterHealth) => void): void {
    this.#listeners.push(listener);
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
    clearTimeout(this.#retry);
    await this.flush();
    this.#closed = true;
    clearTimeout(this.#retry);
  }

  #setHealth(health: WriterHealth): void {
    const changed = health.up !== this.#health.up;
    this.#health = health;
    if (changed) for (const listener of this.#listeners) listener(health);
  }

  #committed(): void {
    this.#retryDelay = this.#retryMinMs;
    if (!this.#health.up) this.#setHealth({ up: true });
  }

  /** Down until a commit succeeds: an empty write transaction is tried after each backoff. */
  #failed(error: unknown): void {
    this.#setHealth({ up: false, error: error instanceof Error ? error.message : String(error) });
    if (this.#retry || this.#closed) return;
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      this.#reopenNext = this.#reopen !== undefined;
      if (!this.#closed) this.run(async () => undefined).catch(() => undefined);
    }, this.#retryDelay);
    this.#retry.unref?.();
    this.#retryDelay = Math.min(this.#retryMaxMs, this.#retryDelay * 2);
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
    const busySince = Date.now();
    for (;;) {
      // set once the transaction has begun (BEGIN IMMEDIATE took the write lock) and jobs run
      let began = false;
      try {
        if (this.#reopenNext) {
          this.#reopenNext = false;
          this.#db = await this.#reopen!();
        }
        await this.#db.transaction(async (tx) => {
          began = true;
          await this.#runJobs(tx, batch);
        });
        break;
      } catch (error) {
        // Another process held the write lock past the busy timeout: no job of this batch ran, so
        // the batch begins again whole, on a fresh connection (a BEGIN that failed busy leaves
        // the libsql client holding a transaction it never got). Votes wait; none is refused.
        if (!began && isBusy(error) && !this.#closed && Date.now() - busySince < this.#busyRetryMs) {
          this.#reopenNext = this.#reopen !== undefined;
          await new Promise((r) => setTimeout(r, 5));
          continue;
        }
        // The commit itself failed: nothing of this batch is durable, so nothing is acknowledged.
        this.#failed(error);
        for (const q of batch) q.reject(error);
        return;
      }
    }
    this.#committed();
    this.stats.batches += 1;
    this.stats.jobs += batch.length;
    this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
    for (const q of batch) {
      const outcome = q.outcome!;
      if (outcome.ok) q.resolve(outcome.value);
      else q.reject(outcome.error);
    }
  }

  async #runJobs(tx: Tx, batch: Queued[]): Promise<void> {
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
  }
}

/**
 * Where votes are written. For a local SQLite file the vote writer runs in a worker thread with its
 * own connection: libsql's file access is synchronous, and a batch's statements and its fsync would
 * otherwise stop the event loop that serves every other request. Remote databases (Turso) are
 * asynchronous already and keep the writer in-process.
 */
import { Worker } from "node:worker_threads";
import {
  findIdempotent,
  voterDayUsage,
  type UsageQuery,
  type Database,
  type ReplayAsker,
  type StoredResponse,
  type WriterHealth,
  type WriterStats,
} from "../../db/index.ts";
import { AppError, type ErrorCode } from "../errors.ts";
import { voteBatcher, type VoteIntent, type VoteResult } from "./vote-batch.ts";

export interface VoteRecorder {
  readonly kind: "inline" | "worker";
  record(intent: VoteIntent): Promise<VoteResult>;
  /** the answer already given to this idempotency key that replays for `asker` (db/votes.ts `replays`), asked at `now` */
  answered(asker: ReplayAsker, keyHash: string, now: number): Promise<StoredResponse | undefined>;
  /** votes per entry this voter cast in this list on this day, from the writer's memory of the ledger */
  usage(query: UsageQuery): Promise<Map<number, number>>;
  stats(): Promise<WriterStats>;
  /** whether votes can be recorded now: the writer is running and its last commit succeeded (no I/O) */
  up(): boolean;
  close(): Promise<void>;
  /** for tests: stop the writer thread as a crash would */
  crash?(): void;
}

export function inlineVoteRecorder(db: Database): VoteRecorder {
  const batcher = voteBatcher(db.memory);
  return {
    kind: "inline",
    record: (intent) => db.writer.submit(batcher, intent),
    answered: (asker, keyHash, now) => findIdempotent(db.read, db.memory.answers, asker, keyHash, now),
    usage: (query) => voterDayUsage(db.read, db.memory, query),
    stats: async () => ({ ...db.writer.stats }),
    up: () => db.writer.health.up,
    close: async () => db.writer.flush(),
  };
}

/** What crosses the thread boundary for a failed vote. */
export type SerializedError = { app: true; code: ErrorCode; detail?: { zh: string; en?: string } } | { app: false; message: string };

export function serializeError(error: unknown): SerializedError {
  if (error instanceof AppError) return { app: true, code: error.code, detail: error.detail };
  return { app: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}

function reviveError(e: SerializedError): Error {
  return e.app ? new AppError(e.code, e.detail) : new Error(`vote writer: ${e.message}`);
}

export type ToWorker =
  | { id: number; intent: VoteIntent }
  | { id: number; answered: { asker: ReplayAsker; keyHash: string; now: number } }
  | { id: number; usage: UsageQuery }
  | { id: number; stats: true }
  | { id: number; close: true };
export type Reply =
  | { id: number; ok: true; value: VoteResult | StoredResponse | WriterStats | [number, number][] | null }
  | { id: number; ok: false; error: SerializedError };
/**
 * Replies travel together: every answer settled in one turn of the thread's event loop, in one
 * message, as the JSON text of a `Reply[]` (see `outbox`).
 */
export type FromWorker = { ready: true } | { fatal: string } | { health: WriterHealth } | string;

/**
 * Collects what is sent in one turn of the event loop and posts it as one message after the turn
 * (setImmediate): a batch's hundred answers cost one message event on the other side, not a
 * hundred (decision 029). Both threads post the batch as JSON text: a string crosses as one copy,
 * where a structured clone of a hundred objects cost more than writing and parsing their JSON
 * (decision 042).
 */
export function outbox<T>(post: (messages: T[]) => void): (message: T) => void {
  let queued: T[] = [];
  return (message) => {
    queued.push(message);
    if (queued.length > 1) return;
    setImmediate(() => {
      const out = queued;
      queued = [];
      post(out);
    });
  };
}

type Pending = { resolve: (v: never) => void; reject: (e: Error) => void };

async function startWorker(url: string, authToken: string | undefined): Promise<Worker> {
  // The worker runs TypeScript through tsx, whatever started this process (tsx, vitest, node).
  const worker = new Worker(new URL("./vote-worker-boot.mjs", import.meta.url), { workerData: { url, authToken } });
  await new Promise<void>((resolve, reject) => {
    worker.once("message", (m: FromWorker) => {
      worker.off("error", reject);
      if (typeof m !== "string" && "ready" in m) resolve();
      else reject(new Error(`vote writer could not start: ${typeof m !== "string" && "fatal" in m ? m.fatal : "unexpected message"}`));
    });
    worker.once("error", reject);
  });
  return worker;
}

export interface WorkerOptions {
  log?: (line: string) => void;
  /** the first wait before starting the thread again once it keeps stopping, ms (default 1000; doubles to 60 s) */
  restartBackoffMs?: number;
}

const restartedError = () =>
  new AppError("unavailable", { zh: "投票服务刚刚重启，请再点一次", en: "The vote service restarted; please tap again" });

/** Restarts within a minute that go without a wait; past them the wait doubles each time. */
const FREE_RESTARTS = 5;

/** Notes a death at `now` in `deaths` (the last minute's) and says how long to wait before the next start. */
function restartWait(deaths: number[], now: number, backoffMs: number): number {
  deaths.push(now);
  while (deaths.length > 0 && deaths[0]! < now - 60_000) deaths.shift();
  const over = deaths.length - FREE_RESTARTS;
  return over > 0 ? Math.min(60_000, backoffMs * 2 ** (over - 1)) : 0;
}

/** Settles the waiting requests the thread answered. */
function settle(pending: Map<number, Pending>, replies: Reply[]): void {
  for (const r of replies) {
    const p = pending.get(r.id);
    if (!p) continue;
    pending.delete(r.id);
    if (r.ok) p.resolve(r.value as never);
    else p.reject(reviveError(r.error));
  }
}

/**
 * Votes through the writer thread. If the thread dies, the votes it had not answered fail (their
 * clients retry with the same idempotency key, which never counts twice) and a new thread is
 * started at once; when it keeps dying (more than five times a minute) or cannot start, it is
 * started again after a wait that doubles up to a minute. It never gives up: `up()` says false
 * meanwhile, and so does `/api/health`.
 */
export async function workerVoteRecorder(url: string, authToken?: string, options: WorkerOptions = {}): Promise<VoteRecorder> {
  const log = options.log ?? (() => {});
  const backoffMs = options.restartBackoffMs ?? 1000;
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let closing = false;
  // a thread is running and answering; its writer committed its last batch
  let running = false;
  let writerUp = true;
  let restarting: Promise<void> | undefined;
  let waiting: ReturnType<typeof setTimeout> | undefined;
  const deaths: number[] = [];
  let worker: Worker;

  const start = () => {
    waiting = undefined;
    restarting = startWorker(url, authToken)
      .then((next) => {
        worker = next;
        writerUp = true;
        running = true;
        attach(next);
      })
      .catch((error: unknown) => stopped(`vote writer could not start: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => (restarting = undefined));
  };

  const stopped = (why: string) => {
    running = false;
    if (closing) return;
    const wait = restartWait(deaths, Date.now(), backoffMs);
    log(wait > 0 ? `${why}; it keeps stopping, starting it again in ${wait} ms` : `${why}; starting a new one`);
    waiting = setTimeout(start, wait);
    waiting.unref?.();
  };

  const attach = (w: Worker) => {
    w.on("message", (m: FromWorker) => {
      if (typeof m !== "string") {
        if ("health" in m) {
          writerUp = m.health.up;
          if (!m.health.up) log(`vote writer cannot commit: ${m.health.error ?? "unknown error"}`);
        }
        return;
      }
      settle(pending, JSON.parse(m) as Reply[]);
    });
    w.on("error", (error) => log(`vote writer thread failed: ${error.message}`));
    w.on("exit", (code) => {
      // Whether these votes committed is unknown: the client's retry with its key will tell.
      for (const p of pending.values()) p.reject(restartedError());
      pending.clear();
      if (w === worker) stopped(`vote writer stopped (exit ${code})`);
    });
  };

  worker = await startWorker(url, authToken);
  running = true;
  attach(worker);
  // to whichever thread runs when the turn ends (a restart in between gets them: their answers are awaited)
  const post = outbox<ToWorker>((messages) => worker.postMessage(JSON.stringify(messages)));

  const ask = async <T>(message: Record<string, unknown>): Promise<T> => {
    if (restarting) await restarting;
    if (!running) throw new AppError("unavailable");
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: never) => void, reject });
      post({ id, ...message } as ToWorker);
    });
  };

  return {
    kind: "worker",
    record: (intent) => ask<VoteResult>({ intent }),
    answered: async (asker, keyHash, now) => (await ask<StoredResponse | null>({ answered: { asker, keyHash, now } })) ?? undefined,
    usage: async (query) => new Map(await ask<[number, number][]>({ usage: query })),
    stats: () => ask<WriterStats>({ stats: true }),
    up: () => running && writerUp,
    async close() {
      if (restarting) await restarting;
      closing = true;
      clearTimeout(waiting);
      if (running) await ask<null>({ close: true }).catch(() => undefined);
      await worker.terminate();
    },
    crash: () => void worker.terminate(),
  };
}

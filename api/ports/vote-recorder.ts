/**
 * Where votes are written. For a local SQLite file the vote writer runs in a worker thread with its
 * own connection: libsql's file access is synchronous, and a batch's statements and its fsync would
 * otherwise stop the event loop that serves every other request. Remote databases (Turso) are
 * asynchronous already and keep the writer in-process.
 */
import { Worker } from "node:worker_threads";
import { findIdempotent, type Database, type StoredResponse, type WriterStats } from "../../db/index.ts";
import { AppError, type ErrorCode } from "../errors.ts";
import { voteBatcher, type VoteIntent, type VoteResult } from "./vote-batch.ts";

export interface VoteRecorder {
  readonly kind: "inline" | "worker";
  record(intent: VoteIntent): Promise<VoteResult>;
  /** the answer already given to this voter's idempotency key (or, as `NO_COOKIE`, to a request without a cookie) */
  answered(voterHash: string, keyHash: string): Promise<StoredResponse | undefined>;
  stats(): Promise<WriterStats>;
  close(): Promise<void>;
  /** for tests: stop the writer thread as a crash would */
  crash?(): void;
}

export function inlineVoteRecorder(db: Database): VoteRecorder {
  return {
    kind: "inline",
    record: (intent) => db.writer.submit(voteBatcher, intent),
    answered: (voterHash, keyHash) => findIdempotent(db.read, voterHash, keyHash),
    stats: async () => ({ ...db.writer.stats }),
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
  | { id: number; answered: { voterHash: string; keyHash: string } }
  | { id: number; stats: true }
  | { id: number; close: true };
export type FromWorker =
  | { ready: true }
  | { fatal: string }
  | { id: number; ok: true; value: VoteResult | StoredResponse | WriterStats | null }
  | { id: number; ok: false; error: SerializedError };

type Pending = { resolve: (v: never) => void; reject: (e: Error) => void };

async function startWorker(url: string, authToken: string | undefined): Promise<Worker> {
  // The worker runs TypeScript through tsx, whatever started this process (tsx, vitest, node).
  const worker = new Worker(new URL("./vote-worker-boot.mjs", import.meta.url), { workerData: { url, authToken } });
  await new Promise<void>((resolve, reject) => {
    worker.once("message", (m: FromWorker) => {
      worker.off("error", reject);
      if ("ready" in m) resolve();
      else reject(new Error(`vote writer could not start: ${"fatal" in m ? m.fatal : "unexpected message"}`));
    });
    worker.once("error", reject);
  });
  return worker;
}

/**
 * Votes through the writer thread. If the thread dies, the votes it had not answered fail (their
 * clients retry with the same idempotency key, which never counts twice) and a new thread is
 * started; after five deaths within a minute it stays down and says why.
 */
export async function workerVoteRecorder(url: string, authToken?: string, log: (line: string) => void = () => {}): Promise<VoteRecorder> {
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let closing = false;
  let failure: Error | undefined;
  let restarting: Promise<void> | undefined;
  const deaths: number[] = [];

  const attach = (w: Worker) => {
    w.on("message", (m: FromWorker) => {
      if (!("id" in m)) return;
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.ok) p.resolve(m.value as never);
      else p.reject(reviveError(m.error));
    });
    w.on("error", (error) => log(`vote writer thread failed: ${error.message}`));
    w.on("exit", (code) => {
      // Whether these votes committed is unknown: the client's retry with its key will tell.
      const lost = new AppError("unavailable", { zh: "投票服务刚刚重启，请再点一次", en: "The vote service restarted; please tap again" });
      for (const p of pending.values()) p.reject(lost);
      pending.clear();
      if (closing) return;
      const now = Date.now();
      deaths.push(now);
      while (deaths.length > 0 && deaths[0]! < now - 60_000) deaths.shift();
      if (deaths.length > 5) {
        failure = new AppError("unavailable");
        log("vote writer keeps stopping; not restarting it");
        return;
      }
      log(`vote writer stopped (exit ${code}); starting a new one`);
      restarting = startWorker(url, authToken)
        .then((next) => {
          worker = next;
          attach(next);
        })
        .catch((error: unknown) => {
          failure = error instanceof Error ? error : new Error(String(error));
          log(failure.message);
        })
        .finally(() => (restarting = undefined));
    });
  };

  let worker = await startWorker(url, authToken);
  attach(worker);

  const ask = async <T>(message: Record<string, unknown>): Promise<T> => {
    if (restarting) await restarting;
    if (failure) throw failure;
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: never) => void, reject });
      worker.postMessage({ id, ...message });
    });
  };

  return {
    kind: "worker",
    record: (intent) => ask<VoteResult>({ intent }),
    answered: async (voterHash, keyHash) => (await ask<StoredResponse | null>({ answered: { voterHash, keyHash } })) ?? undefined,
    stats: () => ask<WriterStats>({ stats: true }),
    async close() {
      if (restarting) await restarting;
      closing = true;
      if (!failure) await ask<null>({ close: true }).catch(() => undefined);
      await worker.terminate();
    },
    crash: () => void worker.terminate(),
  };
}

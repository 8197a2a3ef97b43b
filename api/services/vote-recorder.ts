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
  /** the answer already given to this voter's idempotency key, if any */
  answered(voterHash: string, keyHash: string): Promise<StoredResponse | undefined>;
  stats(): Promise<WriterStats>;
  close(): Promise<void>;
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

export async function workerVoteRecorder(url: string, authToken?: string): Promise<VoteRecorder> {
  // The worker runs TypeScript through tsx, whatever started this process (tsx, vitest, node).
  const worker = new Worker(new URL("./vote-worker-boot.mjs", import.meta.url), { workerData: { url, authToken } });
  const pending = new Map<number, { resolve: (v: never) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let failure: Error | undefined;

  await new Promise<void>((resolve, reject) => {
    const onMessage = (m: FromWorker) => {
      if ("ready" in m) {
        worker.off("error", reject);
        resolve();
      } else if ("fatal" in m) reject(new Error(`vote writer could not start: ${m.fatal}`));
    };
    worker.once("message", onMessage);
    worker.once("error", reject);
  });

  const failAll = (error: Error) => {
    failure = error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  worker.on("message", (m: FromWorker) => {
    if (!("id" in m)) return;
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.ok) p.resolve(m.value as never);
    else p.reject(reviveError(m.error));
  });
  worker.on("error", (error) => failAll(error));
  worker.on("exit", (code) => failAll(new Error(`vote writer stopped (exit ${code})`)));

  const ask = <T>(message: Omit<ToWorker, "id"> & Record<string, unknown>): Promise<T> => {
    if (failure) return Promise.reject(failure);
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
      if (!failure) await ask<null>({ close: true });
      await worker.terminate();
    },
  };
}

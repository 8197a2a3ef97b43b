/**
 * The vote writer's thread: its own single-connection client and writer, fed by the main thread.
 * Everything that arrives while a batch commits goes into the next batch, as in-process.
 */
import { parentPort, workerData } from "node:worker_threads";
import { heldStatementsClient } from "../../db/held-client.ts";
import { findIdempotent, openDatabase, voterDayUsage, type Database } from "../../db/index.ts";
import { voteBatcher } from "./vote-batch.ts";
import { outbox, serializeError, type FromWorker, type Reply, type ToWorker } from "./vote-recorder.ts";

const port = parentPort!;
const send = (m: FromWorker) => port.postMessage(m);
const reply = outbox<Reply>((replies) => send(JSON.stringify(replies)));
const { url, authToken } = workerData as { url: string; authToken?: string };

let db: Database;
let batcher: ReturnType<typeof voteBatcher>;
try {
  // The main thread has migrated the database already.
  // The writer's connection keeps its prepared statements: a batch runs the same few (db/held-client.ts).
  db = await openDatabase(url, authToken, { migrate: false, openWriter: heldStatementsClient });
  batcher = voteBatcher(db.memory);
  // The main thread keeps the writer's state for /api/health: told when it changes, never asked.
  db.writer.onHealth((health) => send({ health }));
  send({ ready: true });
} catch (error) {
  send({ fatal: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}

port.on("message", (messages: string) => {
  for (const m of JSON.parse(messages) as ToWorker[]) handle(m);
});

function handle(m: ToWorker): void {
  if ("intent" in m) {
    db.writer.submit(batcher, m.intent).then(
      (value) => reply({ id: m.id, ok: true, value }),
      (error: unknown) => reply({ id: m.id, ok: false, error: serializeError(error) }),
    );
  } else if ("answered" in m) {
    findIdempotent(db.read, db.memory.answers, m.answered.asker, m.answered.keyHash, m.answered.now).then(
      (value) => reply({ id: m.id, ok: true, value: value ?? null }),
      (error: unknown) => reply({ id: m.id, ok: false, error: serializeError(error) }),
    );
  } else if ("usage" in m) {
    voterDayUsage(db.read, db.memory, m.usage).then(
      (value) => reply({ id: m.id, ok: true, value: [...value] }),
      (error: unknown) => reply({ id: m.id, ok: false, error: serializeError(error) }),
    );
  } else if ("stats" in m) {
    reply({ id: m.id, ok: true, value: { ...db.writer.stats } });
  } else if ("close" in m) {
    db.close().then(
      () => reply({ id: m.id, ok: true, value: null }),
      (error: unknown) => reply({ id: m.id, ok: false, error: serializeError(error) }),
    );
  }
}

/**
 * The bench's durable anchor (scripts/bench/bare.ts): one plain row per request in a table of its
 * own, in a file of its own, committed by group commit with WAL and synchronous=FULL, through the
 * same @libsql/client as the ledger. What durable storage allows on this machine, with none of the
 * vote's rules: the yardstick the vote path is measured against. Never opened on a real database.
 */
import { createClient } from "@libsql/client";

export interface Anchor {
  /** resolves once the row is committed (its batch's fsync done) */
  commit(body: string): Promise<void>;
  count(): Promise<number>;
  close(): void;
}

export async function openAnchor(path: string): Promise<Anchor> {
  const client = createClient({ url: `file:${path}`, concurrency: 1 });
  await client.execute("PRAGMA journal_mode = WAL");
  await client.execute("PRAGMA synchronous = FULL");
  await client.execute("CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, body TEXT NOT NULL)");

  type Waiting = { body: string; done: (error?: unknown) => void };
  let queue: Waiting[] = [];
  let running = false;

  /** Everything that queued while the last batch committed goes into the next one: one fsync a batch. */
  async function drain(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      const now = Date.now();
      try {
        // 2 parameters a row: far below SQLite's 32766 for any batch the clients can make
        await client.batch(
          [
            {
              sql: `INSERT INTO rows (at, body) VALUES ${batch.map(() => "(?, ?)").join(", ")}`,
              args: batch.flatMap((w) => [now, w.body]),
            },
          ],
          "write",
        );
        for (const w of batch) w.done();
      } catch (error) {
        for (const w of batch) w.done(error);
      }
      if (queue.length > 0) await new Promise((r) => setImmediate(r));
    }
    running = false;
  }

  return {
    commit: (body) =>
      new Promise((resolve, reject) => {
        queue.push({ body, done: (error) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve()) });
        if (!running) {
          running = true;
          setImmediate(() => void drain());
        }
      }),
    async count() {
      const r = await client.execute("SELECT count(*) AS n FROM rows");
      return Number(r.rows[0]!.n);
    },
    close: () => client.close(),
  };
}

/**
 * The writer knows whether it can write, and comes back by itself: a commit that fails (here the
 * write lock held by another connection past the busy timeout) turns its health down, and its own
 * retries with backoff, each on a fresh connection, turn it up again once the lock is gone, without
 * any new job. (Without the fresh connection the libsql file client fails every later COMMIT.)
 */
import { createClient } from "@libsql/client";
import { describe, expect, it } from "vitest";
import { openConnections, Writer, type WriterHealth } from "../../../db/index.ts";
import { freshEnv } from "../../helpers/env.ts";

const until = async (what: () => boolean, ms = 5000) => {
  for (const end = Date.now() + ms; !what() && Date.now() < end;) await new Promise((r) => setTimeout(r, 20));
  return what();
};

describe("the writer's health", () => {
  it("goes down when a commit fails and up again by its own retry once the database takes writes", async () => {
    const { DATABASE_URL: url } = freshEnv();
    const conn = await openConnections(url, undefined, { busyTimeoutMs: 100 });
    // busyRetryMs 0: the first busy BEGIN fails the batch (by default the batch waits its turn, below)
    const writer = new Writer(conn.write, { retryMinMs: 50, retryMaxMs: 200, reopen: () => conn.reopenWrite(), busyRetryMs: 0 });
    const blocker = createClient({ url });
    const seen: WriterHealth[] = [];
    writer.onHealth((h) => seen.push(h));
    try {
      expect(writer.health).toEqual({ up: true });
      const lock = await blocker.transaction("write");
      await expect(writer.run(async () => "never")).rejects.toThrow(/SQLITE_BUSY/);
      expect(writer.health).toEqual({ up: false, error: expect.stringMatching(/SQLITE_BUSY/) });
      // still locked: the retries keep failing, and it stays down
      await new Promise((r) => setTimeout(r, 300));
      expect(writer.health.up).toBe(false);
      await lock.rollback();
      expect(await until(() => writer.health.up)).toBe(true);
      expect(seen.map((h) => h.up)).toEqual([false, true]);
      expect(await writer.run(async () => "written")).toBe("written");
    } finally {
      await writer.close();
      conn.close();
      blocker.close();
    }
  });

  it("waits out another connection's write lock held past the busy timeout: the job commits, nothing is refused", async () => {
    const { DATABASE_URL: url } = freshEnv();
    const conn = await openConnections(url, undefined, { busyTimeoutMs: 100 });
    const writer = new Writer(conn.write, { retryMinMs: 50, retryMaxMs: 200, reopen: () => conn.reopenWrite() });
    const blocker = createClient({ url });
    const seen: WriterHealth[] = [];
    writer.onHealth((h) => seen.push(h));
    try {
      const lock = await blocker.transaction("write");
      let released = false;
      // several busy timeouts long; the writer's thread is the only one waiting, so the release runs between its tries
      setTimeout(() => void lock.rollback().then(() => (released = true)), 600);
      expect(await writer.run(async () => "written")).toBe("written");
      expect(released).toBe(true);
      expect(seen).toEqual([]);
      expect(writer.health).toEqual({ up: true });
    } finally {
      await writer.close();
      conn.close();
      blocker.close();
    }
  });
});

/** The database: connections, the single writer, and the named data functions. */
import { openConnections, migrateDatabase, type ConnectionOptions, type Connections } from "./client.ts";
import { newVoteMemory, type VoteMemory } from "./vote-memory.ts";
import { Writer } from "./writer.ts";

export type { Queryable, ReadDb, Tx } from "./client.ts";
export { isLocalUrl, openConnections } from "./client.ts";
export * from "./catalog.ts";
export * from "./votes.ts";
export * from "./admin.ts";
export * from "./scores.ts";
export * from "./indicators.ts";
export * from "./publicity.ts";
export * from "./review.ts";
export * from "./retention.ts";
export * from "./refusals.ts";
export * from "./reimport.ts";
export * from "./revocations.ts";
export * from "./scoring.ts";
export { KeptAnswers } from "./answers.ts";
export { VoterDays } from "./voter-days.ts";
export { newVoteMemory, type VoteMemory } from "./vote-memory.ts";
export { Writer, type Batcher, type Outcome, type WriterHealth, type WriterStats } from "./writer.ts";

export interface Database {
  conn: Connections;
  read: Connections["read"];
  writer: Writer;
  /** what the vote path remembers of the ledger: answered keys and the current days' usage */
  memory: VoteMemory;
  close(): Promise<void>;
}

/** Opens (and migrates) the database at `url`. */
export async function openDatabase(
  url: string,
  authToken?: string,
  options: ConnectionOptions & { migrate?: boolean; busyRetryMs?: number } = {},
): Promise<Database> {
  const conn = await openConnections(url, authToken, { busyTimeoutMs: options.busyTimeoutMs, openWriter: options.openWriter });
  if (options.migrate !== false) await migrateDatabase(conn);
  const writer = new Writer(conn.write, { reopen: () => conn.reopenWrite(), busyRetryMs: options.busyRetryMs });
  return {
    conn,
    read: conn.read,
    writer,
    memory: newVoteMemory(),
    async close() {
      await writer.close();
      conn.close();
    },
  };
}

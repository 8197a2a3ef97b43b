/**
 * What every service operation is called with: `verb(ctx, input)`, the context first and one
 * input object naming its parts. The server's deps are a context; the CLI builds one over the same
 * database (api/node.ts `serviceContext`). Actors, ids and times the caller decides go in `input`.
 */
import type { Database } from "../../db/index.ts";
import type { VoteRateRules } from "../domain/rate-policy.ts";
import type { BotCheck } from "../ports/bot-check.ts";
import type { Clock } from "../ports/clock.ts";
import type { RateLimiter } from "../ports/rate-limit.ts";
import type { VoteRecorder } from "../ports/vote-recorder.ts";
import type { CatalogStore } from "../read/catalog-store.ts";
import type { Leaderboards } from "../read/leaderboard.ts";
import type { Secrets } from "../secrets.ts";
import type { RefusalCounter } from "./refusals.ts";

export interface ServiceContext {
  db: Database;
  clock: Clock;
  /** campaigns, lists and entries in memory, following the database */
  catalog: CatalogStore;
  leaderboards: Leaderboards;
  /** where votes are written: the in-process writer, or its own thread for a local file */
  votes: VoteRecorder;
  botCheck: BotCheck;
  rateLimiter: RateLimiter;
  /** per voter, per IP and global limits on vote requests */
  voteRateRules: VoteRateRules;
  secrets: Secrets;
  /** refusals of unauthenticated traffic, counted in memory and written once a minute */
  refusals: RefusalCounter;
}

/** What `createApp` is built from: every outside thing is a port handed in here. */
import type { Database } from "../db/index.ts";
import type { CatalogStore } from "./read/catalog-store.ts";
import type { Leaderboards } from "./read/leaderboard.ts";
import type { BotCheck } from "./ports/bot-check.ts";
import type { Clock } from "./ports/clock.ts";
import type { RateLimiter } from "./ports/rate-limit.ts";
import type { VoteRateRules } from "./domain/rate-policy.ts";
import type { Secrets } from "./secrets.ts";
import type { VoteRecorder } from "./ports/vote-recorder.ts";

export interface AppDeps {
  db: Database;
  /** where votes are written: the in-process writer, or its own thread for a local file */
  votes: VoteRecorder;
  catalog: CatalogStore;
  leaderboards: Leaderboards;
  botCheck: BotCheck;
  rateLimiter: RateLimiter;
  /** per voter, per IP and global limits on vote requests */
  voteRateRules: VoteRateRules;
  clock: Clock;
  secrets: Secrets;
  http: {
    /** header carrying the client IP behind a trusted proxy; undefined = the socket address */
    ipHeader?: string;
    /** mark cookies Secure: always, never, or when the request came over https */
    secureCookies: "always" | "never" | "auto";
    /** PUBLIC_ORIGIN: where this site lives (oEmbed answers and refuses by it); else the request's origin */
    publicOrigin?: string;
  };
  /** the socket's remote address, when the runtime has one */
  remoteAddress?: (raw: Request, env: unknown) => string | undefined;
}

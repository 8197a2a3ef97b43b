/** What `createApp` is built from: every outside thing is a port handed in here. */
import type { Database } from "../db/index.ts";
import { catalogVersion, loadCatalog } from "../db/index.ts";
import { Catalog } from "./catalog.ts";
import type { Leaderboards } from "./leaderboard.ts";
import type { BotCheck } from "./ports/bot-check.ts";
import type { Clock } from "./ports/clock.ts";
import type { RateLimiter, VoteRateRules } from "./ports/rate-limit.ts";
import type { Secrets } from "./secrets.ts";
import type { VoteRecorder } from "./services/vote-recorder.ts";

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

/**
 * The in-memory catalog and how it follows the database: `refresh` is cheap (one read of the
 * catalog version) and reloads only when an import, open or close moved the version.
 */
export class CatalogStore {
  #current: Catalog = Catalog.empty();
  #listeners: ((catalog: Catalog) => void)[] = [];
  #reloading: Promise<Catalog> | undefined;

  constructor(private readonly db: Database) {}

  get current(): Catalog {
    return this.#current;
  }

  onChange(listener: (catalog: Catalog) => void): void {
    this.#listeners.push(listener);
  }

  async reload(): Promise<Catalog> {
    if (!this.#reloading) {
      this.#reloading = loadCatalog(this.db.read)
        .then((stored) => {
          const next = Catalog.fromStored(stored);
          const changed = next.version !== this.#current.version;
          this.#current = next;
          if (changed) for (const l of this.#listeners) l(next);
          return next;
        })
        .finally(() => (this.#reloading = undefined));
    }
    return this.#reloading;
  }

  async refresh(): Promise<Catalog> {
    const version = await catalogVersion(this.db.read);
    if (version !== this.#current.version) return this.reload();
    return this.#current;
  }
}

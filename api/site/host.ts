import { allIndicatorValues, allScores, allTallies } from "../../db/index.ts";
import type { AppDeps } from "../deps.ts";
import { nextScheduledReveal } from "../read/score-reveal.ts";
import { nextDayStart } from "../../common/timeline.ts";
import { PublicationStateTimer, sitePublications } from "./publications.ts";
import { buildKey, buildKeyOf, buildSite, currentSiteDir, siteSnapshot, type SiteDirs } from "./build.ts";

export interface SiteHostOptions {
  /** build the site here and serve it (the Node default); false when a CDN serves it */
  serve: boolean;
  /**
   * Serve what another process sharing this data directory builds (`current`), never building
   * and never calling the hook: for every process but the one site builder (BANGDAN_SITE=follow).
   */
  follow?: boolean;
  /** SITE_REBUILD_HOOK: a deployment elsewhere that rebuilds its static site when called */
  rebuildHook?: string;
  siteKey: string | null;
  log: (line: string) => void;
  /** wait before rebuilding after a change, so a burst of changes builds once */
  delayMs: number;
}

/**
 * Keeps the static site in step with the database, and is the one owner of every reason to
 * rebuild: a catalog change (import, open, close, scores, publication), a scheduled close that
 * reveals scores (decision 009), a publicity period starting or ending, and midnight where a
 * campaign's timeline marks today's stage. Each reaches the local
 * build (in the background, one at a time, again if more changed meanwhile) and the rebuild hook.
 */
export class SiteHost {
  #dir: string | undefined;
  #building: Promise<void> | undefined;
  #again = false;
  #timer: NodeJS.Timeout | undefined;
  /** rebuilds when a list's scheduled close reveals its scores (decision 009) */
  #revealTimer: NodeJS.Timeout | undefined;
  /** rebuilds at midnight in a timeline campaign's zone: the stage bar marks today (今天) */
  #dayTimer: NodeJS.Timeout | undefined;
  readonly #publications: PublicationStateTimer;
  builds = 0;

  constructor(
    private readonly dirs: SiteDirs,
    private readonly deps: AppDeps,
    private readonly options: SiteHostOptions,
  ) {
    this.#dir = currentSiteDir(dirs);
    this.#publications = new PublicationStateTimer(deps, () => this.#changed());
  }

  /** Builds a missing or stale site, then follows every change until `stop`. */
  async start(): Promise<void> {
    if (this.options.follow) return;
    if (!this.options.serve && !this.options.rebuildHook) return;
    if (this.options.serve) await this.ensureCurrent();
    else this.#armRevealTimer();
    await this.#publications.arm();
    this.#armDayTimer();
    this.deps.catalog.onChange(() => {
      this.#changed();
      this.#armDayTimer();
      // a publication changes when periods start and end
      void this.#publications.arm().catch((error: unknown) => this.options.log(`publication timer failed: ${String(error)}`));
    });
  }

  #changed(): void {
    if (this.options.serve) this.schedule();
    else this.#armRevealTimer();
    const hook = this.options.rebuildHook;
    if (hook) {
      fetch(hook, { method: "POST", signal: AbortSignal.timeout(10_000) })
        .then((res) => this.options.log(`site rebuild hook answered ${res.status}`))
        .catch((error: unknown) => this.options.log(`site rebuild hook failed: ${String(error)}`));
    }
  }

  get dir(): string | undefined {
    // a follower reads the link at each request: the builder swaps it, and prunes the builds before
    return this.options.follow ? currentSiteDir(this.dirs) : this.#dir;
  }

  async snapshot() {
    const now = this.deps.clock.now();
    const [tallies, scores, publications, indicatorValues] = await Promise.all([
      allTallies(this.deps.db.read),
      allScores(this.deps.db.read),
      sitePublications(this.deps, now),
      allIndicatorValues(this.deps.db.read),
    ]);
    return siteSnapshot(this.deps.catalog.current, tallies, now, this.options.siteKey, {
      scores,
      publications,
      publicOrigin: this.deps.http.publicOrigin,
      indicatorValues,
    });
  }

  /** Builds now when the current build is missing or stale; resolves when the site is current. */
  async ensureCurrent(): Promise<void> {
    const snapshot = await this.snapshot();
    this.#armRevealTimer();
    if (this.#dir && buildKeyOf(this.#dir) === buildKey(snapshot)) return;
    this.options.log(this.#dir ? "site is stale; building…" : "site not built yet; building…");
    this.#dir = await buildSite(this.dirs, snapshot, this.options.log);
    this.builds += 1;
  }

  /** Asks for a background rebuild; the old site keeps serving until the new one is ready. */
  schedule(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (this.#building) {
        this.#again = true;
        return;
      }
      this.#building = this.ensureCurrent()
        .catch((error: unknown) => this.options.log(`site rebuild failed; still serving the previous build: ${String(error)}`))
        .finally(() => {
          this.#building = undefined;
          if (this.#again) {
            this.#again = false;
            this.schedule();
          }
        });
    }, this.options.delayMs);
  }

  async idle(): Promise<void> {
    while (this.#timer || this.#building) {
      await (this.#building ?? new Promise((r) => setTimeout(r, 50)));
    }
  }

  #armRevealTimer(): void {
    if (this.#revealTimer) clearTimeout(this.#revealTimer);
    this.#revealTimer = undefined;
    const now = this.deps.clock.now();
    const at = nextScheduledReveal(
      this.deps.catalog.current.campaigns.flatMap((c) => c.lists),
      now,
    );
    if (at === undefined) return;
    // a second late, so the list is closed when the build reads it; setTimeout caps at ~24.8 days
    this.#revealTimer = setTimeout(() => this.#changed(), Math.min(at - now + 1000, 2 ** 31 - 1));
    this.#revealTimer.unref();
  }

  /** The next midnight in any timeline campaign's zone (a second late, so the build reads the new day). */
  #armDayTimer(): void {
    if (this.#dayTimer) clearTimeout(this.#dayTimer);
    this.#dayTimer = undefined;
    const now = this.deps.clock.now();
    const zones = new Set(this.deps.catalog.current.campaigns.filter((c) => c.definition.timeline?.length).map((c) => c.timezone));
    if (zones.size === 0) return;
    const at = Math.min(...[...zones].map((zone) => nextDayStart(now, zone)));
    this.#dayTimer = setTimeout(
      () => {
        this.#dayTimer = undefined;
        this.#changed();
        this.#armDayTimer();
      },
      at - now + 1000,
    );
    this.#dayTimer.unref();
  }

  stop(): void {
    if (this.#dayTimer) clearTimeout(this.#dayTimer);
    this.#dayTimer = undefined;
    this.#publications.stop();
    if (this.#revealTimer) clearTimeout(this.#revealTimer);
    this.#revealTimer = undefined;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

import { allIndicatorValues, allScores, allTallies } from "../db/index.ts";
import type { AppDeps } from "./deps.ts";
import { nextScheduledReveal } from "./scoring.ts";
import { sitePublications } from "./site-publicity.ts";
import { buildKey, buildKeyOf, buildSite, currentSiteDir, siteSnapshot, type SiteDirs } from "./site-build.ts";

/**
 * Keeps the static site in step with the database: builds it when missing or stale, rebuilds in
 * the background after a change (one build at a time, again if more changed meanwhile).
 */
export class SiteHost {
  #dir: string | undefined;
  #building: Promise<void> | undefined;
  #again = false;
  #timer: NodeJS.Timeout | undefined;
  /** rebuilds when a list's scheduled close reveals its scores (decision 009) */
  #revealTimer: NodeJS.Timeout | undefined;
  builds = 0;

  constructor(
    private readonly dirs: SiteDirs,
    private readonly deps: AppDeps,
    private readonly siteKey: string | null,
    private readonly log: (line: string) => void,
    private readonly delayMs: number,
  ) {
    this.#dir = currentSiteDir(dirs);
  }

  get dir(): string | undefined {
    return this.#dir;
  }

  async snapshot() {
    const now = this.deps.clock.now();
    const [tallies, scores, publications, indicatorValues] = await Promise.all([
      allTallies(this.deps.db.read),
      allScores(this.deps.db.read),
      sitePublications(this.deps, now),
      allIndicatorValues(this.deps.db.read),
    ]);
    return siteSnapshot(this.deps.catalog.current, tallies, now, this.siteKey, { scores, publications, publicOrigin: this.deps.http.publicOrigin, indicatorValues });
  }

  /** Builds now when the current build is missing or stale; resolves when the site is current. */
  async ensureCurrent(): Promise<void> {
    const snapshot = await this.snapshot();
    this.#armRevealTimer();
    if (this.#dir && buildKeyOf(this.#dir) === buildKey(snapshot)) return;
    this.log(this.#dir ? "site is stale; building…" : "site not built yet; building…");
    this.#dir = await buildSite(this.dirs, snapshot, this.log);
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
        .catch((error: unknown) => this.log(`site rebuild failed; still serving the previous build: ${String(error)}`))
        .finally(() => {
          this.#building = undefined;
          if (this.#again) {
            this.#again = false;
            this.schedule();
          }
        });
    }, this.delayMs);
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
    const at = nextScheduledReveal(this.deps.catalog.current.campaigns.flatMap((c) => c.lists), now);
    if (at === undefined) return;
    // a second late, so the list is closed when the build reads it; setTimeout caps at ~24.8 days
    this.#revealTimer = setTimeout(() => this.schedule(), Math.min(at - now + 1000, 2 ** 31 - 1));
    this.#revealTimer.unref();
  }

  stop(): void {
    if (this.#revealTimer) clearTimeout(this.#revealTimer);
    this.#revealTimer = undefined;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

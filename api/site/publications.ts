/** Publications for the site snapshot: each one's frozen snapshot, as served, per campaign. */
import { allPublications } from "../../db/index.ts";
import type { AppDeps } from "../deps.ts";
import type { SnapshotPublication } from "../../common/snapshot.ts";
import { nextStateChange } from "../domain/publicity.ts";
import { publicationHead, type PublicationSnapshot } from "../services/publicity.ts";

export async function sitePublications(deps: Pick<AppDeps, "db" | "catalog">, now: number): Promise<Map<string, SnapshotPublication[]>> {
  const byCampaign = new Map<string, SnapshotPublication[]>();
  for (const p of await allPublications(deps.db.read)) {
    const campaign = deps.catalog.current.campaign(p.campaignSlug);
    if (!campaign) continue;
    const snapshot = JSON.parse(p.snapshot) as PublicationSnapshot;
    const head = publicationHead(p, campaign.timezone, now);
    const entry: SnapshotPublication = { ...head, lists: snapshot.lists as SnapshotPublication["lists"] };
    const list = byCampaign.get(campaign.slug) ?? [];
    list.push(entry);
    byCampaign.set(campaign.slug, list);
  }
  return byCampaign;
}

/** setTimeout's longest delay is ~24.8 days; wake at least daily and look again. */
const MAX_WAIT_MS = 86_400_000;

/**
 * Rebuilds the site when a publication's period starts or ends, so the static pages' stage bar,
 * order and "ended" notes follow the clock, not only catalog changes. Re-armed after every change.
 */
export class PublicationStateTimer {
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(
    private readonly deps: Pick<AppDeps, "db" | "clock">,
    private readonly onChange: () => void,
  ) {}

  async arm(): Promise<void> {
    if (this.#stopped) return;
    const publications = await allPublications(this.deps.db.read);
    const now = this.deps.clock.now();
    const next = nextStateChange(publications, now);
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (next === undefined || this.#stopped) return;
    const wait = Math.min(MAX_WAIT_MS, next - now + 1000);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (next - 1 <= this.deps.clock.now()) this.onChange();
      void this.arm().catch(() => undefined);
    }, wait);
    this.#timer.unref();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

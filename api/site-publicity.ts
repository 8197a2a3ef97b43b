/** Publications for the site snapshot: each one's frozen snapshot, as served, per campaign. */
import { allPublications } from "../db/index.ts";
import type { AppDeps } from "./deps.ts";
import type { SnapshotPublication } from "../site/lib/snapshot.ts";
import { publicationHead, type PublicationSnapshot } from "./services/publicity.ts";

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

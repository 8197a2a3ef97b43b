/**
 * The one place the site reads its data: the snapshot JSON named by BANGDAN_SITE_DATA, read with
 * node:fs while pages render at build time (never imported, so Vite cannot bake a stale copy into
 * a bundle). Route helpers for getStaticPaths live here too, so every page walks the same data.
 */
import { readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import type { SiteSnapshot, SnapshotCampaign, SnapshotEntry, SnapshotList } from "../../common/snapshot";

const FIXTURE = "tests/fixtures/site-snapshot.json";

let cache: { key: string; snapshot: SiteSnapshot } | undefined;

/** Path of the snapshot file: BANGDAN_SITE_DATA (absolute or relative to the working directory), else the dev fixture. */
export function snapshotPath(): string {
  return resolve(process.cwd(), process.env.BANGDAN_SITE_DATA || FIXTURE);
}

/**
 * Reads and checks the snapshot once per file version. The cache key includes mtime and size because
 * the server may build several times in one process, with the same chunk files and new data.
 */
export function loadSnapshot(): SiteSnapshot {
  const file = snapshotPath();
  let key: string;
  try {
    const st = statSync(file);
    key = `${file}:${st.mtimeMs}:${st.size}`;
  } catch (err) {
    throw new Error(`BANGDAN_SITE_DATA: cannot read site snapshot ${file}: ${(err as Error).message}`);
  }
  if (cache?.key === key) return cache.snapshot;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`BANGDAN_SITE_DATA: ${file} is not valid JSON: ${(err as Error).message}`);
  }
  const snapshot = checkSnapshot(parsed, file);
  cache = { key, snapshot };
  return snapshot;
}

/** A shallow shape check: enough to fail the build with a message instead of rendering half a site. */
function checkSnapshot(value: unknown, file: string): SiteSnapshot {
  const fail = (what: string): never => {
    throw new Error(`BANGDAN_SITE_DATA: ${file} is not a site snapshot: ${what}`);
  };
  if (typeof value !== "object" || value === null) return fail("not an object");
  const s = value as Partial<SiteSnapshot>;
  if (!Array.isArray(s.campaigns)) return fail("campaigns is not an array");
  if (s.turnstileSiteKey !== null && typeof s.turnstileSiteKey !== "string") return fail("turnstileSiteKey must be a string or null");
  s.campaigns.forEach((c, i) => {
    if (typeof c?.slug !== "string" || typeof c.title?.zh !== "string") fail(`campaigns[${i}] lacks slug or title.zh`);
    if (!Array.isArray(c.lists)) fail(`campaigns[${i}].lists is not an array`);
    c.lists.forEach((l, j) => {
      if (typeof l?.slug !== "string" || !Array.isArray(l.entries)) fail(`campaigns[${i}].lists[${j}] lacks slug or entries`);
      l.entries.forEach((e, k) => {
        if (typeof e?.id !== "number" || typeof e.slug !== "string" || typeof e.name?.zh !== "string") {
          fail(`campaigns[${i}].lists[${j}].entries[${k}] lacks id, slug or name.zh`);
        }
      });
    });
  });
  return s as SiteSnapshot;
}

export interface CampaignProps {
  campaign: SnapshotCampaign;
}
export interface ListProps extends CampaignProps {
  list: SnapshotList;
}
export interface EntryProps extends ListProps {
  entry: SnapshotEntry;
}

export function campaignPaths() {
  return loadSnapshot().campaigns.map((campaign) => ({
    params: { campaign: campaign.slug },
    props: { campaign } satisfies CampaignProps,
  }));
}

export function listPaths() {
  return loadSnapshot().campaigns.flatMap((campaign) =>
    campaign.lists.map((list) => ({
      params: { campaign: campaign.slug, list: list.slug },
      props: { campaign, list } satisfies ListProps,
    })),
  );
}

export function entryPaths() {
  return loadSnapshot().campaigns.flatMap((campaign) =>
    campaign.lists.flatMap((list) =>
      list.entries.map((entry) => ({
        params: { campaign: campaign.slug, list: list.slug, entry: entry.slug },
        props: { campaign, list, entry } satisfies EntryProps,
      })),
    ),
  );
}

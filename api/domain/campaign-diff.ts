/**
 * What a campaign file would change against the stored definition: lists and entries added,
 * changed or removed (entries named `list/slug`). A list counts as changed when anything but its
 * entries differs; its entries are compared one by one. Key order does not matter.
 */
import type { CampaignFile } from "./campaign.ts";

export interface CampaignChanges {
  lists: { added: string[]; changed: string[]; removed: string[] };
  entries: { added: string[]; changed: string[]; removed: string[] };
}

/** JSON with object keys sorted, so two equal values print the same whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

type ListLike = { slug: string; entries: { slug: string }[] };

export function campaignChanges(before: { lists: ListLike[] } | undefined, after: CampaignFile): CampaignChanges {
  const changes: CampaignChanges = { lists: { added: [], changed: [], removed: [] }, entries: { added: [], changed: [], removed: [] } };
  const old = new Map((before?.lists ?? []).map((l) => [l.slug, l]));
  const next = new Map(after.lists.map((l) => [l.slug, l as ListLike]));
  for (const [slug, list] of next) {
    const was = old.get(slug);
    if (!was) {
      changes.lists.added.push(slug);
      for (const e of list.entries) changes.entries.added.push(`${slug}/${e.slug}`);
      continue;
    }
    const { entries: _a, ...head } = list;
    const { entries: _b, ...wasHead } = was;
    if (canonicalJson(head) !== canonicalJson(wasHead)) changes.lists.changed.push(slug);
    const oldEntries = new Map(was.entries.map((e) => [e.slug, canonicalJson(e)]));
    const newSlugs = new Set(list.entries.map((e) => e.slug));
    for (const e of list.entries) {
      const prior = oldEntries.get(e.slug);
      if (prior === undefined) changes.entries.added.push(`${slug}/${e.slug}`);
      else if (prior !== canonicalJson(e)) changes.entries.changed.push(`${slug}/${e.slug}`);
    }
    for (const e of was.entries) if (!newSlugs.has(e.slug)) changes.entries.removed.push(`${slug}/${e.slug}`);
  }
  for (const [slug, list] of old) {
    if (next.has(slug)) continue;
    changes.lists.removed.push(slug);
    for (const e of list.entries) changes.entries.removed.push(`${slug}/${e.slug}`);
  }
  return changes;
}

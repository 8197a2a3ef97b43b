/**
 * The facets a list page filters by: region, sector and each of the campaign's categories (S2's
 * 省份, 案例类型, 征集方向). A facet's name is the filter field's name, the URL query key
 * (`?province=江苏省&type=特色类`) and, as `data-f-<name>`, the attribute each card carries.
 */
import type { SnapshotCampaign, SnapshotEntry } from "../../common/snapshot";

export type Categories = NonNullable<SnapshotCampaign["categories"]>;

/** `q`, `region` and `sector` are the built-in fields; a category keyed so is named `c-<key>`. */
export function facetName(categoryKey: string): string {
  return ["q", "region", "sector"].includes(categoryKey) ? `c-${categoryKey}` : categoryKey;
}

/** A card's facet attributes: `data-f-region`, `data-f-province` … (empty when the entry has none). */
export function facetAttributes(entry: SnapshotEntry, categories: Categories): Record<string, string> {
  const attrs: Record<string, string> = { "data-f-region": entry.region ?? "", "data-f-sector": entry.sector ?? "" };
  for (const c of categories) attrs[`data-f-${facetName(c.key)}`] = entry.categories?.[c.key] ?? "";
  return attrs;
}

/** The entry's category values in the campaign's order, each with its category, for the card's chips. */
export function entryCategoryValues(entry: SnapshotEntry, categories: Categories) {
  return categories.flatMap((c) => {
    const zh = entry.categories?.[c.key];
    if (!zh) return [];
    return [{ category: c, value: c.values.find((v) => v.zh === zh) ?? { zh } }];
  });
}

/** Organizers' imported indicator figures (see the `indicator_values` table). */
import { and, eq, inArray } from "drizzle-orm";
import type { Queryable, Tx } from "./client.ts";
import { indicatorValues } from "./schema.ts";

export interface StoredIndicatorValue {
  entryId: number;
  indicator: string;
  year: number;
  type: string;
  rank: number;
  item: string;
  value: number;
}

export interface IndicatorValueWrite extends StoredIndicatorValue {
  listId: number;
}

/**
 * Writes imported figures. Each (entry, indicator, year) in the import replaces whatever was stored
 * for it, typed rows included, so a corrected file that drops a row drops it here too. Returns how
 * many such groups were new and how many replaced earlier figures.
 */
export async function replaceIndicatorValues(
  tx: Tx,
  campaignId: number,
  rows: readonly IndicatorValueWrite[],
  at: number,
): Promise<{ inserted: number; replaced: number }> {
  const groups = new Map<string, { entryId: number; indicator: string; year: number }>();
  for (const r of rows) groups.set(`${r.entryId}\u0000${r.indicator}\u0000${r.year}`, r);
  const entryIds = [...new Set(rows.map((r) => r.entryId))];
  const existing = new Set<string>();
  for (let i = 0; i < entryIds.length; i += 500) {
    const found = await tx
      .select({ entryId: indicatorValues.entryId, indicator: indicatorValues.indicator, year: indicatorValues.year })
      .from(indicatorValues)
      .where(inArray(indicatorValues.entryId, entryIds.slice(i, i + 500)));
    for (const f of found) existing.add(`${f.entryId}\u0000${f.indicator}\u0000${f.year}`);
  }
  // Stale groups, deleted per (indicator, year) for a few hundred entries at a time: one statement
  // each through the unique index, not one per group, so a re-import of a large sheet holds the
  // writer (and every vote queued behind it) hardly longer than its inserts.
  const stale = new Map<string, { indicator: string; year: number; entryIds: number[] }>();
  for (const [k, g] of groups) {
    if (!existing.has(k)) continue;
    const pair = `${g.indicator}\u0000${g.year}`;
    const found = stale.get(pair) ?? { indicator: g.indicator, year: g.year, entryIds: [] };
    found.entryIds.push(g.entryId);
    stale.set(pair, found);
  }
  let replaced = 0;
  for (const { indicator, year, entryIds: ids } of stale.values()) {
    replaced += ids.length;
    for (let i = 0; i < ids.length; i += 500) {
      await tx
        .delete(indicatorValues)
        .where(
          and(
            inArray(indicatorValues.entryId, ids.slice(i, i + 500)),
            eq(indicatorValues.indicator, indicator),
            eq(indicatorValues.year, year),
          ),
        );
    }
  }
  for (let i = 0; i < rows.length; i += 500) {
    await tx.insert(indicatorValues).values(rows.slice(i, i + 500).map((r) => ({ ...r, campaignId, updatedAt: at })));
  }
  return { inserted: groups.size - replaced, replaced };
}

const columns = {
  entryId: indicatorValues.entryId,
  indicator: indicatorValues.indicator,
  year: indicatorValues.year,
  type: indicatorValues.type,
  rank: indicatorValues.rank,
  item: indicatorValues.item,
  value: indicatorValues.value,
};

/** Every figure of one list. */
export async function listIndicatorValues(db: Queryable, listId: number): Promise<StoredIndicatorValue[]> {
  return db.select(columns).from(indicatorValues).where(eq(indicatorValues.listId, listId));
}

/** Every figure, grouped by list (for the site snapshot). */
export async function allIndicatorValues(db: Queryable): Promise<Map<number, StoredIndicatorValue[]>> {
  const rows = await db.select({ listId: indicatorValues.listId, ...columns }).from(indicatorValues);
  const byList = new Map<number, StoredIndicatorValue[]>();
  for (const { listId, ...r } of rows) {
    const list = byList.get(listId);
    if (list) list.push(r);
    else byList.set(listId, [r]);
  }
  return byList;
}

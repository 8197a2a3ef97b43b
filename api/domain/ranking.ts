/** Ordering and ranks for lists: standard competition ranking and pinyin order. */

const pinyin = new Intl.Collator("zh-CN-u-co-pinyin", { sensitivity: "base", numeric: true });

/** Compares two Chinese names in pinyin order (the order unranked lists are shown in). */
export function comparePinyin(a: string, b: string): number {
  return pinyin.compare(a, b);
}

export interface Rankable {
  name: string;
}

/**
 * Standard competition ranks (1, 2, 2, 4) by a key, highest first; ties share a rank and are
 * listed by `tieBreak` (then name in pinyin order) so the order is stable.
 */
export function competitionRank<T extends Rankable>(
  items: readonly T[],
  key: (item: T) => number,
  tieBreak: (a: T, b: T) => number = () => 0,
): (T & { rank: number })[] {
  const sorted = [...items].sort((a, b) => key(b) - key(a) || tieBreak(a, b) || comparePinyin(a.name, b.name));
  let rank = 0;
  let previous: number | undefined;
  return sorted.map((item, index) => {
    const k = key(item);
    if (previous === undefined || k !== previous) rank = index + 1;
    previous = k;
    return { ...item, rank };
  });
}

export function pinyinOrder<T extends Rankable>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => comparePinyin(a.name, b.name));
}

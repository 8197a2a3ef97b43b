/**
 * What every organizer spreadsheet import shares (scores, indicator figures, cases): rows numbered
 * as the organizer sees them, problems by row and column in Chinese, a header matched by English or
 * Chinese column names, and an entry named by its slug or `list/slug`.
 */

export interface RawRow {
  /** the row number the organizer sees in Excel or a text editor (the header is row 1) */
  row: number;
  cells: string[];
}

export interface RowProblem {
  row: number;
  column: string;
  message: string;
}

export type HeaderIndex<C extends string> = Record<C, number | undefined>;

/**
 * Maps the header to column positions. `aliases` lists the names each column may go by (the first
 * is its canonical name); a column not in `optional` must be present.
 */
export function mapHeader<C extends string>(
  header: readonly string[],
  aliases: Readonly<Record<C, readonly string[]>>,
  optional: readonly C[] = [],
): { ok: true; index: HeaderIndex<C> } | { ok: false; problems: RowProblem[] } {
  const normalized = header.map((h) => h.trim().toLowerCase());
  const columns = Object.keys(aliases) as C[];
  const index = {} as HeaderIndex<C>;
  const problems: RowProblem[] = [];
  for (const column of columns) {
    const at = normalized.findIndex((h) => aliases[column].includes(h));
    index[column] = at >= 0 ? at : undefined;
    if (at < 0 && !optional.includes(column)) {
      problems.push({ row: 1, column, message: `表头缺少 ${column} 列（应为 ${columns.filter((c) => !optional.includes(c)).join(",")}）` });
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, index };
}

/** A cell's trimmed text, "" when the column is absent. */
export function cellOf<C extends string>(index: HeaderIndex<C>, raw: RawRow, column: C): string {
  const at = index[column];
  return at === undefined ? "" : (raw.cells[at] ?? "").trim();
}

export const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * Finds the entry a row names: `slug`, or `list/slug` when the slug is used in more than one list.
 * Returns the entry's list and id, or the message for the organizer.
 */
export function entryFinder<L extends { slug: string; entries: { id: number; slug: string }[] }>(lists: readonly L[]) {
  const bySlug = new Map<string, { list: L; id: number }[]>();
  for (const list of lists) {
    for (const e of list.entries) {
      const found = bySlug.get(e.slug) ?? [];
      found.push({ list, id: e.id });
      bySlug.set(e.slug, found);
    }
  }
  return (text: string): { ok: true; list: L; id: number } | { ok: false; message: string } => {
    const slash = text.indexOf("/");
    if (slash >= 0) {
      const listSlug = text.slice(0, slash);
      const entrySlug = text.slice(slash + 1);
      const list = lists.find((l) => l.slug === listSlug);
      if (!list) return { ok: false, message: `没有榜单 ${listSlug}` };
      const e = list.entries.find((x) => x.slug === entrySlug);
      return e ? { ok: true, list, id: e.id } : { ok: false, message: `榜单 ${listSlug} 中没有对象 ${entrySlug}` };
    }
    const found = bySlug.get(text) ?? [];
    if (found.length === 0) return { ok: false, message: `没有对象 ${text}` };
    if (found.length > 1) {
      return {
        ok: false,
        message: `对象 ${text} 同时出现在榜单 ${found.map((f) => f.list.slug).join("、")}，请写成 榜单/对象，如 ${found[0]!.list.slug}/${text}`,
      };
    }
    return { ok: true, ...found[0]! };
  };
}

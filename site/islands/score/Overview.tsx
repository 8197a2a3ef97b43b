/** The entries by list, each with its state (未评 / 草稿 / 已评) and a link to score it. */
import { onMount, Show } from "solid-js";
import { loc } from "./format";
import type { Row, Sheet } from "./model";
import type { Lang, Strings } from "./texts";

/** Rows grouped by list, in the order the lists first appear (the API's order: list, then pinyin). */
export function byList(rows: Row[]): { slug: string; rows: Row[] }[] {
  const groups: { slug: string; rows: Row[] }[] = [];
  for (const row of rows) {
    const last = groups.find((g) => g.slug === row.entry.list.slug);
    if (last) last.rows.push(row);
    else groups.push({ slug: row.entry.list.slug, rows: [row] });
  }
  return groups;
}

export function StatusBadge(p: { s: Strings; row: Row }) {
  return (
    <span class="sc-badge" data-status={p.row.status()}>
      {p.s.status[p.row.status()]}
    </span>
  );
}

/** the entry last opened: back on the list, focus returns to its link */
let lastOpened = 0;
export const opened = (id: number) => (lastOpened = id);

export function Overview(p: { s: Strings; lang: Lang; sheet: Sheet }) {
  const groups = byList(p.sheet.rows);
  let list!: HTMLDivElement;
  onMount(() => list.querySelector<HTMLElement>(`a[href="#/e/${lastOpened}"]`)?.focus());
  return (
    <div class="sc-overview" ref={list}>
      <Show when={p.sheet.rows.length > 0} fallback={<p class="sc-card">{p.s.noEntries}</p>}>
        {groups.map((group) => (
          <section class="sc-group" aria-labelledby={`sc-list-${group.slug}`}>
            <h3 id={`sc-list-${group.slug}`}>{loc(group.rows[0]!.entry.list.title, p.lang)}</h3>
            <ul class="sc-entries">
              {group.rows.map((row) => (
                <li>
                  <a class="sc-entry-link" href={`#/e/${row.entry.id}`}>
                    <span class="sc-entry-name">{loc(row.entry.name, p.lang)}</span>
                    <StatusBadge s={p.s} row={row} />
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ))}
        <Show when={!p.sheet.locked()}>
          <a class="sc-btn sc-primary sc-wide" href="#/review">
            {p.s.review}
          </a>
        </Show>
      </Show>
    </div>
  );
}

/** One entry: where it sits in the sheet, its material, its scores and comment, and whether they are saved. */
import { onMount, Show } from "solid-js";
import { clock, loc } from "./format";
import { Material } from "./Material";
import type { Row, Sheet } from "./model";
import { opened, StatusBadge } from "./Overview";
import type { SaveState } from "./saver";
import { ScoreForm } from "./ScoreForm";
import type { Lang, Strings } from "./texts";

export function saveText(s: Strings, state: SaveState, timeZone: string, lang: Lang): string {
  switch (state.kind) {
    case "saving":
      return s.saving;
    case "saved":
      return state.at ? s.saved(clock(state.at, timeZone, lang)) : "";
    case "offline":
      return s.offline;
    case "held":
      return s.holding;
    case "error":
      return state.message || s.errors[state.status] || s.failed + state.status;
    default:
      return "";
  }
}

export function EntryScreen(p: { s: Strings; lang: Lang; sheet: Sheet; row: Row }) {
  const rows = p.sheet.rows;
  const index = rows.indexOf(p.row);
  const prev = rows[index - 1];
  const next = rows[index + 1];
  let heading!: HTMLHeadingElement;
  // a new screen: the reader starts at its heading (a screen reader announces it, a phone scrolls up)
  onMount(() => {
    opened(p.row.entry.id);
    heading.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  });
  const state = () => p.row.save();
  return (
    <article class="sc-entry" aria-labelledby={`sc-entry-${p.row.entry.id}`}>
      <nav class="sc-crumbs" aria-label={p.s.entries}>
        <a href="#/">← {p.s.back}</a>
        <span>{p.s.position(index + 1, rows.length)}</span>
      </nav>
      <header class="sc-entry-head">
        <p class="sc-list-name">{loc(p.row.entry.list.title, p.lang)}</p>
        <h2 id={`sc-entry-${p.row.entry.id}`} ref={heading} tabindex="-1">
          {loc(p.row.entry.name, p.lang)}
        </h2>
        <StatusBadge s={p.s} row={p.row} />
      </header>
      <Material s={p.s} lang={p.lang} entry={p.row.entry} />
      <ScoreForm s={p.s} lang={p.lang} sheet={p.sheet} row={p.row} />
      <div class="sc-dock">
        <p class="sc-save" role="status" aria-live="polite" data-state={state().kind}>
          {saveText(p.s, state(), p.sheet.data.campaign.timezone, p.lang)}
        </p>
        <nav class="sc-pager" aria-label={p.s.entries}>
          <Show when={prev} fallback={<span />}>
            {(r) => (
              <a class="sc-btn" href={`#/e/${r().entry.id}`}>
                ← {p.s.prev}
              </a>
            )}
          </Show>
          <Show
            when={next}
            fallback={
              <Show when={!p.sheet.locked()}>
                <a class="sc-btn sc-primary" href="#/review">
                  {p.s.review}
                </a>
              </Show>
            }
          >
            {(r) => (
              <a class="sc-btn sc-primary" href={`#/e/${r().entry.id}`}>
                {p.s.next} →
              </a>
            )}
          </Show>
        </nav>
      </div>
    </article>
  );
}

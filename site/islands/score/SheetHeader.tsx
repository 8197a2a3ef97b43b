/** The sheet's head: campaign and round, who is scoring, progress with its bar, the sheet's state. */
import { createEffect, onMount, Show } from "solid-js";
import { clock, loc } from "./format";
import type { Sheet } from "./model";
import type { Lang, Strings } from "./texts";

export function SheetHeader(p: { s: Strings; lang: Lang; sheet: Sheet; signOut: () => void }) {
  const d = p.sheet.data;
  const total = d.entries.length;
  let heading!: HTMLHeadingElement;
  let fill: HTMLSpanElement | undefined;
  // the bar's width set directly: a style={{…}} object would pull Solid's style helper into the
  // shared chunk every list page loads (as would a handler passed by name rather than written inline)
  createEffect(() => fill && (fill.style.width = `${total ? (100 * p.sheet.scored()) / total : 0}%`));
  // signed in (or back after a reload): the reader starts at the campaign's name; an entry screen below takes it over
  onMount(() => heading.focus({ preventScroll: true }));
  return (
    <section class="sc-head" aria-labelledby="sc-campaign">
      <div class="sc-head-top">
        <div>
          <h2 id="sc-campaign" ref={heading} tabindex="-1">
            {loc(d.campaign.title, p.lang)}
          </h2>
          <p class="sc-meta">
            {/* a campaign without rounds has one, unnamed ("") */}
            {d.round.key ? `${p.s.round(loc(d.round.title, p.lang))} · ` : ""}
            {p.s.scorer(d.scorer.name)}
          </p>
        </div>
        <button type="button" class="sc-btn sc-quiet" onClick={() => p.signOut()}>
          {p.s.signOut}
        </button>
      </div>
      <Show
        when={p.sheet.locked()}
        fallback={
          <div class="sc-progress">
            <p id="sc-progress-label" class="sc-progress-text">
              {p.s.progress(p.sheet.scored(), total)}
            </p>
            <div
              class="sc-bar"
              role="progressbar"
              aria-labelledby="sc-progress-label"
              aria-valuemin={0}
              aria-valuemax={total}
              aria-valuenow={p.sheet.scored()}
            >
              <span ref={fill} />
            </div>
          </div>
        }
      >
        <p class="sc-locked">
          <strong>{d.submittedAt ? p.s.submittedAt(clock(d.submittedAt, d.campaign.timezone, p.lang, true)) : p.s.submitted}</strong>
          <span>{p.s.lockedNote}</span>
        </p>
      </Show>
    </section>
  );
}

/**
 * An entry's material, whatever the assignment carries: picture, summary, text, sections, figures,
 * indicators. No loading="lazy" on the images: Solid then clones such templates through
 * document.importNode, a branch that would grow the solid chunk every list page loads.
 */
import { Show } from "solid-js";
import { loc, paragraphs } from "./format";
import type { Lang, Strings } from "./texts";
import type { Entry } from "./types";

const Paragraphs = (p: { text: string }) => (
  <>
    {paragraphs(p.text).map((line) => (
      <p>{line}</p>
    ))}
  </>
);

export function Material(p: { s: Strings; lang: Lang; entry: Entry }) {
  const e = p.entry;
  const name = loc(e.name, p.lang);
  const has = !!(e.picture || e.summary || e.body || e.sections?.length || e.figures?.length);
  return (
    <>
      <Show when={has}>
        <section class="sc-card sc-material" aria-labelledby={`sc-mat-${e.id}`}>
          <h3 id={`sc-mat-${e.id}`}>{p.s.material}</h3>
          <Show when={e.picture}>{(src) => <img class="sc-picture" src={src()} alt={p.s.picture(name)} />}</Show>
          <Show when={e.summary}>{(summary) => <p class="sc-summary">{loc(summary(), p.lang)}</p>}</Show>
          <Show when={e.body}>{(body) => <Paragraphs text={loc(body(), p.lang)} />}</Show>
          {(e.sections ?? []).map((section) => (
            <>
              <Show when={section.title}>{(title) => <h4>{loc(title(), p.lang)}</h4>}</Show>
              <Paragraphs text={loc(section.body ?? section.text, p.lang)} />
            </>
          ))}
          {(e.figures ?? []).map((figure) => (
            <figure class="sc-figure">
              <img src={figure.src} alt={loc(figure.alt ?? figure.caption, p.lang) || name} />
              <Show when={figure.caption}>{(caption) => <figcaption>{loc(caption(), p.lang)}</figcaption>}</Show>
            </figure>
          ))}
        </section>
      </Show>
      <Show when={e.indicators?.length}>
        <section class="sc-card" aria-labelledby={`sc-ind-${e.id}`}>
          <h3 id={`sc-ind-${e.id}`}>{p.s.indicators}</h3>
          <dl class="sc-indicators">
            {(e.indicators ?? []).map((indicator) => (
              <div>
                <dt>{loc(indicator.title, p.lang)}</dt>
                <dd>
                  {indicator.value ?? "—"}
                  {indicator.unit && indicator.value != null ? ` ${indicator.unit}` : ""}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      </Show>
    </>
  );
}

/**
 * Before submitting: every unscored cell by entry, each a link back to it; submitting only once the
 * sheet is complete and saved, through a dialog that says the sheet then locks. The server's refusal
 * (409, 403, 422) shows beside the button.
 */
import { createSignal, onMount, Show } from "solid-js";
import { ApiError, type Api } from "./api";
import { loc } from "./format";
import type { Sheet } from "./model";
import { missingCells } from "./sheet";
import type { Lang, Strings } from "./texts";

function Missing(p: { s: Strings; lang: Lang; sheet: Sheet }) {
  const missing = () =>
    p.sheet.rows
      .map((row) => ({ row, cells: missingCells(row.values(), row.cells, p.sheet.data.range) }))
      .filter((m) => m.cells.length > 0);
  const count = () => missing().reduce((n, m) => n + m.cells.length, 0);
  const cellName = (c: { component?: { title: { zh: string; en?: string } }; dimension: { title: { zh: string; en?: string } } }) =>
    (c.component ? loc(c.component.title, p.lang) + " · " : "") + loc(c.dimension.title, p.lang);
  return (
    <Show when={count() > 0} fallback={<p class="sc-done">{p.s.allScored}</p>}>
      <p>{p.s.unscored(count())}</p>
      <ul class="sc-missing">
        {missing().map((m) => (
          <li>
            <a class="sc-entry-link" href={`#/e/${m.row.entry.id}`}>
              <span class="sc-entry-name">{loc(m.row.entry.name, p.lang)}</span>
              <span class="sc-cells">
                {m.cells.length === m.row.cells.length && m.cells.length > 2
                  ? p.s.allCells(m.cells.length)
                  : m.cells.map(cellName).join(p.lang === "en" ? ", " : "、")}
              </span>
            </a>
          </li>
        ))}
      </ul>
    </Show>
  );
}

/** a refusal that came with a reload of the sheet (409: submitted elsewhere), shown again once it is back */
let carried = "";

export function Review(p: { s: Strings; lang: Lang; sheet: Sheet; api: Api; reload: () => Promise<void> }) {
  const [error, setError] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  let dialog!: HTMLDialogElement;
  let opener!: HTMLButtonElement;
  let heading!: HTMLHeadingElement;
  onMount(() => {
    heading.focus({ preventScroll: true });
    setError(carried);
    carried = "";
  });
  const complete = () => p.sheet.rows.every((r) => r.status() === "done");
  const ready = () => complete() && p.sheet.unsaved() === 0 && !busy();
  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (busy()) return;
    setBusy(true);
    setError("");
    try {
      await p.api("/api/scoring/submit", { method: "POST", body: JSON.stringify({ campaign: p.sheet.data.campaign.slug }) });
      dialog.close();
      await p.reload();
      location.hash = "#/";
    } catch (e) {
      dialog.close();
      opener.focus();
      const status = e instanceof ApiError ? e.status : 0;
      const message = (e instanceof ApiError && e.message) || p.s.errors[status] || p.s.failed + String(e);
      setError(message);
      if (status === 409) {
        carried = message;
        await p.reload();
      }
    } finally {
      setBusy(false);
    }
  }
  return (
    <section class="sc-review" aria-labelledby="sc-review-title">
      <nav class="sc-crumbs">
        <a href="#/">← {p.s.back}</a>
      </nav>
      <h2 id="sc-review-title" ref={heading} tabindex="-1">
        {p.s.reviewTitle}
      </h2>
      <div class="sc-card">
        <Show when={!p.sheet.locked()} fallback={<p>{p.s.lockedNote}</p>}>
          <Missing s={p.s} lang={p.lang} sheet={p.sheet} />
          <Show when={complete() && p.sheet.unsaved() > 0}>
            <p class="sc-warn">{p.s.unsaved}</p>
          </Show>
        </Show>
        <button
          hidden={p.sheet.locked()}
          ref={opener}
          type="button"
          class="sc-btn sc-primary sc-wide"
          disabled={!ready()}
          onClick={() => dialog.showModal()}
        >
          {p.s.submit}
        </button>
        <p class="sc-error" role="alert">
          {error()}
        </p>
      </div>
      <SubmitDialog
        s={p.s}
        count={p.sheet.rows.length}
        busy={busy()}
        bind={(el) => (dialog = el)}
        onClose={() => opener.focus()}
        onSubmit={(e) => void submit(e)}
      />
    </section>
  );
}

/** The confirmation: what submitting does (the sheet locks), cancel beside it; Esc cancels too. */
function SubmitDialog(p: {
  s: Strings;
  count: number;
  busy: boolean;
  bind: (el: HTMLDialogElement) => void;
  onClose: () => void;
  onSubmit: (event: SubmitEvent) => void;
}) {
  let dialog!: HTMLDialogElement;
  return (
    <dialog
      ref={(el) => {
        dialog = el;
        p.bind(el);
      }}
      class="sc-dialog"
      aria-labelledby="sc-confirm-title"
      onClose={() => p.onClose()}
    >
      <form onSubmit={(e) => p.onSubmit(e)}>
        <h3 id="sc-confirm-title">{p.s.confirmTitle}</h3>
        <p>{p.s.confirmBody(p.count)}</p>
        <div class="sc-dialog-bar">
          <button type="button" class="sc-btn" onClick={() => dialog.close()}>
            {p.s.cancel}
          </button>
          <button type="submit" class="sc-btn sc-primary" disabled={p.busy}>
            {p.s.confirm}
          </button>
        </div>
      </form>
    </dialog>
  );
}

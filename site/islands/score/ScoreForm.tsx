/**
 * An entry's scores: a number input per cell (the phone brings its numeric keypad), the dimension's
 * title as the label and its description as the hint; with several components a group per
 * component; then the comment. Every change saves by itself; leaving a field sends it at once.
 */
import { Show, untrack } from "solid-js";
import { loc } from "./format";
import type { Row, Sheet } from "./model";
import { cellState, type Cell } from "./sheet";
import type { Lang, Strings } from "./texts";

function CellInput(p: { s: Strings; lang: Lang; sheet: Sheet; row: Row; cell: Cell }) {
  const { min, max } = p.sheet.data.range;
  const id = `sc-${p.row.entry.id}-${p.cell.key.replace(/\W/g, "_")}`;
  const invalid = () => cellState(p.row.values()[p.cell.key], p.sheet.data.range) === "invalid";
  const description = loc(p.cell.dimension.description, p.lang);
  return (
    <div class="sc-cell" data-cell={p.cell.key}>
      <label for={id}>
        <span>{loc(p.cell.dimension.title, p.lang)}</span>
        <span class="sc-range">{p.s.rangeHint(min, max)}</span>
      </label>
      <Show when={description}>
        <p id={`${id}-hint`} class="sc-hint">
          {description}
        </p>
      </Show>
      <input
        id={id}
        type="number"
        inputmode="decimal"
        min={min}
        max={max}
        step="any"
        // set once: a number input mid-typing ("8.") reads as "", which must not be written back
        value={untrack(() => p.row.values()[p.cell.key] ?? "")}
        readOnly={p.sheet.locked()}
        aria-invalid={invalid() ? "true" : undefined}
        aria-describedby={[description ? `${id}-hint` : "", invalid() ? `${id}-error` : ""].join(" ").trim() || undefined}
        onInput={(event) => p.row.set({ ...p.row.values(), [p.cell.key]: event.currentTarget.value }, p.row.comment())}
      />
      <Show when={invalid()}>
        <p id={`${id}-error`} class="sc-error">
          {p.s.outOfRange(min, max)}
        </p>
      </Show>
    </div>
  );
}

export function ScoreForm(p: { s: Strings; lang: Lang; sheet: Sheet; row: Row }) {
  const components = p.sheet.data.components;
  const cell = (c: Cell) => <CellInput s={p.s} lang={p.lang} sheet={p.sheet} row={p.row} cell={c} />;
  const commentId = `sc-${p.row.entry.id}-comment`;
  return (
    <form class="sc-card sc-form" onSubmit={(e) => e.preventDefault()} onFocusOut={() => p.sheet.saver.flush(p.row.entry.id)}>
      <h3>{p.s.scoring}</h3>
      <Show when={components.length > 1} fallback={p.row.cells.map(cell)}>
        {components.map((component) => (
          <fieldset class="sc-component">
            <legend>{loc(component.title, p.lang)}</legend>
            {p.row.cells.filter((c) => c.component?.key === component.key).map(cell)}
          </fieldset>
        ))}
      </Show>
      <label for={commentId}>{p.s.comment}</label>
      <textarea
        id={commentId}
        rows={4}
        maxlength={2000}
        readOnly={p.sheet.locked()}
        aria-describedby={`${commentId}-hint`}
        value={untrack(p.row.comment)}
        onInput={(event) => p.row.set(p.row.values(), event.currentTarget.value)}
      />
      <p id={`${commentId}-hint`} class="sc-hint">
        {p.s.commentHint}
      </p>
    </form>
  );
}

/**
 * The console's shared pieces: an action behind a dialog that names what will happen, a result shown
 * where the action was taken, an upload's refused rows as a table, and a labelled file input.
 */
import { createSignal, Show, type JSX } from "solid-js";
import type { Console } from "./client";

let nextId = 0;
const uid = (prefix: string) => `${prefix}-${++nextId}`;

/**
 * An organizer's action: for a read-only (auditor's) token, a line saying organizers take it, in its
 * place; the API would refuse it anyway.
 */
export function OrganizersAct(p: { c: Console; children: JSX.Element }): JSX.Element {
  return (
    <Show when={!p.c.readOnly()} fallback={<p class="adm-hint adm-readonly-here">{p.c.s.readOnlyHere}</p>}>
      {p.children}
    </Show>
  );
}

/** A result shown where the action was taken (role=status). */
export function ActionResult(p: { result?: { ok: boolean; message: string } }): JSX.Element {
  return (
    <p class="adm-result-line" role="status" aria-live="polite" data-ok={p.result ? String(p.result.ok) : undefined}>
      {p.result?.message ?? ""}
    </p>
  );
}

/** An action's outcome in words: its own message, or the failure's. */
export async function settle(run: () => Promise<string>, failed: string): Promise<{ ok: boolean; message: string }> {
  try {
    return { ok: true, message: await run() };
  } catch (error) {
    return { ok: false, message: failed + (error instanceof Error ? error.message : String(error)) };
  }
}

/**
 * A button opening a modal <dialog> that names what will happen; confirm runs `run`; its message (or
 * the error) shows beside the button in a role=status line. Esc/× cancel; focus returns to the button.
 */
export function ConfirmAction(p: {
  c: Console;
  label: string;
  title: string;
  consequence: JSX.Element | string;
  confirmLabel: string;
  danger?: boolean;
  disabled?: boolean;
  children?: JSX.Element;
  run: () => Promise<string>;
}): JSX.Element {
  const s = p.c.s;
  const titleId = uid("adm-dlg");
  const [result, setResult] = createSignal<{ ok: boolean; message: string }>();
  const [busy, setBusy] = createSignal(false);
  let dialog!: HTMLDialogElement;
  let opener!: HTMLButtonElement;
  const close = () => {
    if (dialog.open) dialog.close();
    opener.focus();
  };
  const onSubmit: JSX.EventHandler<HTMLFormElement, SubmitEvent> = async (event) => {
    event.preventDefault();
    if (busy()) return;
    setBusy(true);
    // an empty message: the caller shows the result itself (its button may be gone by then)
    const r = await settle(p.run, s.failed);
    setResult(r.message ? r : undefined);
    setBusy(false);
    close();
  };
  return (
    <div class="adm-action">
      <button
        ref={opener}
        type="button"
        class="adm-btn"
        classList={{ "adm-btn-danger": !!p.danger }}
        disabled={p.disabled}
        onClick={() => {
          setResult(undefined);
          dialog.showModal();
        }}
      >
        {p.label}
      </button>
      <ActionResult result={result()} />
      <dialog ref={dialog} class="adm-dialog" aria-labelledby={titleId} onClose={() => opener.focus() /* Esc closes it too */}>
        <form method="dialog" onSubmit={onSubmit}>
          <div class="adm-dialog-head">
            <h2 id={titleId}>{p.title}</h2>
            <button type="button" class="adm-x" aria-label={s.cancel} onClick={close}>
              ×
            </button>
          </div>
          <div class="adm-consequence">{p.consequence}</div>
          {p.children}
          <div class="adm-dialog-actions">
            <button type="button" class="adm-btn" onClick={close}>
              {s.cancel}
            </button>
            <button type="submit" class="adm-btn" classList={{ "adm-danger": !!p.danger, "adm-primary": !p.danger }} disabled={busy()}>
              {p.confirmLabel}
            </button>
          </div>
        </form>
      </dialog>
    </div>
  );
}

/** Every refused row of an upload, as a table: 行 / 列 / 问题. */
export function RowErrors(p: { c: Console; rows: { row: number; column?: string; message: string }[] }): JSX.Element {
  const s = p.c.s;
  return (
    <Show when={p.rows.length > 0}>
      <div class="adm-table-wrap">
        <table class="adm-table adm-row-errors">
          <caption>{s.rowErrors(p.rows.length)}</caption>
          <thead>
            <tr>
              <th scope="col">{s.row}</th>
              <th scope="col">{s.column}</th>
              <th scope="col">{s.problem}</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr>
                <td>{r.row}</td>
                <td>{r.column ?? "—"}</td>
                <td>{r.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Show>
  );
}

/** A labelled file input that hands over the chosen file. */
export function FilePick(p: { label: string; accept: string; onFile: (f: File) => void; hint?: string }): JSX.Element {
  const id = uid("adm-file");
  return (
    <div class="adm-file">
      <label for={id}>{p.label}</label>
      <input
        id={id}
        type="file"
        accept={p.accept}
        aria-describedby={p.hint ? `${id}-hint` : undefined}
        onChange={(e) => {
          const f = e.currentTarget.files?.[0];
          if (f) p.onFile(f);
        }}
      />
      <Show when={p.hint}>
        <p id={`${id}-hint`} class="adm-hint">
          {p.hint}
        </p>
      </Show>
    </div>
  );
}

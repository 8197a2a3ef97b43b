/**
 * A preliminary 公示: list, start date and working days; the API computes the period first (a dry
 * run on the real calendar) and it is shown in words ("5 个工作日，至 2026年12月9日 24:00") before
 * the publication is confirmed; then the result and the public page's link, beside the button.
 */
import { createSignal, Show, type JSX } from "solid-js";
import { formatEnd, formatStart } from "../../../lib/publicity";
import { errorText, todayIn } from "../flow-kit";
import { ActionResult, ConfirmAction } from "../ui";
import { listOptions, PageLinks, TZ, type DryRun, type Publisher } from "./shared";
import { t } from "./texts";

export function Preliminary(props: { pub: Publisher }): JSX.Element {
  const lang = props.pub.p.c.lang;
  const s = t[lang];
  const [list, setList] = createSignal("");
  const [start, setStart] = createSignal(todayIn(TZ));
  const [days, setDays] = createSignal(5);
  const [preview, setPreview] = createSignal<DryRun>();
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<{ ok: boolean; message: string }>();
  // today starts now; another day at its midnight in the campaign's zone
  const body = () => ({
    kind: "preliminary",
    ...(list() ? { list: list() } : {}),
    ...(start() && start() !== todayIn(TZ) ? { startsAt: `${start()}T00:00:00+08:00` } : {}),
    workingDays: days(),
  });
  // any change of the form drops the preview: it no longer says what would be published
  const reset = () => {
    setPreview(undefined);
    setError(undefined);
  };
  const changed =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      reset();
    };
  const compute = async (event: SubmitEvent) => {
    event.preventDefault();
    reset();
    setBusy(true);
    try {
      setPreview(await props.pub.dryRun(body()));
    } catch (e) {
      setError({ ok: false, message: s.failed + errorText(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <form class="flow-form" aria-labelledby="flow-prelim" onSubmit={compute}>
        <h3 id="flow-prelim">{s.newPreliminary}</h3>
        <p class="adm-hint">{s.preliminaryHint}</p>
        <label for="flow-prelim-list">{s.list}</label>
        <select id="flow-prelim-list" value={list()} onChange={(e) => changed(setList)(e.currentTarget.value)}>
          {listOptions(props.pub)}
        </select>
        <label for="flow-prelim-start">{s.startDate}</label>
        <input
          id="flow-prelim-start"
          type="date"
          required
          value={start()}
          aria-describedby="flow-prelim-start-hint"
          onInput={(e) => changed(setStart)(e.currentTarget.value)}
        />
        <p id="flow-prelim-start-hint" class="adm-hint">
          {s.startHint}
        </p>
        <label for="flow-prelim-days">{s.workingDays}</label>
        <input
          id="flow-prelim-days"
          type="number"
          inputMode="numeric"
          min={1}
          max={60}
          required
          value={days()}
          onInput={(e) => changed(setDays)(Number(e.currentTarget.value))}
        />
        <button type="submit" class="adm-btn" disabled={busy()}>
          {busy() ? s.previewing : s.preview}
        </button>
        <ActionResult result={error()} />
      </form>
      <Show when={preview()}>
        {(d) => <PeriodPreview pub={props.pub} preview={d()} scope={props.pub.listTitle(list() || undefined)} body={body()} />}
      </Show>
    </>
  );
}

/** The period in words, then the publication behind a dialog; its result and link beside the button. */
function PeriodPreview(props: { pub: Publisher; preview: DryRun; scope: string; body: Record<string, unknown> }): JSX.Element {
  const lang = props.pub.p.c.lang;
  const s = t[lang];
  const [done, setDone] = createSignal<number>();
  const d = props.preview;
  const period = s.periodPreview(d.workingDays, formatEnd(d.endsAt, TZ, lang));
  return (
    <div class="flow-preview">
      <p class="flow-lead flow-period">{period}</p>
      <p class="adm-hint">
        {s.startsPreview(formatStart(d.startsAt, TZ, lang))} · {s.entriesPreview(d.entries)}
      </p>
      <ConfirmAction
        c={props.pub.p.c}
        label={s.publish}
        title={s.publishTitle}
        consequence={s.publishWhat(props.scope, period)}
        confirmLabel={s.publishConfirm}
        disabled={done() !== undefined}
        run={async () => {
          const id = await props.pub.publish(props.body);
          setDone(id);
          return s.published(id);
        }}
      />
      <Show when={done() !== undefined}>
        <PageLinks pub={props.pub} page="publicity" />
      </Show>
    </div>
  );
}

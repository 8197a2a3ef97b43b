/**
 * A final list: the list, and entries the organizer leaves out (read from the public leaderboard);
 * a dry run says how many are named and left out (upheld objections included, or why it is refused,
 * e.g. while a 公示 still runs), then the publication behind a dialog, the result and its link.
 */
import { createSignal, Show, type JSX } from "solid-js";
import { errorText, FRESH, nameOf, useLoaded } from "../flow-kit";
import { ActionResult, ConfirmAction } from "../ui";
import { listOptions, PageLinks, type DryRun, type Publisher } from "./shared";
import { t } from "./texts";

type Entry = { id: number; slug: string; name: unknown };

/** The entries of one list, or of every list; one that fails to load (removed meanwhile) leaves the others offered. */
async function listEntries(pub: Publisher, list: string): Promise<Entry[]> {
  const lists = list ? [list] : (pub.p.campaign?.lists ?? []).map((l) => l.slug);
  const answers = await Promise.all(
    lists.map((l) =>
      pub.p.c
        .json<{ entries: Entry[] }>(`/api/campaigns/${pub.slug()}/lists/${l}/leaderboard`, FRESH)
        .catch(() => ({ entries: [] as Entry[] })),
    ),
  );
  return answers.flatMap((a) => a.entries);
}

/** More entries than this and the exclusion list starts folded. */
const FOLD_AFTER = 12;

export function Final(props: { pub: Publisher }): JSX.Element {
  const lang = props.pub.p.c.lang;
  const s = t[lang];
  const [list, setList] = createSignal("");
  const [excluded, setExcluded] = createSignal<number[]>([]);
  const [preview, setPreview] = createSignal<DryRun>();
  const [result, setResult] = createSignal<{ ok: boolean; message: string }>();
  const entries = useLoaded(() => listEntries(props.pub, list()));
  const reset = () => {
    setPreview(undefined);
    setResult(undefined);
  };
  const body = () => ({ kind: "final", ...(list() ? { list: list() } : {}), ...(excluded().length ? { exclude: excluded() } : {}) });
  const check = async (event: SubmitEvent) => {
    event.preventDefault();
    reset();
    try {
      setPreview(await props.pub.dryRun(body()));
    } catch (error) {
      setResult({ ok: false, message: s.failed + errorText(error) });
    }
  };
  return (
    <>
      <form class="flow-form" aria-labelledby="flow-final" onSubmit={check}>
        <h3 id="flow-final">{s.newFinal}</h3>
        <p class="adm-hint">{s.finalHint}</p>
        <label for="flow-final-list">{s.list}</label>
        <select
          id="flow-final-list"
          value={list()}
          onChange={(e) => {
            setList(e.currentTarget.value);
            setExcluded([]);
            reset();
            entries.reload();
          }}
        >
          {listOptions(props.pub)}
        </select>
        <fieldset class="flow-checks">
          <legend>{s.exclude}</legend>
          <Show when={entries.value() || !entries.loading()} fallback={<p>{s.loading}</p>}>
            <Show when={(entries.value() ?? []).length > 0} fallback={<p class="adm-hint">{s.noEntries}</p>}>
              {/* a whole campaign can name a hundred entries: folded beyond a screenful, the count in view */}
              <details class="flow-fold" open={(entries.value() ?? []).length <= FOLD_AFTER}>
                <summary>{s.excludeCount((entries.value() ?? []).length, excluded().length)}</summary>
                {(entries.value() ?? []).map((en) => (
                  <label class="flow-check">
                    <input
                      type="checkbox"
                      checked={excluded().includes(en.id)}
                      onChange={(e) => {
                        const on = e.currentTarget.checked;
                        setExcluded((x) => (on ? [...x, en.id] : x.filter((id) => id !== en.id)));
                        reset();
                      }}
                    />
                    <span>{nameOf(en.name, lang)}</span>
                  </label>
                ))}
              </details>
            </Show>
          </Show>
        </fieldset>
        <button type="submit" class="adm-btn">
          {s.finalPreview}
        </button>
        <ActionResult result={result()} />
      </form>
      <Show when={preview()}>
        {(d) => <FinalPreview pub={props.pub} preview={d()} scope={props.pub.listTitle(list() || undefined)} body={body()} />}
      </Show>
    </>
  );
}

/** What the final list would name and leave out, then the publication behind a danger dialog. */
function FinalPreview(props: { pub: Publisher; preview: DryRun; scope: string; body: Record<string, unknown> }): JSX.Element {
  const s = t[props.pub.p.c.lang];
  const [done, setDone] = createSignal<number>();
  const d = props.preview;
  return (
    <div class="flow-preview">
      <p class="flow-lead">{s.finalPreviewed(d.entries, d.excluded)}</p>
      <ConfirmAction
        c={props.pub.p.c}
        label={s.finalPublish}
        title={s.finalTitle}
        consequence={s.finalWhat(props.scope, d.entries, d.excluded)}
        confirmLabel={s.finalConfirm}
        danger
        disabled={done() !== undefined}
        run={async () => {
          const id = await props.pub.publish(props.body);
          setDone(id);
          return s.finalDone(id);
        }}
      />
      <Show when={done() !== undefined}>
        <PageLinks pub={props.pub} page="results" />
      </Show>
    </div>
  );
}

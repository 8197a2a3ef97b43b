/**
 * A `manual` round's pick: for each list, the entries of that round as checkboxes (the pick so far
 * checked), saved behind a dialog naming how many go on to the next round. Recorded and audited.
 */
import { createSignal, Show, type JSX } from "solid-js";
import { nameOf } from "../flow-kit";
import { ActionResult, ConfirmAction, OrganizersAct } from "../ui";
import type { Notice, ScoringRound, View } from "./shared";

const FOLD_AFTER = 12;

export function Advancing(props: { v: View; notice: Notice }): JSX.Element {
  const v = props.v;
  // a round whose entries the organizer picks, and the round they go on to
  const manual = v.data.rounds.flatMap((r, i) => {
    const next = v.data.rounds[i + 1];
    return r.advance === "manual" && next ? [{ from: r, into: next }] : [];
  });
  return (
    <Show when={manual.length > 0}>
      <h3>{v.s.advance}</h3>
      <ActionResult result={props.notice.get()} />
      {manual.map(({ from, into }) => (
        <>
          <p class="adm-hint">{v.s.advanceHint(v.roundTitle(into.key))}</p>
          {(v.p.campaign?.lists ?? []).map((l) => (
            <ListPick v={v} from={from} into={into} list={l.slug} notice={props.notice} />
          ))}
        </>
      ))}
    </Show>
  );
}

function ListPick(props: { v: View; from: ScoringRound; into: ScoringRound; list: string; notice: Notice }): JSX.Element {
  const v = props.v;
  const title = v.listTitle(props.list);
  const candidates = v.data.entries.filter((e) => e.round === props.from.key && e.list === props.list);
  const [picked, setPicked] = createSignal<string[]>([...(v.data.advancing[props.into.key]?.[props.list] ?? [])]);
  return (
    <Show when={candidates.length > 0} fallback={null}>
      <fieldset class="flow-checks sc-pick">
        <legend>{title}</legend>
        <details class="flow-fold" open={candidates.length <= FOLD_AFTER}>
          <summary>{v.s.advanceCount(candidates.length, picked().length)}</summary>
          {candidates.map((e) => (
            <label class="flow-check">
              <input
                type="checkbox"
                // a read-only token sees the pick so far and cannot change it
                disabled={v.p.c.readOnly()}
                checked={picked().includes(e.slug)}
                onChange={(ev) => {
                  const on = ev.currentTarget.checked;
                  setPicked((x) => (on ? [...x, e.slug] : x.filter((s) => s !== e.slug)));
                }}
              />
              <span>
                {nameOf(e.name, v.lang)}
                <span class="flow-muted">
                  {" "}
                  · {e.submitted}/{e.assigned}
                </span>
              </span>
            </label>
          ))}
        </details>
        <OrganizersAct c={v.p.c}>
          <ConfirmAction
            c={v.p.c}
            label={v.s.advanceSave(title)}
            title={v.s.advanceTitle(title)}
            consequence={v.s.advanceWhat(title, v.roundTitle(props.into.key), picked().length)}
            confirmLabel={v.s.advanceConfirm}
            run={async () => {
              const entries = picked();
              await v.p.c.json(`/api/admin/campaigns/${encodeURIComponent(v.slug)}/scoring/advance`, {
                method: "POST",
                body: JSON.stringify({ round: props.into.key, list: props.list, entries }),
              });
              props.notice.set({ ok: true, message: v.s.advanced(title, entries.length) });
              v.reload();
              return "";
            }}
          />
        </OrganizersAct>
      </fieldset>
    </Show>
  );
}

/**
 * Each expert's sheet: round, lists, recusals, status with the time of submission, progress n/m, the
 * reopenings so far, and for a submitted sheet 重新开放 behind a dialog that requires the reason.
 */
import { createSignal, Show, type JSX } from "solid-js";
import { when } from "../flow-kit";
import { href } from "../route";
import { ActionResult, ConfirmAction } from "../ui";
import type { Notice, Scorer, View } from "./shared";

/** "organizer:主办方甲" as 主办方甲: the audit log's actor, by name. */
const who = (actor: string) => actor.replace(/^[a-z]+:/, "");

export function Scorers(props: { v: View; notice: Notice }): JSX.Element {
  const v = props.v;
  const scorers = v.data.scorers;
  const pending = scorers.filter((x) => x.status !== "submitted").length;
  return (
    <>
      <h3>{v.s.scorers}</h3>
      <ActionResult result={props.notice.get()} />
      <Show
        when={scorers.length > 0}
        fallback={
          <p class="adm-hint">
            {v.s.noScorers} <a href={href({ feature: "tokens" })}>{v.s.createScorer}</a>
          </p>
        }
      >
        <p class="flow-lead" data-pending={pending > 0 ? "true" : undefined}>
          {pending > 0 ? v.s.pending(pending, scorers.length) : v.s.allSubmitted(scorers.length)}
        </p>
        <ul class="flow-rows sc-scorers" aria-label={v.s.scorers}>
          {scorers.map((x, i) => (
            <ScorerRow v={v} scorer={x} index={i} notice={props.notice} />
          ))}
        </ul>
      </Show>
    </>
  );
}

function ScorerRow(props: { v: View; scorer: Scorer; index: number; notice: Notice }): JSX.Element {
  const v = props.v;
  const x = props.scorer;
  const share = x.total > 0 ? Math.round((x.scored / x.total) * 100) : 0;
  const recusals = x.recused.map((r) => {
    const [list, entry] = r.includes("/") ? (r.split("/", 2) as [string, string]) : ["", r];
    return v.entryName(list, entry);
  });
  return (
    <li class="flow-row sc-scorer" data-status={x.status}>
      <p class="flow-row-head">
        <strong>{x.name}</strong>{" "}
        <span class="flow-tag sc-status" data-status={x.status}>
          {v.s.status[x.status] ?? x.status}
        </span>
      </p>
      <div class="sc-progress">
        <span>{v.s.progressOf(x.scored, x.total)}</span>
        <span class="sc-bar" aria-hidden="true">
          {/* set through the element: a style binding would add Solid's style helper to the chunk every page shares */}
          <span ref={(el) => el.style.setProperty("width", `${share}%`)} />
        </span>
      </div>
      <dl class="flow-facts">
        <Show when={v.rounds}>
          <div>
            <dt>{v.s.round}</dt>
            <dd>{v.roundTitle(x.round)}</dd>
          </div>
        </Show>
        <div>
          <dt>{v.s.lists}</dt>
          <dd>{x.lists && x.lists.length > 0 ? x.lists.map(v.listTitle).join("、") : v.s.allLists}</dd>
        </div>
        <div>
          <dt>{v.s.recused}</dt>
          <dd>{recusals.length > 0 ? recusals.join("、") : v.s.noRecusal}</dd>
        </div>
        <Show when={x.submittedAt}>
          <div>
            <dt>{v.s.submittedAt}</dt>
            <dd>{when(x.submittedAt, v.lang)}</dd>
          </div>
        </Show>
      </dl>
      <Show when={(x.reopened ?? []).length > 0}>
        <ul class="sc-reopened">
          {(x.reopened ?? []).map((r) => (
            <li>{v.s.reopenedAt(when(r.at, v.lang), who(r.by), r.reason)}</li>
          ))}
        </ul>
      </Show>
      <Show when={x.status === "submitted" && !v.p.c.readOnly()}>
        <Reopen v={v} scorer={x} index={props.index} notice={props.notice} />
      </Show>
    </li>
  );
}

/** 重新开放: not a destructive red button, but a dialog that says the scores leave the composite and asks why. */
function Reopen(props: { v: View; scorer: Scorer; index: number; notice: Notice }): JSX.Element {
  const v = props.v;
  const x = props.scorer;
  const [reason, setReason] = createSignal("");
  const id = `sc-reason-${props.index}`;
  return (
    <div class="sc-reopen">
      <ConfirmAction
        c={v.p.c}
        label={v.s.reopen}
        title={v.s.reopenTitle(x.name)}
        consequence={v.s.reopenWhat(x.name, x.total)}
        confirmLabel={v.s.reopenConfirm}
        run={async () => {
          await v.p.c.json(`/api/admin/campaigns/${encodeURIComponent(v.slug)}/scoring/reopen`, {
            method: "POST",
            body: JSON.stringify({ scorer: x.name, round: x.round, reason: reason().trim() }),
          });
          props.notice.set({ ok: true, message: v.s.reopened(x.name) });
          v.reload();
          // said above the experts: this row is drawn anew without its button
          return "";
        }}
      >
        <label for={id}>{v.s.reason}</label>
        <textarea id={id} required maxLength={2000} rows={3} value={reason()} onInput={(e) => setReason(e.currentTarget.value)} />
      </ConfirmAction>
    </div>
  );
}

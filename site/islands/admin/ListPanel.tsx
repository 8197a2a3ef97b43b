/**
 * One list's voting: its state and next step, the counts, and only the actions valid now — close
 * (behind a dialog, never the most prominent thing here), open for the first time or reopen, and
 * the scheduled window, typed in Beijing time and checked before it is sent.
 */
import { createSignal, Show, type JSX } from "solid-js";
import type { Console } from "./client";
import { checkWindow, fromLocalInput, opensFirstTime, shortTime, stepOf, toLocalInput } from "./steps";
import type { AdminCampaign, AdminList } from "./types";
import { ActionResult, ConfirmAction, OrganizersAct, settle } from "./ui";

export function ListPanel(props: { c: Console; campaign: AdminCampaign; list: AdminList; changed: () => void }) {
  const s = props.c.s;
  const l = () => props.list;
  const step = () => stepOf(props.campaign, l(), props.c.lang);
  const path = (action: string) =>
    `/api/admin/campaigns/${encodeURIComponent(props.campaign.slug)}/lists/${encodeURIComponent(l().slug)}/${action}`;
  return (
    <div class="adm-panel">
      <section class="adm-card" aria-labelledby="adm-voting">
        <h3 id="adm-voting">{s.voting}</h3>
        <p class="adm-step adm-step-big" data-state={l().voting.state}>
          <span class="adm-state">{step().state}</span>
          <Show when={step().next}>
            <span class="adm-next"> · {step().next}</span>
          </Show>
        </p>
        <dl class="adm-counts">
          <div>
            <dt>{s.votes}</dt>
            <dd>{l().votes}</dd>
          </div>
          <div>
            <dt>{s.voided}</dt>
            <dd>{l().voided}</dd>
          </div>
          <div>
            <dt>{s.entries}</dt>
            <dd>{l().entries}</dd>
          </div>
        </dl>
        <Show when={l().voting.state !== "none"} fallback={<p class="adm-hint">{s.noVoting}</p>}>
          <OrganizersAct c={props.c}>
            <VotingActions c={props.c} list={l()} path={path} changed={props.changed} />
          </OrganizersAct>
        </Show>
      </section>
      <Show when={l().voting.state !== "none" && !props.c.readOnly()}>
        <WindowForm c={props.c} list={l()} path={path("window")} changed={props.changed} />
      </Show>
    </div>
  );
}

/** Close when open; otherwise open (the first time) or reopen, asking for an end when the scheduled one has passed. */
function VotingActions(props: { c: Console; list: AdminList; path: (action: string) => string; changed: () => void }) {
  const s = props.c.s;
  const l = () => props.list;
  const needsEnd = () => {
    const closesAt = l().voting.closesAt;
    return !!closesAt && Date.parse(closesAt) <= Date.now();
  };
  const [until, setUntil] = createSignal("");
  // closing swaps the button for 重新开启 (and opening the other way): the result stays here, beside both
  const [done, setDone] = createSignal<{ ok: boolean; message: string }>();
  const first = () => opensFirstTime(l());
  const close = async () => {
    const title = l().title;
    await props.c.api(props.path("close"), { method: "POST" });
    setDone({ ok: true, message: s.closedNow(title) });
    props.changed();
    return "";
  };
  const open = async () => {
    const title = l().title;
    const closesAt = needsEnd() ? fromLocalInput(until()) : undefined;
    if (needsEnd() && !closesAt) throw new Error(s.reopenUntilNeeded);
    await props.c.api(props.path("open"), { method: "POST", ...(closesAt ? { body: JSON.stringify({ closesAt }) } : {}) });
    setDone({ ok: true, message: s.openedNow(title) });
    props.changed();
    return "";
  };
  return (
    <div class="adm-actions">
      <Show when={l().voting.state === "open"}>
        <ConfirmAction
          c={props.c}
          label={s.closeNow}
          title={s.closeTitle}
          consequence={s.closeConsequence(l().title)}
          confirmLabel={s.closeConfirm}
          danger
          run={close}
        />
      </Show>
      <Show when={l().voting.state !== "open"}>
        <ConfirmAction
          c={props.c}
          label={first() ? s.openFirst : s.reopen}
          title={first() ? s.openFirstTitle : s.reopenTitle}
          consequence={first() ? s.openFirstConsequence(l().title) : s.reopenConsequence(l().title)}
          confirmLabel={s.openConfirm}
          run={open}
        >
          <Show when={needsEnd()}>
            <label class="adm-field">
              <span>{s.reopenUntilLabel}</span>
              <input type="datetime-local" required value={until()} onInput={(e) => setUntil(e.currentTarget.value)} />
            </label>
          </Show>
        </ConfirmAction>
      </Show>
      <ActionResult result={done()} />
    </div>
  );
}

/** The scheduled window: two datetime-local fields in Beijing time, checked here before PUT …/window. */
function WindowForm(props: { c: Console; list: AdminList; path: string; changed: () => void }) {
  const s = props.c.s;
  const [opens, setOpens] = createSignal(props.list.voting.opensAt ? toLocalInput(props.list.voting.opensAt) : "");
  const [closes, setCloses] = createSignal(props.list.voting.closesAt ? toLocalInput(props.list.voting.closesAt) : "");
  const [result, setResult] = createSignal<{ ok: boolean; message: string }>();
  const [busy, setBusy] = createSignal(false);
  const onSubmit: JSX.EventHandler<HTMLFormElement, SubmitEvent> = async (event) => {
    event.preventDefault();
    const checked = checkWindow(opens(), closes());
    if (!checked.ok) {
      setResult({ ok: false, message: checked.problem === "order" ? s.windowOrder : s.windowMissing });
      return;
    }
    setBusy(true);
    setResult(
      await settle(async () => {
        await props.c.api(props.path, { method: "PUT", body: JSON.stringify({ opensAt: checked.opensAt, closesAt: checked.closesAt }) });
        props.changed();
        return s.windowSaved(shortTime(checked.opensAt, props.c.lang), shortTime(checked.closesAt, props.c.lang));
      }, s.failed),
    );
    setBusy(false);
  };
  return (
    <section class="adm-card" aria-labelledby="adm-window">
      <h3 id="adm-window">{s.schedule}</h3>
      <p class="adm-hint" id="adm-window-hint">
        {s.scheduleHint}
      </p>
      <form class="adm-window" onSubmit={onSubmit} novalidate>
        <label for="adm-opens">{s.opensAtLabel}</label>
        <input
          id="adm-opens"
          type="datetime-local"
          aria-describedby="adm-window-hint"
          value={opens()}
          onInput={(e) => setOpens(e.currentTarget.value)}
        />
        <label for="adm-closes">{s.closesAtLabel}</label>
        <input
          id="adm-closes"
          type="datetime-local"
          aria-describedby="adm-window-hint"
          value={closes()}
          onInput={(e) => setCloses(e.currentTarget.value)}
        />
        <button type="submit" class="adm-btn adm-primary" disabled={busy()}>
          {s.save}
        </button>
        <ActionResult result={result()} />
      </form>
    </section>
  );
}

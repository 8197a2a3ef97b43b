/**
 * 异议处理: the campaign's objections (publication, entry, received, state); one opens to its reason
 * and, for organizers, the objector's name and contact (the API leaves them out for auditors); a
 * pending one is resolved upheld or rejected with a required note, the result beside the form.
 */
import { createSignal, Show, type JSX } from "solid-js";
import type { FeatureProps } from "./features";
import { errorText, useLoaded, when } from "./flow-kit";
import { ActionResult, OrganizersAct } from "./ui";
import "./flows.css";

const t = {
  zh: {
    title: "异议处理",
    intro: "公众在公示期内提交的异议。异议成立的对象在发布正式名单时自动不列入。",
    none: "暂无异议。",
    loading: "加载中…",
    states: { pending: "待处理", upheld: "异议成立", rejected: "异议不成立" } as Record<string, string>,
    publication: (id: number) => `公示 #${id}`,
    received: "收到时间",
    receipt: "回执编号",
    open: "查看并处理",
    read: "查看",
    close: "收起",
    reason: "异议理由",
    evidence: "证明材料",
    name: "姓名",
    contact: "联系方式",
    hidden: "仅主办方可见",
    resolution: "处理结果",
    upheld: "异议成立（该对象不列入正式名单）",
    rejected: "异议不成立",
    note: "处理意见（必填，记入审计日志）",
    save: "提交处理结果",
    saving: "正在提交…",
    chooseResolution: "请选择处理结果。",
    resolved: (s: string) => `已处理：${s}。`,
    resolvedAt: (at: string, by: string) => `${at} 由 ${by} 处理`,
    failed: "未完成：",
  },
  en: {
    title: "Objections",
    intro: "Objections the public filed during publicity. Entries with an upheld objection are left out of the final list on their own.",
    none: "No objections.",
    loading: "Loading…",
    states: { pending: "Pending", upheld: "Upheld", rejected: "Rejected" } as Record<string, string>,
    publication: (id: number) => `Publication #${id}`,
    received: "Received",
    receipt: "Receipt",
    open: "Read and resolve",
    read: "Read",
    close: "Close",
    reason: "Reason",
    evidence: "Evidence",
    name: "Name",
    contact: "Contact",
    hidden: "Organizers only",
    resolution: "Resolution",
    upheld: "Upheld (the entry is left out of the final list)",
    rejected: "Rejected",
    note: "Note (required; kept in the audit log)",
    save: "Record the resolution",
    saving: "Saving…",
    chooseResolution: "Choose a resolution.",
    resolved: (s: string) => `Resolved: ${s}.`,
    resolvedAt: (at: string, by: string) => `${at} by ${by}`,
    failed: "Not done: ",
  },
};

interface Objection {
  id: number;
  receipt: string;
  publicationId: number;
  entry: { id: number; slug?: string; name?: string; list?: string };
  name?: string;
  contact?: string;
  reason: string;
  evidence?: string;
  createdAt: string;
  status: string;
  resolution?: { note: string; at: string; by: string };
}

export default function Objections(p: FeatureProps): JSX.Element {
  const s = t[p.c.lang];
  const objections = useLoaded(
    async () =>
      (await p.c.json<{ objections: Objection[] }>(`/api/admin/objections?campaign=${encodeURIComponent(p.campaign?.slug ?? "")}`))
        .objections,
  );
  const [openId, setOpenId] = createSignal<number>();
  // a resolution's result, kept here: the reloaded list renders the objection afresh, resolved
  const [done, setDone] = createSignal<Record<number, { ok: boolean; message: string }>>({});
  return (
    <section class="adm-card flow" aria-labelledby="flow-objections">
      <h2 id="flow-objections">{s.title}</h2>
      <p class="adm-hint">{s.intro}</p>
      <ActionResult result={objections.error() ? { ok: false, message: s.failed + objections.error() } : undefined} />
      <Show when={objections.value() || !objections.loading()} fallback={<p>{s.loading}</p>}>
        <Show when={(objections.value() ?? []).length > 0} fallback={<p class="adm-hint">{s.none}</p>}>
          <ul class="flow-rows">
            {(objections.value() ?? []).map((o) => (
              <li class="flow-row flow-objection">
                <p class="flow-row-head">
                  <strong>{o.entry.name ?? o.entry.slug ?? `#${o.entry.id}`}</strong>{" "}
                  <span class="flow-tag" data-state={o.status}>
                    {s.states[o.status] ?? o.status}
                  </span>
                </p>
                <p class="adm-hint">
                  {s.publication(o.publicationId)} · {s.received} {when(o.createdAt, p.c.lang)}
                </p>
                <button
                  type="button"
                  class="adm-btn"
                  aria-expanded={openId() === o.id}
                  aria-controls={`flow-objection-${o.id}`}
                  onClick={() => setOpenId((id) => (id === o.id ? undefined : o.id))}
                >
                  {openId() === o.id ? s.close : o.status === "pending" && !p.c.readOnly() ? s.open : s.read}
                </button>
                <Show when={openId() === o.id}>
                  <ObjectionDetail
                    p={p}
                    o={o}
                    done={done()[o.id]}
                    onResolved={(message) => {
                      setDone((d) => ({ ...d, [o.id]: { ok: true, message } }));
                      objections.reload();
                    }}
                  />
                </Show>
              </li>
            ))}
          </ul>
        </Show>
      </Show>
    </section>
  );
}

function ObjectionDetail(props: {
  p: FeatureProps;
  o: Objection;
  done?: { ok: boolean; message: string };
  onResolved: (message: string) => void;
}): JSX.Element {
  const s = t[props.p.c.lang];
  const o = props.o;
  return (
    <div id={`flow-objection-${o.id}`} class="flow-detail">
      <dl class="flow-facts flow-facts-wide">
        <div>
          <dt>{s.receipt}</dt>
          <dd>{o.receipt}</dd>
        </div>
        <div>
          <dt>{s.reason}</dt>
          <dd class="flow-text">{o.reason}</dd>
        </div>
        <Show when={o.evidence}>
          <div>
            <dt>{s.evidence}</dt>
            <dd class="flow-text">{o.evidence}</dd>
          </div>
        </Show>
        <div>
          <dt>{s.name}</dt>
          <dd>{o.name ?? <span class="flow-muted">{s.hidden}</span>}</dd>
        </div>
        <div>
          <dt>{s.contact}</dt>
          <dd>{o.contact ?? <span class="flow-muted">{s.hidden}</span>}</dd>
        </div>
        <Show when={o.resolution}>
          {(r) => (
            <div>
              <dt>{s.resolution}</dt>
              <dd class="flow-text">
                <strong>{s.states[o.status] ?? o.status}</strong>：{r().note}
                <span class="flow-muted flow-block">{s.resolvedAt(when(r().at, props.p.c.lang), r().by)}</span>
              </dd>
            </div>
          )}
        </Show>
      </dl>
      <Show when={o.status === "pending"} fallback={<ActionResult result={props.done} />}>
        <OrganizersAct c={props.p.c}>
          <ResolveForm p={props.p} o={o} onResolved={props.onResolved} />
        </OrganizersAct>
      </Show>
    </div>
  );
}

/** Upheld or rejected, with the note the audit log keeps; refused answers show beside the button. */
function ResolveForm(props: { p: FeatureProps; o: Objection; onResolved: (message: string) => void }): JSX.Element {
  const s = t[props.p.c.lang];
  const [resolution, setResolution] = createSignal<"upheld" | "rejected">();
  const [note, setNote] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const [result, setResult] = createSignal<{ ok: boolean; message: string }>();
  const id = `flow-objection-${props.o.id}`;
  const resolve = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!resolution()) return setResult({ ok: false, message: s.chooseResolution });
    setBusy(true);
    try {
      await props.p.c.json(`/api/admin/objections/${props.o.id}/resolve`, {
        method: "POST",
        body: JSON.stringify({ resolution: resolution(), note: note().trim() }),
      });
      props.onResolved(s.resolved(s.states[resolution()!]!));
    } catch (error) {
      setResult({ ok: false, message: s.failed + errorText(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="flow-form" onSubmit={resolve}>
      <fieldset class="flow-checks">
        <legend>{s.resolution}</legend>
        {(["upheld", "rejected"] as const).map((r) => (
          <label class="flow-check">
            <input type="radio" name={`${id}-resolution`} value={r} checked={resolution() === r} onChange={() => setResolution(r)} />
            <span>{s[r]}</span>
          </label>
        ))}
      </fieldset>
      <label for={`${id}-note`}>{s.note}</label>
      <textarea id={`${id}-note`} required maxLength={2000} rows={3} value={note()} onInput={(e) => setNote(e.currentTarget.value)} />
      <button type="submit" class="adm-btn adm-primary" disabled={busy()}>
        {busy() ? s.saving : s.save}
      </button>
      <ActionResult result={result()} />
    </form>
  );
}

/**
 * Anomaly review for one campaign: each pattern the API flags, with a void form that first shows how
 * many votes it would void (a dry run) and voids them only on a second press.
 */
import { createSignal, Show } from "solid-js";
import { useFetched, type Console } from "./client";
import type { AdminCampaign, Anomaly } from "./types";

export function Anomalies(props: { c: Console; campaigns: AdminCampaign[] }) {
  const s = props.c.s;
  const [campaign, setCampaign] = createSignal("");
  const chosen = () => campaign() || props.campaigns[0]?.slug || "";
  const [tick, setTick] = createSignal(0);
  const [anomalies, anomaliesLoading] = useFetched(
    () => (chosen() ? `${chosen()}|${tick()}` : false),
    async () => (await props.c.json<{ anomalies: Anomaly[] }>(`/api/admin/anomalies?campaign=${encodeURIComponent(chosen())}`)).anomalies,
  );
  return (
    <section class="adm-card" aria-labelledby="adm-anomalies">
      <h2 id="adm-anomalies">{s.anomalies}</h2>
      <label for="adm-anomaly-campaign">{s.campaign}</label>
      <select id="adm-anomaly-campaign" value={chosen()} onChange={(e) => setCampaign(e.currentTarget.value)}>
        {props.campaigns.map((c) => (
          <option value={c.slug}>{c.title}</option>
        ))}
      </select>
      <Show when={!anomaliesLoading()} fallback={<p>{s.loading}</p>}>
        <Show when={(anomalies() ?? []).length > 0} fallback={<p>{s.noAnomalies}</p>}>
          <ul class="adm-anomalies">
            {(anomalies() ?? []).map((a, i) => (
              <AnomalyItem
                a={a}
                index={i}
                c={props.c}
                onVoided={(n) => {
                  props.c.setStatus(s.voidedNow(n));
                  setTick((t) => t + 1);
                  props.c.refresh();
                }}
              />
            ))}
          </ul>
        </Show>
      </Show>
    </section>
  );
}

function AnomalyItem(props: { a: Anomaly; index: number; c: Console; onVoided: (n: number) => void }) {
  const s = props.c.s;
  const [preview, setPreview] = createSignal<number | undefined>(undefined);
  const [reason, setReason] = createSignal("");
  const id = `adm-reason-${props.index}`;
  const send = async (dryRun: boolean) => {
    try {
      const body = JSON.stringify({
        filter: props.a.filter,
        reason: reason(),
        dryRun,
      });
      const r = await props.c.json<{ voided: number }>("/api/admin/votes/void", {
        method: "POST",
        body,
      });
      if (dryRun) setPreview(r.voided);
      else props.onVoided(r.voided);
    } catch (error) {
      props.c.report(error);
    }
  };
  const time = (iso: string) =>
    new Date(iso).toLocaleString("zh-CN", {
      timeZone: "Asia/Shanghai",
      hour12: false,
    });
  return (
    <li class="adm-anomaly">
      <p>
        <strong>{s.kinds[props.a.kind] ?? props.a.kind}</strong> · {props.a.list}
        {props.a.entry ? ` · ${props.a.entry.name}` : ""}
      </p>
      <p class="adm-figures">
        <span>
          {s.votes} {props.a.votes}
        </span>
        <span>
          {s.voters} {props.a.voters}
        </span>
        <span>
          {s.span} {time(props.a.from)} – {time(props.a.to)}
        </span>
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void send(preview() === undefined);
        }}
      >
        <label for={id}>{s.reason}</label>
        <input id={id} type="text" required maxLength={500} value={reason()} onInput={(e) => setReason(e.currentTarget.value)} />
        <Show when={preview() !== undefined}>
          <p class="adm-hint" role="status">
            {s.previewed(preview()!)}
          </p>
        </Show>
        <button type="submit" class="adm-btn" classList={{ "adm-danger": preview() !== undefined }}>
          {preview() === undefined ? s.preview : s.confirmVoid}
        </button>
      </form>
    </li>
  );
}

/**
 * Anomaly review for one campaign: each pattern the API flags, with a reason, a dry run that says how
 * many votes it would void, and the void itself behind a dialog that repeats the count and the reason.
 */
import { createSignal, Show } from "solid-js";
import { useFetched, type Console } from "./client";
import type { FeatureProps } from "./features";
import { shortTime } from "./steps";
import type { Anomaly } from "./types";
import { ActionResult, ConfirmAction, OrganizersAct, settle } from "./ui";

export default function Anomalies(props: FeatureProps) {
  const s = props.c.s;
  const slug = () => props.campaign?.slug ?? "";
  // fetched once per campaign: after a void the item stays, saying what was voided, until the next visit
  const [anomalies, loading] = useFetched(
    () => slug(),
    async () => (await props.c.json<{ anomalies: Anomaly[] }>(`/api/admin/anomalies?campaign=${encodeURIComponent(slug())}`)).anomalies,
  );
  return (
    <section class="adm-card" aria-labelledby="adm-anomalies">
      <h3 id="adm-anomalies">{s.anomalies}</h3>
      <Show when={anomalies() !== undefined || !loading()} fallback={<p>{s.loading}</p>}>
        <Show when={(anomalies() ?? []).length > 0} fallback={<p>{s.noAnomalies}</p>}>
          <ul class="adm-anomalies">
            {(anomalies() ?? []).map((a, i) => (
              <AnomalyItem a={a} index={i} c={props.c} onVoided={() => props.changed()} />
            ))}
          </ul>
        </Show>
      </Show>
    </section>
  );
}

function AnomalyItem(props: { a: Anomaly; index: number; c: Console; onVoided: () => void }) {
  const s = props.c.s;
  const [preview, setPreview] = createSignal<number | undefined>(undefined);
  const [result, setResult] = createSignal<{ ok: boolean; message: string }>();
  const [reason, setReason] = createSignal("");
  const id = `adm-reason-${props.index}`;
  const send = (dryRun: boolean) =>
    props.c.json<{ voided: number }>("/api/admin/votes/void", {
      method: "POST",
      body: JSON.stringify({ filter: props.a.filter, reason: reason().trim(), dryRun }),
    });
  const dryRun = async () => {
    let count: number | undefined;
    setResult(
      await settle(async () => {
        count = (await send(true)).voided;
        return s.previewed(count);
      }, s.failed),
    );
    setPreview(count);
  };
  return (
    <li class="adm-anomaly">
      <AnomalyFacts a={props.a} c={props.c} />
      <OrganizersAct c={props.c}>
        <>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void dryRun();
            }}
          >
            <label for={id}>{s.reason}</label>
            <input
              id={id}
              type="text"
              required
              maxLength={500}
              value={reason()}
              onInput={(e) => {
                setReason(e.currentTarget.value);
                setPreview(undefined);
              }}
            />
            <button type="submit" class="adm-btn">
              {s.preview}
            </button>
            <ActionResult result={result()} />
          </form>
          <Show when={preview() !== undefined && preview()! > 0}>
            <ConfirmAction
              c={props.c}
              label={s.voidLabel(preview()!)}
              title={s.voidTitle}
              consequence={s.voidConsequence(preview()!, reason().trim())}
              confirmLabel={s.confirmVoid}
              danger
              run={async () => {
                const r = await send(false);
                // the dialog's button goes (nothing is left to void); the result stays beside the dry run
                setPreview(undefined);
                setResult({ ok: true, message: s.voidedNow(r.voided) });
                props.onVoided();
                return s.voidedNow(r.voided);
              }}
            />
          </Show>
        </>
      </OrganizersAct>
    </li>
  );
}

/** What the pattern is, where, and how many votes and voters in what span. */
function AnomalyFacts(props: { a: Anomaly; c: Console }) {
  const s = props.c.s;
  const time = (iso: string) => shortTime(iso, props.c.lang);
  return (
    <>
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
    </>
  );
}

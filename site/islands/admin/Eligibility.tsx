/**
 * The eligibility check (S3): per applicant, each indicator of the notice with its value and the
 * result in words; the printed condition under the indicator. Inputs of formulas are left to the export.
 */
import { createSignal, Show } from "solid-js";
import { useFetched, type Console } from "./client";
import { exportResult } from "./Exports";
import type { FeatureProps } from "./features";
import type { EligibilityList, Text } from "./types";
import { ActionResult } from "./ui";

type Applicant = EligibilityList["entries"][number];

export default function Eligibility(props: FeatureProps) {
  const s = props.c.s;
  const [list, setList] = createSignal("");
  const [period, setPeriod] = createSignal("");
  const [result, setResult] = createSignal<{ ok: boolean; message: string }>();
  const chosen = () => props.campaign?.slug ?? "";
  const [data, loading] = useFetched(
    () => chosen(),
    async () =>
      (await props.c.json<{ lists: EligibilityList[] }>(`/api/admin/campaigns/${encodeURIComponent(chosen())}/eligibility`)).lists,
  );
  const current = () => (data() ?? []).find((l) => l.list === list()) ?? data()?.[0];
  const periodKey = () => (current()?.periods.some((p) => p.key === period()) ? period() : current()?.periods[0]?.key) ?? "";
  const t = (x: Text) => (props.c.lang === "en" && x.en ? x.en : x.zh);
  const download = async (format: string) => {
    setResult(undefined);
    setResult(await exportResult(props.c, chosen(), "eligibility", format));
  };
  return (
    <section class="adm-card" aria-labelledby="adm-eligibility">
      <h3 id="adm-eligibility">{s.eligibility}</h3>
      <p class="adm-hint">{s.eligibilityHint}</p>
      <Show when={!loading()} fallback={<p>{s.loading}</p>}>
        <Show when={current()} fallback={<p>{s.noSheet}</p>}>
          {(l) => (
            <>
              <label for="adm-elig-list">{s.list}</label>
              <select id="adm-elig-list" value={l().list} onChange={(e) => setList(e.currentTarget.value)}>
                {(data() ?? []).map((x) => (
                  <option value={x.list}>{t(x.title)}</option>
                ))}
              </select>
              <label for="adm-elig-period">{s.period}</label>
              <select id="adm-elig-period" value={periodKey()} onChange={(e) => setPeriod(e.currentTarget.value)}>
                {l().periods.map((p) => (
                  <option value={p.key}>{t(p.title)}</option>
                ))}
              </select>
              <p class="adm-bar">
                <button type="button" class="adm-btn" onClick={() => void download("csv")}>
                  {s.exportAs("CSV")}
                </button>
                <button type="button" class="adm-btn" onClick={() => void download("xlsx")}>
                  {s.exportAs("XLSX")}
                </button>
              </p>
              <ActionResult result={result()} />
              <ul class="adm-elig">
                {l().entries.map((e) => (
                  <ApplicantCheck c={props.c} applicant={e} indicators={l().indicators} period={periodKey()} t={t} />
                ))}
              </ul>
            </>
          )}
        </Show>
      </Show>
    </section>
  );
}

/** One applicant: the summary in words, then each indicator (not the formulas' inputs) with value and result. */
function ApplicantCheck(props: {
  c: Console;
  applicant: Applicant;
  indicators: EligibilityList["indicators"];
  period: string;
  t: (x: Text) => string;
}) {
  const s = props.c.s;
  const t = props.t;
  const e = props.applicant;
  const here = () => e.periods[props.period];
  return (
    <li>
      <h4>{t(e.name)}</h4>
      <p class="adm-tag">{[...Object.values(e.categories ?? {}), e.region].filter(Boolean).join(" · ")}</p>
      <p class="adm-elig-summary" data-status={here()?.summary.status}>
        {props.c.lang === "en" ? here()?.summary.text.en : here()?.summary.text.zh}
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">{s.indicator}</th>
            <th scope="col">{s.value}</th>
            <th scope="col">{s.result}</th>
          </tr>
        </thead>
        <tbody>
          {props.indicators.map((ind, i) =>
            ind.role === "input" ? null : (
              <tr>
                <th scope="row">
                  {t(ind.title)}
                  <Show when={ind.thresholds[props.period]}>{(c) => <span class="adm-elig-cond">{t(c().text)}</span>}</Show>
                </th>
                <td>{here()?.cells[i]?.text}</td>
                <td>
                  <span class="adm-result" data-result={here()?.cells[i]?.result}>
                    {s.results[here()?.cells[i]?.result ?? "none"]}
                  </span>
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </li>
  );
}

/** Two tables: the scores far from the other experts', and each entry's submitted/assigned count by round. */
import { Show, type JSX } from "solid-js";
import { nameOf } from "../flow-kit";
import { num, type ScoringEntry, type View } from "./shared";

/** More rows than this and a table starts folded, its count in view. */
const FOLD_AFTER = 12;

/** Outliers: expert, entry, dimension, and the score against the others' mean ± sd. */
export function Outliers(props: { v: View }): JSX.Element {
  const v = props.v;
  const rows = v.data.outliers;
  return (
    <>
      <h3 id="sc-outliers">{v.s.outliers}</h3>
      <p class="adm-hint">{v.s.outliersHint}</p>
      <Show when={rows.length > 0} fallback={<p class="adm-hint">{v.s.noOutliers}</p>}>
        {/* an imported sheet of many experts can have dozens: folded beyond a screenful, the count in view */}
        <details class="flow-fold" open={rows.length <= FOLD_AFTER}>
          <summary>{v.s.outlierCount(rows.length)}</summary>
          <div class="flow-table-wrap">
            <table class="flow-table sc-outliers" aria-labelledby="sc-outliers">
              <thead>
                <tr>
                  <th scope="col">{v.s.scorer}</th>
                  <th scope="col">{v.s.entry}</th>
                  <th scope="col">{v.s.dimension}</th>
                  <th scope="col">{v.s.scoreVs}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((o) => (
                  <tr>
                    <td>{o.scorer}</td>
                    <td>
                      {v.entryName(o.list, o.entry)}
                      <Show when={v.rounds}>
                        <span class="flow-muted flow-block">{v.roundTitle(o.round)}</span>
                      </Show>
                    </td>
                    <td>
                      {v.dimensionTitle(o.list, o.dimension)}
                      <span class="flow-muted flow-block">{v.componentTitle(o.list, o.component)}</span>
                    </td>
                    <td>
                      <strong class="sc-score">{num(o.score)}</strong>
                      <span class="flow-muted flow-block">
                        {num(o.mean)} ± {num(o.sd)}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </Show>
    </>
  );
}

/** Per round: each entry, its list, and how many of the experts it is assigned to have submitted. */
export function EntryProgress(props: { v: View }): JSX.Element {
  const v = props.v;
  const keys = [...new Set(v.data.entries.map((e) => e.round))];
  const byRound = (key: string) => v.data.entries.filter((e) => e.round === key);
  return (
    <>
      <h3>{v.s.entries}</h3>
      <Show when={v.data.entries.length > 0} fallback={<p class="adm-hint">{v.s.noEntries}</p>}>
        {keys.map((key) => (
          <RoundEntries v={v} title={v.rounds ? v.roundTitle(key) : ""} entries={byRound(key)} />
        ))}
      </Show>
    </>
  );
}

function RoundEntries(props: { v: View; title: string; entries: ScoringEntry[] }): JSX.Element {
  const v = props.v;
  // entries no expert is assigned (lists nobody is bound to): counted, not listed
  const assigned = props.entries.filter((e) => e.assigned > 0);
  const nobody = props.entries.length - assigned.length;
  const short = assigned.filter((e) => e.submitted < e.assigned).length;
  return (
    <>
      <Show when={nobody > 0}>
        <p class="adm-hint">
          {props.title ? v.s.inRound(props.title) : ""}
          {v.s.unassigned(nobody)}
        </p>
      </Show>
      <Show when={assigned.length > 0}>
        <Assigned v={v} title={props.title} entries={assigned} short={short} />
      </Show>
    </>
  );
}

function Assigned(props: { v: View; title: string; entries: ScoringEntry[]; short: number }): JSX.Element {
  const v = props.v;
  return (
    <details class="flow-fold sc-entries" open={props.entries.length <= FOLD_AFTER}>
      <summary>
        {props.title ? v.s.inRound(props.title) : ""}
        {v.s.entriesCount(props.entries.length, props.short)}
      </summary>
      <div class="flow-table-wrap">
        <table class="flow-table">
          <thead>
            <tr>
              <th scope="col">{v.s.entry}</th>
              <th scope="col" class="sc-num">
                {v.s.submittedOfAssigned}
              </th>
            </tr>
          </thead>
          <tbody>
            {props.entries.map((e) => (
              <tr data-short={e.submitted < e.assigned ? "true" : undefined}>
                <td>
                  {nameOf(e.name, v.lang)}
                  <span class="flow-muted flow-block">{v.listTitle(e.list)}</span>
                </td>
                <td class="sc-num">
                  {e.submitted}/{e.assigned}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

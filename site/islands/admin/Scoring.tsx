/**
 * 专家评审: the organizer's view of expert scoring in one campaign. The rounds and how entries go on,
 * each expert's sheet (round, lists, recusals, status, progress) with a submitted sheet reopened
 * behind a dialog that asks why, each entry's submitted/assigned count, the scores far from the other
 * experts', a `manual` round's pick of advancing entries, and the way to the export of every score.
 */
import { Show, type JSX } from "solid-js";
import type { FeatureProps } from "./features";
import { nameOf, useLoaded } from "./flow-kit";
import { href } from "./route";
import { Advancing } from "./Scoring/Advance";
import { Scorers } from "./Scoring/Scorers";
import { normalized, notice, view, type ScoringOverview, type View } from "./Scoring/shared";
import { EntryProgress, Outliers } from "./Scoring/Tables";
import { t } from "./texts-scoring";
import { ActionResult } from "./ui";
import "./flows.css";
import "./scoring.css";

export default function Scoring(p: FeatureProps): JSX.Element {
  const s = t[p.c.lang];
  const slug = () => p.campaign?.slug ?? "";
  const overview = useLoaded(async () =>
    normalized(
      await p.c.json<Partial<ScoringOverview>>(`/api/admin/campaigns/${encodeURIComponent(slug())}/scoring`, { cache: "no-store" }),
    ),
  );
  // what a reopening or a pick did: kept here, as the rows it came from are drawn anew by the reload
  const reopened = notice();
  const picked = notice();
  return (
    <section class="adm-card flow sc" aria-labelledby="flow-scoring">
      <h2 id="flow-scoring">{s.title}</h2>
      <p class="adm-hint">{s.intro}</p>
      <ActionResult result={overview.error() ? { ok: false, message: s.failed + overview.error() } : undefined} />
      {/* keyed: each answer draws the view anew, so every part reads one consistent answer */}
      <Show when={overview.value()} keyed fallback={<p>{s.loading}</p>}>
        {(data) => {
          const v: View = view(p, data, () => overview.reload());
          return (
            <>
              <Rounds v={v} />
              <Scorers v={v} notice={reopened} />
              <Outliers v={v} />
              <EntryProgress v={v} />
              <Advancing v={v} notice={picked} />
            </>
          );
        }}
      </Show>
      <h3>{s.export}</h3>
      <p class="adm-hint">{s.exportHint}</p>
      <p class="flow-links">
        <a href={href({ campaign: slug(), feature: "exports" })}>{s.exportLink}</a>
      </p>
    </section>
  );
}

/** The declared rounds in order, each with how its entries go on; one line when there is a single round. */
function Rounds(props: { v: View }): JSX.Element {
  const v = props.v;
  const rule = (r: ScoringOverview["rounds"][number]) => {
    if (r.final) return v.s.finalRound;
    if (r.advance === "manual") return v.s.advanceManual;
    if (r.advance && typeof r.advance === "object") return v.s.advanceTop(r.advance.top);
    return v.s.advanceNone;
  };
  return (
    <>
      <h3>{v.s.rounds}</h3>
      <Show when={v.rounds} fallback={<p class="adm-hint">{v.s.noRounds}</p>}>
        <ol class="sc-rounds">
          {v.data.rounds.map((r) => (
            <li>
              <strong>{nameOf(r.title, v.lang) || r.key}</strong>
              <span class="flow-muted flow-block">{rule(r)}</span>
            </li>
          ))}
        </ol>
      </Show>
    </>
  );
}

/**
 * The campaigns, then one campaign's lists: each with its state, counts and next step at a glance,
 * a link to its panel. Nothing here changes anything; the actions are on the list's own screen.
 */
import { Show } from "solid-js";
import type { Console } from "./client";
import { nextDate, stepOf } from "./steps";
import type { AdminCampaign } from "./types";

const e = encodeURIComponent;

export function Campaigns(props: { c: Console; campaigns: AdminCampaign[] }) {
  const s = props.c.s;
  const now = Date.now();
  return (
    <section class="adm-screen" aria-labelledby="adm-campaigns">
      <h2 id="adm-campaigns" class="adm-screen-title">
        {s.campaigns}
      </h2>
      <ul class="adm-cards">
        {props.campaigns.map((x) => {
          const votes = x.lists.reduce((n, l) => n + l.votes, 0);
          const open = x.lists.filter((l) => l.voting.state === "open").length;
          const next = nextDate(x, now, props.c.lang);
          return (
            <li>
              <a class="adm-card adm-card-link" href={`#/c/${e(x.slug)}`}>
                <span class="adm-card-title">{x.title}</span>
                <span class="adm-figures">
                  <span>{s.listsCount(x.lists.length)}</span>
                  <span classList={{ "adm-live": open > 0 }}>{s.openLists(open)}</span>
                  <span>{s.totalVotes(votes)}</span>
                </span>
                <span class="adm-next">
                  {s.next}
                  {props.c.lang === "en" ? ": " : "："}
                  {next ?? s.nothingNext}
                </span>
              </a>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function CampaignLists(props: { c: Console; campaign: AdminCampaign }) {
  const s = props.c.s;
  return (
    <ul class="adm-cards">
      {props.campaign.lists.map((l) => {
        const step = () => stepOf(props.campaign, l, props.c.lang);
        return (
          <li>
            <a class="adm-card adm-card-link adm-list" href={`#/c/${e(props.campaign.slug)}/l/${e(l.slug)}`}>
              <span class="adm-card-title">
                {l.title} <span class="adm-tag">{l.ranking === "ranked" ? s.ranked : s.unranked}</span>
              </span>
              <span class="adm-step" data-state={l.voting.state}>
                <span class="adm-state">{step().state}</span>
                <Show when={step().next}>
                  <span class="adm-next"> · {step().next}</span>
                </Show>
              </span>
              <span class="adm-figures">
                <span>
                  {s.votes} {l.votes}
                </span>
                <span>
                  {s.voided} {l.voided}
                </span>
                <span>
                  {s.entries} {l.entries}
                </span>
              </span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}

/** Every campaign's lists with their votes, voided votes and entries; voting closed or reopened by hand. */
import { Show } from "solid-js";
import type { Console } from "./client";
import type { AdminCampaign, AdminList } from "./types";

export function Lists(props: { c: Console; campaigns: AdminCampaign[]; loading: boolean }) {
  const s = props.c.s;
  const toggle = async (c: AdminCampaign, l: AdminList) => {
    const closing = l.voting.state === "open";
    if (!window.confirm(closing ? s.confirmClose(l.title) : s.confirmOpen(l.title))) return;
    try {
      await props.c.api(`/api/admin/campaigns/${c.slug}/lists/${l.slug}/${closing ? "close" : "open"}`, { method: "POST" });
      props.c.setStatus(`${l.title}：${closing ? s.state.closed : s.state.open}`);
      props.c.refresh();
    } catch (error) {
      props.c.report(error);
    }
  };
  return (
    <section class="adm-card" aria-labelledby="adm-lists">
      <h2 id="adm-lists">{s.lists}</h2>
      <Show when={!props.loading} fallback={<p>{s.loading}</p>}>
        {props.campaigns.map((c) => (
          <div class="adm-campaign">
            <h3>{c.title}</h3>
            <ul class="adm-lists">
              {c.lists.map((l) => (
                <li class="adm-list">
                  <p class="adm-list-title">
                    <strong>{l.title}</strong> <span class="adm-tag">{l.ranking === "ranked" ? s.ranked : s.unranked}</span>
                  </p>
                  <p class="adm-figures">
                    <span class="adm-state" data-state={l.voting.state}>
                      {s.state[l.voting.state] ?? l.voting.state}
                    </span>
                    <span>
                      {s.votes} {l.votes}
                    </span>
                    <span>
                      {s.voided} {l.voided}
                    </span>
                    <span>
                      {s.entries} {l.entries}
                    </span>
                  </p>
                  <Show when={l.voting.state !== "none"}>
                    <button
                      type="button"
                      class="adm-btn"
                      classList={{
                        "adm-danger": l.voting.state === "open",
                      }}
                      onClick={() => void toggle(c, l)}
                    >
                      {l.voting.state === "open" ? s.close : s.open}
                    </button>
                  </Show>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </Show>
    </section>
  );
}

/** Every campaign's lists with their votes, voided votes and entries; voting closed or reopened by hand. */
import { Show } from "solid-js";
import type { Console } from "./client";
import type { AdminCampaign, AdminList } from "./types";

export function Lists(props: { c: Console; campaigns: AdminCampaign[]; loading: boolean }) {
  const s = props.c.s;
  /** Past its scheduled close, a reopening needs its end: asked for, in the close's own offset. */
  const reopenEnd = (l: AdminList): { closesAt?: string } | undefined => {
    const closesAt = l.voting.closesAt;
    if (!closesAt || Date.parse(closesAt) > Date.now()) return {};
    const offset = /[+-]\d{2}:\d{2}$/.exec(closesAt)?.[0] ?? "+08:00";
    const sign = offset.startsWith("-") ? -1 : 1;
    const minutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
    const suggested = new Date(Date.now() + 86_400_000 + minutes * 60_000).toISOString().slice(0, 16) + offset;
    const until = window.prompt(s.reopenUntil, suggested)?.trim();
    return until ? { closesAt: until } : undefined;
  };
  const toggle = async (c: AdminCampaign, l: AdminList) => {
    const closing = l.voting.state === "open";
    if (!window.confirm(closing ? s.confirmClose(l.title) : s.confirmOpen(l.title))) return;
    const body = closing ? {} : reopenEnd(l);
    if (!body) return;
    try {
      await props.c.api(`/api/admin/campaigns/${c.slug}/lists/${l.slug}/${closing ? "close" : "open"}`, {
        method: "POST",
        ...(body.closesAt ? { body: JSON.stringify(body) } : {}),
      });
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

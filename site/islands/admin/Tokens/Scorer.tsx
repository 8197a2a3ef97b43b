/**
 * A scorer (评审专家) token's binding in the token form: the campaign (those whose components experts
 * score), optionally some of its lists, optionally recusals (entries of those lists the expert must
 * neither see nor score, checkboxes grouped by list with a filter) and the round (default the last).
 * In the token list, what a scorer token is bound to.
 */
import { createSignal, Show, type JSX } from "solid-js";
import type { FeatureProps } from "../features";
import { FRESH, nameOf } from "../flow-kit";
import type { AdminCampaign } from "../types";

const t = {
  zh: {
    campaign: "活动",
    noCampaign: "还没有由专家评分的活动：活动文件中需有 scoredBy: experts 的组成部分。",
    lists: "榜单（可选；不选即全部榜单）",
    recuse: "回避对象（可选）",
    recuseHint: "勾选的对象不会出现在这位专家的评分表中。",
    filter: "筛选对象",
    filterHint: "输入名称中的字，只列出相符的对象。",
    recuseCount: (list: string, n: number, picked: number) => `${list}：${n} 个对象${picked ? `，已回避 ${picked} 个` : ""}`,
    noMatch: "没有相符的对象。",
    round: "评审轮次",
    last: "（默认，最后一轮）",
    loading: "加载中…",
    bound: "评审范围：",
    allLists: "全部榜单",
    recused: (n: number) => `回避 ${n} 个对象`,
    roundOf: (r: string) => `轮次：${r}`,
  },
  en: {
    campaign: "Campaign",
    noCampaign: "No campaign has a component scored by experts yet (scoredBy: experts in its file).",
    lists: "Lists (optional; none means every list)",
    recuse: "Recusals (optional)",
    recuseHint: "Entries ticked here never appear on this expert's sheet.",
    filter: "Filter entries",
    filterHint: "Type part of a name to list only the entries that match.",
    recuseCount: (list: string, n: number, picked: number) => `${list}: ${n} entries${picked ? `, ${picked} recused` : ""}`,
    noMatch: "No entry matches.",
    round: "Round",
    last: " (default, the last round)",
    loading: "Loading…",
    bound: "Scores: ",
    allLists: "every list",
    recused: (n: number) => `${n} recused`,
    roundOf: (r: string) => `round: ${r}`,
  },
};

/** What the token list says of a scorer token (older servers leave these out). */
export interface ScorerBound {
  campaign?: string | null;
  lists?: string[] | null;
  recuse?: string[] | null;
  recused?: string[] | null;
  round?: string | null;
}

type Entry = { slug: string; name: unknown };
type Round = { key: string; title: unknown };

/**
 * Each campaign's rounds by slug, read from the organizer's scoring view: the form's round select,
 * and the round titles in the token list (a token made by the CLI may name a campaign the form never chose).
 */
function campaignRounds(p: FeatureProps) {
  const [known, setKnown] = createSignal<Record<string, Round[]>>({});
  const reading = new Map<string, Promise<Round[]>>();
  /** the rounds, read again when `again` */
  const readRounds = (slug: string, again = false) => {
    let r = again ? undefined : reading.get(slug);
    if (!r) {
      r = p.c.json<{ rounds?: Round[] }>(`/api/admin/campaigns/${encodeURIComponent(slug)}/scoring`, FRESH).then((x) => x.rounds ?? []);
      reading.set(slug, r);
      r.then(
        (found) => setKnown((k) => ({ ...k, [slug]: found })),
        () => reading.delete(slug),
      );
    }
    return r;
  };
  /** a campaign's rounds once read (asked for on the first call), else undefined */
  const roundsOf = (slug: string) => {
    void readRounds(slug);
    return known()[slug];
  };
  return { readRounds, roundsOf };
}

export type ScorerForm = ReturnType<typeof scorerForm>;

/** The binding's state, kept while the role is switched back and forth; the campaigns are read once. */
export function scorerForm(p: FeatureProps) {
  const [campaigns, setCampaigns] = createSignal<AdminCampaign[]>();
  const [campaign, setCampaign] = createSignal("");
  const [lists, setLists] = createSignal<string[]>([]);
  const [recuse, setRecuse] = createSignal<string[]>([]);
  const [round, setRound] = createSignal("");
  const [rounds, setRounds] = createSignal<Round[]>([]);
  const [entries, setEntries] = createSignal<Record<string, Entry[]>>({});
  const [filter, setFilter] = createSignal("");
  let asked = false;
  const { readRounds, roundsOf } = campaignRounds(p);

  const current = () => campaigns()?.find((c) => c.slug === campaign());
  /** the rounds (from the organizer's scoring view) and each list's entries (from its public leaderboard) */
  const choose = (slug: string) => {
    setCampaign(slug);
    setLists([]);
    setRecuse([]);
    setRounds([]);
    setRound("");
    setEntries({});
    if (!slug) return;
    readRounds(slug, true).then(
      (found) => {
        if (campaign() !== slug) return;
        setRounds(found);
        setRound(found.at(-1)?.key ?? "");
      },
      () => undefined,
    );
    const c = p.c;
    for (const l of current()?.lists ?? []) {
      c.json<{ entries: Entry[] }>(
        `/api/campaigns/${encodeURIComponent(slug)}/lists/${encodeURIComponent(l.slug)}/leaderboard`,
        FRESH,
      ).then(
        (r) => {
          if (campaign() === slug) setEntries((e) => ({ ...e, [l.slug]: r.entries }));
        },
        () => undefined,
      );
    }
  };
  const load = () => {
    if (asked) return;
    asked = true;
    p.c.json<{ campaigns: AdminCampaign[] }>("/api/admin/campaigns").then(
      (r) => {
        const scored = r.campaigns.filter((c) => c.scoring === true);
        setCampaigns(scored);
        if (!campaign() && scored[0]) choose(scored[0].slug);
      },
      () => setCampaigns([]),
    );
  };
  return {
    p,
    campaigns,
    campaign,
    choose,
    load,
    current,
    lists,
    setLists,
    recuse,
    setRecuse,
    round,
    setRound,
    rounds,
    roundsOf,
    entries,
    filter,
    setFilter,
    /** the fields a scorer token's POST adds: the last round is the API's default, sent all the same */
    body: () => ({
      campaign: campaign(),
      ...(lists().length ? { lists: lists() } : {}),
      ...(recuse().length ? { recuse: recuse() } : {}),
      ...(round() && rounds().length > 1 ? { round: round() } : {}),
    }),
  };
}

export function ScorerFields(props: { form: ScorerForm }): JSX.Element {
  const f = props.form;
  const lang = f.p.c.lang;
  const s = t[lang];
  f.load();
  return (
    <Show when={f.campaigns()} fallback={<p>{s.loading}</p>}>
      {(all) => (
        <Show when={all().length > 0} fallback={<p class="flow-warn">{s.noCampaign}</p>}>
          <label for="flow-token-campaign">{s.campaign}</label>
          <select id="flow-token-campaign" onChange={(e) => f.choose(e.currentTarget.value)}>
            {all().map((c) => (
              <option value={c.slug} selected={c.slug === f.campaign()}>
                {c.title}
              </option>
            ))}
          </select>
          <Show when={f.rounds().length > 1}>
            <label for="flow-token-round">{s.round}</label>
            <select id="flow-token-round" onChange={(e) => f.setRound(e.currentTarget.value)}>
              {f.rounds().map((r, i) => (
                <option value={r.key} selected={r.key === f.round()}>
                  {nameOf(r.title, lang) || r.key}
                  {i === f.rounds().length - 1 ? s.last : ""}
                </option>
              ))}
            </select>
          </Show>
          <fieldset class="flow-checks">
            <legend>{s.lists}</legend>
            {(f.current()?.lists ?? []).map((l) => (
              <label class="flow-check">
                <input
                  type="checkbox"
                  checked={f.lists().includes(l.slug)}
                  onChange={(e) => {
                    const on = e.currentTarget.checked;
                    f.setLists((x) => (on ? [...x, l.slug] : x.filter((y) => y !== l.slug)));
                    // a recusal outside the lists left bound means nothing: dropped
                    const kept = on || f.lists().length === 0 ? undefined : f.lists();
                    if (kept) f.setRecuse((r) => r.filter((ref) => kept.includes(ref.split("/")[0]!)));
                  }}
                />
                <span>{l.title}</span>
              </label>
            ))}
          </fieldset>
          <Recusals form={f} />
        </Show>
      )}
    </Show>
  );
}

/** Recusals: the entries of the bound lists (all lists when none is chosen), grouped by list, filtered by name. */
function Recusals(props: { form: ScorerForm }): JSX.Element {
  const f = props.form;
  const lang = f.p.c.lang;
  const s = t[lang];
  // recusals among the chosen lists, or among all of them when none is chosen
  const recuseLists = () => (f.current()?.lists ?? []).filter((l) => f.lists().length === 0 || f.lists().includes(l.slug));
  // a dozen entries in all are shown open; more start folded per list, and the filter opens them
  const few = () => recuseLists().reduce((n, l) => n + (f.entries()[l.slug] ?? []).length, 0) <= 12;
  const matches = (e: Entry) => {
    const q = f.filter().trim().toLowerCase();
    return !q || nameOf(e.name, lang).toLowerCase().includes(q) || e.slug.toLowerCase().includes(q);
  };
  return (
    <fieldset class="flow-checks">
      <legend>{s.recuse}</legend>
      <p class="adm-hint">{s.recuseHint}</p>
      <label for="flow-token-filter">{s.filter}</label>
      <input
        id="flow-token-filter"
        type="search"
        autocomplete="off"
        aria-describedby="flow-token-filter-hint"
        value={f.filter()}
        onInput={(e) => f.setFilter(e.currentTarget.value)}
      />
      <p id="flow-token-filter-hint" class="adm-hint">
        {s.filterHint}
      </p>
      {recuseLists().map((l) => {
        const shown = () => (f.entries()[l.slug] ?? []).filter(matches);
        const picked = () => f.recuse().filter((r) => r.startsWith(`${l.slug}/`)).length;
        return (
          <details class="flow-fold" open={f.filter().trim() !== "" || few()}>
            <summary>{s.recuseCount(l.title, (f.entries()[l.slug] ?? []).length, picked())}</summary>
            <Show when={shown().length > 0} fallback={<p class="adm-hint">{f.entries()[l.slug] ? s.noMatch : s.loading}</p>}>
              {shown().map((e) => {
                const ref = `${l.slug}/${e.slug}`;
                return (
                  <label class="flow-check">
                    <input
                      type="checkbox"
                      checked={f.recuse().includes(ref)}
                      onChange={(ev) => {
                        const on = ev.currentTarget.checked;
                        f.setRecuse((x) => (on ? [...x, ref] : x.filter((y) => y !== ref)));
                      }}
                    />
                    <span>{nameOf(e.name, lang)}</span>
                  </label>
                );
              })}
            </Show>
          </details>
        );
      })}
    </fieldset>
  );
}

/** A scorer token's campaign, lists, recusals and round, as one line under its name. */
export function ScorerBinding(props: { form: ScorerForm; token: ScorerBound }): JSX.Element {
  const s = t[props.form.p.c.lang];
  const tk = props.token;
  props.form.load();
  const recused = tk.recuse ?? tk.recused ?? [];
  const campaign = () => props.form.campaigns()?.find((c) => c.slug === tk.campaign);
  const listTitle = (l: string) => campaign()?.lists.find((x) => x.slug === l)?.title ?? l;
  // the round's title from the token's own campaign (a token made by the CLI names a campaign the
  // form may never have chosen); its key, after the label, only until they are read or if untitled
  const roundTitle = (key: string) => {
    const r = tk.campaign ? props.form.roundsOf(tk.campaign)?.find((x) => x.key === key) : undefined;
    return r ? nameOf(r.title, props.form.p.c.lang) || key : key;
  };
  const parts = () =>
    [
      campaign()?.title ?? tk.campaign ?? "",
      tk.lists && tk.lists.length > 0 ? tk.lists.map(listTitle).join("、") : s.allLists,
      ...(recused.length ? [s.recused(recused.length)] : []),
      ...(tk.round ? [s.roundOf(roundTitle(tk.round))] : []),
    ].filter(Boolean);
  return (
    <p class="adm-hint flow-scorer-binding">
      {s.bound}
      {parts().join(" · ")}
    </p>
  );
}

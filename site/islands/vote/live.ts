/**
 * The page's store of live vote state: the voter's votes today (one GET /api/me/votes per page) and
 * live counts (one leaderboard GET per page, ranked lists only). Islands on a page import this same
 * module instance, so the module-level map below is the page's store.
 */
import { createSignal, onMount, type Accessor } from "solid-js";
import type { Lang, VoteListProps, VotingState } from "./props";
import { strings } from "./words";

export function apiHeaders(lang: Lang): Record<string, string> {
  const h: Record<string, string> = { accept: "application/json" };
  if (lang === "en") h["accept-language"] = "en";
  return h;
}

interface Today {
  state: VotingState;
  perDay: number;
  perEntryPerDay: number;
  remainingToday: number;
  /** entry id → votes cast for it today */
  voted: Record<number, number>;
}

interface Count {
  votes: number;
  rank?: number;
}

export interface ListLive {
  today: Accessor<Today | null>;
  todayStatus: Accessor<"loading" | "ok" | "error">;
  counts: Accessor<Record<number, Count>>;
  recordVote(entryId: number, remainingToday: number, votes: number | undefined): void;
  update(change: Partial<Omit<Today, "voted">>, votedEntry?: number): void;
}

const lists = new Map<string, ListLive>();

/** The live state of a list, fetched on first use in the browser and shared by every island after. */
export function liveList(p: VoteListProps): ListLive {
  const key = `${p.campaign}/${p.list}`;
  let live = lists.get(key);
  if (!live) {
    live = createLive(p);
    lists.set(key, live);
  }
  return live;
}

function createLive(p: VoteListProps): ListLive {
  const [today, setToday] = createSignal<Today | null>(null);
  const [todayStatus, setTodayStatus] = createSignal<"loading" | "ok" | "error">("loading");
  const [counts, setCounts] = createSignal<Record<number, Count>>({});
  const q = `campaign=${encodeURIComponent(p.campaign)}&list=${encodeURIComponent(p.list)}`;

  interface MeAnswer {
    lists?: {
      campaign: string;
      list: string;
      state: VotingState;
      perDay: number;
      perEntryPerDay: number;
      remainingToday: number;
      entries?: { entryId: number; count: number }[];
    }[];
  }
  fetch(`/api/me/votes?${q}`, { credentials: "same-origin", cache: "no-store", headers: apiHeaders(p.lang) })
    .then((r) => (r.ok ? (r.json() as Promise<MeAnswer>) : Promise.reject(new Error(String(r.status)))))
    .then((body) => {
      const l = body.lists?.find((x) => x.campaign === p.campaign && x.list === p.list);
      if (!l || typeof l.remainingToday !== "number") throw new Error("no list");
      const voted: Record<number, number> = {};
      for (const e of l.entries ?? []) voted[e.entryId] = e.count;
      // A vote answered while this was in flight is newer than this answer: keep what it said.
      if (!today())
        setToday({ state: l.state, perDay: l.perDay, perEntryPerDay: l.perEntryPerDay, remainingToday: l.remainingToday, voted });
      setTodayStatus("ok");
    })
    .catch(() => setTodayStatus("error"));

  // Unranked lists never ask for (or show) counts.
  if (p.ranked) {
    interface Board {
      ranking?: string;
      entries?: { id: number; votes?: number; rank?: number }[];
    }
    fetch(`/api/campaigns/${encodeURIComponent(p.campaign)}/lists/${encodeURIComponent(p.list)}/leaderboard`, {
      cache: "no-cache",
      headers: apiHeaders(p.lang),
    })
      .then((r) => (r.ok ? (r.json() as Promise<Board>) : Promise.reject(new Error(String(r.status)))))
      .then((body) => {
        if (body.ranking !== "ranked") return;
        const next: Record<number, Count> = {};
        for (const e of body.entries ?? []) if (typeof e.votes === "number") next[e.id] = { votes: e.votes, rank: e.rank };
        // A vote answered while this was in flight carries the newer figure: keep it.
        setCounts((prev) => ({ ...next, ...prev }));
      })
      .catch(() => {
        /* the snapshot's figures stay; nothing to tell the voter */
      });
  }

  /** Today's figures, starting from the snapshot's rules when /api/me/votes could not be read. */
  const base = (): Today =>
    today() ?? { state: "open", perDay: p.perDay, perEntryPerDay: p.perEntryPerDay, remainingToday: p.perDay, voted: {} };

  return {
    today,
    todayStatus,
    counts,
    recordVote(entryId, remainingToday, votes) {
      const t = base();
      setToday({ ...t, state: "open", remainingToday, voted: { ...t.voted, [entryId]: (t.voted[entryId] ?? 0) + 1 } });
      if (typeof votes === "number") setCounts((prev) => ({ ...prev, [entryId]: { ...prev[entryId], votes } }));
    },
    update(change, votedEntry) {
      const t = { ...base(), ...change };
      if (votedEntry !== undefined) t.voted = { ...t.voted, [votedEntry]: Math.max(t.voted[votedEntry] ?? 0, t.perEntryPerDay) };
      setToday(t);
    },
  };
}

/** The state by the clock, for when the API cannot say: a scheduled or open window may have moved on. */
function stateByClock(p: VoteListProps, now: number): VotingState {
  if (p.state === "none" || p.state === "closed") return p.state;
  if (now >= Date.parse(p.closesAt)) return "closed";
  if (now >= Date.parse(p.opensAt)) return "open";
  return "scheduled";
}

/**
 * Until the island has mounted it renders from its props alone, so the hydrated DOM matches the
 * server's HTML exactly; the shared live state takes over from onMount.
 */
export function useLiveList(p: VoteListProps) {
  const [live, setLive] = createSignal<ListLive>();
  onMount(() => setLive(liveList(p)));
  const state = (): VotingState => {
    const l = live();
    if (!l) return p.state;
    return l.today()?.state ?? stateByClock(p, Date.now());
  };
  return { live, state };
}

/** "今日还可投 N 票" once known; the per-day rule before that; the state's words when not open. */
export function todayText(p: VoteListProps, { live, state }: ReturnType<typeof useLiveList>) {
  const s = strings[p.lang];
  return (): string => {
    const st = state();
    if (st !== "open") return s[st];
    const l = live();
    const t = l?.today();
    if (t) return t.remainingToday > 0 ? s.remaining(t.remainingToday) : s.usedUp;
    if (l?.todayStatus() === "error") return s.meFailed;
    return s.perDay(p.perDay);
  };
}

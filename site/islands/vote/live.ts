/**
 * The page's one source of live vote state, shared by every island on it (they import this same
 * module instance, so the module-level map below is the page's store):
 * - what this voter has left today (one GET /api/me/votes per page, then each vote's answer);
 * - the live board of a ranked list (its leaderboard, polled while the page is visible and the
 *   list can still change, and once more just after each vote): counts, places and order;
 * - the voting window by the clock, so a button turns to 投票已截止 at closesAt without a reload;
 * - the page's one vote answer ("投票成功！…"), shown on the card that was voted on only.
 */
import { createSignal, onMount, type Accessor } from "solid-js";
import { medalOf, placesShown, sharedRanks, type OrderedBy } from "../../../common/ranks";
import type { Lang, VoteListProps, VotingState } from "./props";
import { strings } from "./words";

export function apiHeaders(lang: Lang): Record<string, string> {
  const h: Record<string, string> = { accept: "application/json" };
  if (lang === "en") h["accept-language"] = "en";
  return h;
}

export interface Today {
  state: VotingState;
  perDay: number;
  perEntryPerDay: number;
  remainingToday: number;
  /** entry id → votes cast for it today */
  voted: Record<number, number>;
}

export interface Place {
  votes: number;
  /** absent while places are not shown (nobody has voted on a list ordered by votes) */
  rank?: number;
  tied: boolean;
  /** the top three's medal (common/ranks.ts medalOf) */
  medal?: number;
}

/** A ranked list's live leaderboard as the page shows it. */
export interface Board {
  /** entry ids in the leaderboard's order */
  order: number[];
  places: Record<number, Place>;
  shown: boolean;
  orderedBy: OrderedBy;
  /** when the page last heard from the server (ms since the epoch) */
  at: number;
}

export interface Answer {
  entryId: number;
  text: string;
}

export interface ListLive {
  today: Accessor<Today | null>;
  todayStatus: Accessor<"loading" | "ok" | "error">;
  board: Accessor<Board | null>;
  answer: Accessor<Answer | null>;
  /** the window by the clock: changes at opensAt and closesAt while the page is open */
  clockState: Accessor<VotingState>;
  recordVote(entryId: number, remainingToday: number, votes: number | undefined): void;
  update(change: Partial<Omit<Today, "voted">>, votedEntry?: number): void;
  announce(entryId: number, text: string): void;
}

/** How often a visible page of a list still open to votes asks for its leaderboard (a 304 when unchanged). */
export const BOARD_POLL_MS = 8_000;

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

interface LeaderboardAnswer {
  ranking?: string;
  orderedBy?: OrderedBy;
  entries?: { id: number; votes?: number; rank?: number }[];
}

/** The board a leaderboard answer describes, or null when it is not a ranked list's. */
export function boardOf(body: LeaderboardAnswer, at: number): Board | null {
  if (body.ranking !== "ranked" || !Array.isArray(body.entries)) return null;
  const entries = body.entries.filter((e) => typeof e.id === "number");
  const orderedBy = body.orderedBy === "total" ? "total" : "votes";
  const shown = placesShown(entries, orderedBy);
  const shared = sharedRanks(entries);
  const places: Record<number, Place> = {};
  for (const e of entries) {
    const rank = shown && typeof e.rank === "number" ? e.rank : undefined;
    const tied = rank !== undefined && shared.has(rank);
    places[e.id] = { votes: e.votes ?? 0, rank, tied, medal: medalOf({ rank, votes: e.votes }, orderedBy) };
  }
  return { order: entries.map((e) => e.id), places, shown, orderedBy, at };
}

/**
 * The board after this voter's vote, at once: the answer's count, and on a list ordered by votes
 * the places that count makes (standard competition ranks, the board's order kept among equals).
 * The next leaderboard confirms it; a list ordered by revealed scores waits for it for its places.
 */
export function withVotes(b: Board, entryId: number, votes: number): Board {
  if (!b.places[entryId]) return b;
  if (b.orderedBy === "total") return { ...b, places: { ...b.places, [entryId]: { ...b.places[entryId], votes } } };
  const sorted = b.order
    .map((id, i) => ({ id, i, rank: 0, votes: id === entryId ? votes : (b.places[id]?.votes ?? 0) }))
    .sort((x, y) => y.votes - x.votes || x.i - y.i);
  sorted.forEach((c, i) => {
    const before = sorted[i - 1];
    c.rank = before && c.votes === before.votes ? before.rank : i + 1;
  });
  return boardOf({ ranking: "ranked", orderedBy: "votes", entries: sorted }, b.at)!;
}

function fetchToday(p: VoteListProps, q: string): Promise<Today> {
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
  return fetch(`/api/me/votes?${q}`, { credentials: "same-origin", cache: "no-store", headers: apiHeaders(p.lang) })
    .then((r) => (r.ok ? (r.json() as Promise<MeAnswer>) : Promise.reject(new Error(String(r.status)))))
    .then((body) => {
      const l = body.lists?.find((x) => x.campaign === p.campaign && x.list === p.list);
      if (!l || typeof l.remainingToday !== "number") throw new Error("no list");
      const voted: Record<number, number> = {};
      for (const e of l.entries ?? []) voted[e.entryId] = e.count;
      return { state: l.state, perDay: l.perDay, perEntryPerDay: l.perEntryPerDay, remainingToday: l.remainingToday, voted };
    });
}

/** The state by the clock alone: a scheduled or open window moves on at its instants. */
export function stateByClock(p: Pick<VoteListProps, "state" | "opensAt" | "closesAt">, now: number): VotingState {
  if (p.state === "none" || p.state === "closed") return p.state;
  if (now >= Date.parse(p.closesAt)) return "closed";
  if (now >= Date.parse(p.opensAt)) return "open";
  return "scheduled";
}

/** A signal of the window's state that changes at opensAt and closesAt (timers capped for far instants). */
function windowClock(p: VoteListProps): Accessor<VotingState> {
  const [state, setState] = createSignal(stateByClock(p, Date.now()));
  const next = () => {
    const now = Date.now();
    setState(stateByClock(p, now));
    const ahead = [Date.parse(p.opensAt), Date.parse(p.closesAt)].filter((t) => t > now);
    if (ahead.length > 0) setTimeout(next, Math.min(Math.min(...ahead) - now + 50, 2 ** 31 - 1));
  };
  next();
  return state;
}

function createLive(p: VoteListProps): ListLive {
  const [today, setToday] = createSignal<Today | null>(null);
  const [todayStatus, setTodayStatus] = createSignal<"loading" | "ok" | "error">("loading");
  const [board, setBoard] = createSignal<Board | null>(null);
  const [answer, setAnswer] = createSignal<Answer | null>(null);
  const clockState = windowClock(p);
  const q = `campaign=${encodeURIComponent(p.campaign)}&list=${encodeURIComponent(p.list)}`;

  fetchToday(p, q)
    .then((t) => {
      // A vote answered while this was in flight is newer than this answer: keep what it said.
      if (!today()) setToday(t);
      setTodayStatus("ok");
    })
    .catch(() => setTodayStatus("error"));

  const refresh = p.ranked ? pollBoard(p, board, setBoard, clockState) : () => {};

  /** Today's figures, starting from the snapshot's rules when /api/me/votes could not be read. */
  const base = (): Today =>
    today() ?? { state: "open", perDay: p.perDay, perEntryPerDay: p.perEntryPerDay, remainingToday: p.perDay, voted: {} };

  return {
    today,
    todayStatus,
    board,
    answer,
    clockState,
    recordVote(entryId, remainingToday, votes) {
      const t = base();
      setToday({ ...t, state: "open", remainingToday, voted: { ...t.voted, [entryId]: (t.voted[entryId] ?? 0) + 1 } });
      const b = board();
      if (typeof votes === "number" && b) setBoard(withVotes(b, entryId, votes));
      // the next leaderboard confirms the places (and brings other people's votes)
      setTimeout(refresh, 250);
    },
    update(change, votedEntry) {
      const t = { ...base(), ...change };
      if (votedEntry !== undefined) t.voted = { ...t.voted, [votedEntry]: Math.max(t.voted[votedEntry] ?? 0, t.perEntryPerDay) };
      setToday(t);
    },
    announce(entryId, text) {
      setAnswer({ entryId, text });
    },
  };
}

/**
 * Fetches the leaderboard now, then every BOARD_POLL_MS while the page is visible and the list can
 * still change (scheduled or open); once more when the page comes back into view. Answers are
 * revalidated with the leaderboard's ETag, so an unchanged board costs a 304. Returns "fetch now".
 */
function pollBoard(
  p: VoteListProps,
  board: Accessor<Board | null>,
  setBoard: (b: Board) => void,
  clockState: Accessor<VotingState>,
): () => void {
  const url = `/api/campaigns/${encodeURIComponent(p.campaign)}/lists/${encodeURIComponent(p.list)}/leaderboard`;
  let inFlight = false;
  const fetchBoard = () => {
    if (inFlight) return;
    inFlight = true;
    fetch(url, { cache: "no-cache", headers: apiHeaders(p.lang) })
      .then((r) => (r.ok ? (r.json() as Promise<LeaderboardAnswer>) : Promise.reject(new Error(String(r.status)))))
      .then((body) => {
        const next = boardOf(body, Date.now());
        if (next) setBoard(next);
      })
      .catch(() => {
        /* the last figures stay, with the time they are from; nothing to tell the voter */
      })
      .finally(() => {
        inFlight = false;
      });
  };
  const live = () => clockState() === "open" || clockState() === "scheduled" || board() === null;
  fetchBoard();
  setInterval(() => {
    if (document.visibilityState === "visible" && live()) fetchBoard();
  }, BOARD_POLL_MS);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") fetchBoard();
  });
  return fetchBoard;
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
    const byClock = l.clockState();
    const said = l.today()?.state;
    // The server's word while the clock agrees it can stand; the clock once the window has moved on.
    if (said === undefined || said === "none") return said ?? byClock;
    if (byClock === "closed" || (said === "scheduled" && byClock === "open")) return byClock;
    return said;
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

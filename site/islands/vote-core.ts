/**
 * What the vote islands on one page share: the voter's votes today (one GET /api/me/votes per page),
 * live counts (one leaderboard GET per page, ranked lists only), the Turnstile loader, the casting
 * of a vote and the words for every state. Islands on a page import this same module instance, so
 * the module-level map below is the page's store.
 */
import { createSignal, onCleanup, onMount, type Accessor } from "solid-js";

export type Lang = "zh" | "en";
export type VotingState = "none" | "scheduled" | "open" | "closed";

/** Props every vote island gets from the snapshot. */
export interface VoteListProps {
  campaign: string;
  list: string;
  lang: Lang;
  /** Turnstile site key; null → bot-check test mode (the documented dummy token) */
  siteKey: string | null;
  state: VotingState;
  opensAt: string;
  closesAt: string;
  perDay: number;
  perEntryPerDay: number;
  ranked: boolean;
}

export interface VoteEntryProps extends VoteListProps {
  entryId: number;
  entryName: string;
  /** ranked lists only: the snapshot's figures, shown until the live ones arrive */
  votes?: number;
  rank?: number;
}

export const strings = {
  zh: {
    vote: "投票",
    again: "再投一票",
    voted: "已投票",
    usedUp: "今日票数已用完",
    closed: "投票已截止",
    scheduled: "投票未开始",
    none: "不设投票",
    busy: "投票中…",
    wait: "请稍候",
    forEntry: (name: string) => `：${name}`,
    count: (n: string) => `${n} 票`,
    rank: (n: number) => `第 ${n} 名`,
    remaining: (n: number) => `今日还可投 ${n} 票`,
    perDay: (n: number) => `每人每天可投 ${n} 票`,
    done: (n: number) => `投票成功！今日还可投 ${n} 票。`,
    meFailed: "暂时无法获取今日余票",
    network: "网络异常，投票未完成。请检查网络后重试。",
    httpError: (status: number) => `投票暂时无法完成（${status}），请稍后重试。`,
    botFail: "人机验证未完成，请检查网络后重试。",
    botWait: "请完成下方的人机验证…",
  },
  en: {
    vote: "Vote",
    again: "Vote again",
    voted: "Voted",
    usedUp: "No votes left today",
    closed: "Voting closed",
    scheduled: "Voting not open yet",
    none: "No public vote",
    busy: "Voting…",
    wait: "Please wait",
    forEntry: (name: string) => ` for ${name}`,
    count: (n: string) => `${n} votes`,
    rank: (n: number) => `No. ${n}`,
    remaining: (n: number) => (n === 1 ? "1 vote left today" : `${n} votes left today`),
    perDay: (n: number) => `${n} votes per person per day`,
    done: (n: number) => `Vote recorded. ${n === 1 ? "1 vote" : `${n} votes`} left today.`,
    meFailed: "Votes left today: unavailable",
    network: "Network error: the vote did not go through. Check your connection and try again.",
    httpError: (status: number) => `The vote could not be completed (${status}). Please try again later.`,
    botFail: "The bot check did not complete. Check your connection and try again.",
    botWait: "Please complete the check below…",
  },
};

export function formatCount(n: number, lang: Lang): string {
  return n.toLocaleString(lang === "en" ? "en" : "zh-CN");
}

function apiHeaders(lang: Lang): Record<string, string> {
  const h: Record<string, string> = { accept: "application/json" };
  if (lang === "en") h["accept-language"] = "en";
  return h;
}

// ---------------------------------------------------------------------------------------------
// The page store: one entry per list on the page.

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
    lists?: { campaign: string; list: string; state: VotingState; perDay: number; perEntryPerDay: number; remainingToday: number; entries?: { entryId: number; count: number }[] }[];
  }
  fetch(`/api/me/votes?${q}`, { credentials: "same-origin", cache: "no-store", headers: apiHeaders(p.lang) })
    .then((r) => (r.ok ? (r.json() as Promise<MeAnswer>) : Promise.reject(new Error(String(r.status)))))
    .then((body) => {
      const l = body.lists?.find((x) => x.campaign === p.campaign && x.list === p.list);
      if (!l || typeof l.remainingToday !== "number") throw new Error("no list");
      const voted: Record<number, number> = {};
      for (const e of l.entries ?? []) voted[e.entryId] = e.count;
      // A vote answered while this was in flight is newer than this answer: keep what it said.
      if (!today()) setToday({ state: l.state, perDay: l.perDay, perEntryPerDay: l.perEntryPerDay, remainingToday: l.remainingToday, voted });
      setTodayStatus("ok");
    })
    .catch(() => setTodayStatus("error"));

  // Unranked lists never ask for (or show) counts.
  if (p.ranked) {
    interface Board {
      ranking?: string;
      entries?: { id: number; votes?: number; rank?: number }[];
    }
    fetch(`/api/campaigns/${encodeURIComponent(p.campaign)}/lists/${encodeURIComponent(p.list)}/leaderboard`, { cache: "no-cache", headers: apiHeaders(p.lang) })
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

// ---------------------------------------------------------------------------------------------
// Bot check.

const DUMMY_TOKEN = "XXXX.DUMMY.TOKEN.XXXX";
const TURNSTILE_SRC = "https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit";

interface Turnstile {
  render(container: HTMLElement, options: Record<string, unknown>): string;
  reset(widgetId: string): void;
}
declare global {
  interface Window {
    turnstile?: Turnstile;
  }
}

let turnstileLoading: Promise<Turnstile> | undefined;

function loadTurnstile(): Promise<Turnstile> {
  if (window.turnstile) return Promise.resolve(window.turnstile);
  turnstileLoading ??= new Promise<Turnstile>((resolve, reject) => {
    const s = document.createElement("script");
    s.src = TURNSTILE_SRC;
    s.async = true;
    s.onload = () => (window.turnstile ? resolve(window.turnstile) : reject(new Error("turnstile missing")));
    s.onerror = () => {
      s.remove();
      turnstileLoading = undefined; // the next tap tries again
      reject(new Error("turnstile load failed"));
    };
    document.head.appendChild(s);
  });
  return turnstileLoading;
}

/** The bot check did not yield a token (script blocked, challenge failed or timed out). */
class BotCheckError extends Error {}

/**
 * One Turnstile widget per button, rendered on the first tap. Tokens are single use: `token()` hands
 * one out at most once, and `spent()` resets the widget so the next tap gets a fresh one.
 */
function createBotCheck(siteKey: string | null, lang: Lang, onWaiting: () => void) {
  let widgetId: string | undefined;
  let ready: string | null = null;
  let waiter: { resolve(t: string): void; reject(e: Error): void } | undefined;

  const settle = (fn: (w: NonNullable<typeof waiter>) => void) => {
    const w = waiter;
    waiter = undefined;
    if (w) fn(w);
  };

  return {
    async token(container: HTMLElement): Promise<string> {
      if (!siteKey) return DUMMY_TOKEN;
      let ts: Turnstile;
      try {
        ts = await loadTurnstile();
      } catch {
        throw new BotCheckError("load");
      }
      if (ready) {
        const t = ready;
        ready = null;
        return t;
      }
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => settle((w) => w.reject(new BotCheckError("timeout"))), 90_000);
        waiter = {
          resolve: (t) => (clearTimeout(timer), resolve(t)),
          reject: (e) => (clearTimeout(timer), reject(e)),
        };
        onWaiting();
        if (widgetId === undefined) {
          widgetId = ts.render(container, {
            sitekey: siteKey,
            action: "vote",
            language: lang === "en" ? "en" : "zh-cn",
            callback: (t: string) => {
              if (waiter) settle((w) => w.resolve(t));
              else ready = t;
            },
            "error-callback": () => {
              settle((w) => w.reject(new BotCheckError("failed")));
              return true; // handled: Turnstile need not log it
            },
            "expired-callback": () => {
              ready = null;
            },
          });
        }
      });
    },
    spent() {
      ready = null;
      if (widgetId !== undefined) window.turnstile?.reset(widgetId);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// One vote button's behaviour.

export type ButtonStatus = "ready" | "again" | "busy" | "wait" | "voted" | "usedUp" | "closed" | "scheduled" | "none";

function newIdempotencyKey(): string {
  if (typeof crypto !== "undefined" && typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}

interface ApiError {
  error?: { code?: string; message?: string };
}
interface VoteAnswer extends ApiError {
  vote?: { id: number; seq: number; entryId: number };
  votes?: number;
  remainingToday?: number;
}

export function useVote(p: VoteEntryProps) {
  const s = strings[p.lang];
  const { live, state } = useLiveList(p);
  const [busy, setBusy] = createSignal(false);
  const [waitUntil, setWaitUntil] = createSignal(0);
  const [message, setMessage] = createSignal("");
  // Kept across a network failure so that retrying the same tap can never count twice.
  let pendingKey: string | undefined;
  let waitTimer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(waitTimer));
  const bot = createBotCheck(p.siteKey, p.lang, () => setMessage(s.botWait));

  const today = () => live()?.today() ?? null;
  const votedToday = () => today()?.voted[p.entryId] ?? 0;

  const status = (): ButtonStatus => {
    if (busy()) return "busy";
    const st = state();
    if (st !== "open") return st;
    const t = today();
    if (t && votedToday() >= t.perEntryPerDay) return "voted";
    if (t && t.remainingToday <= 0) return "usedUp";
    if (waitUntil() > 0) return "wait";
    return votedToday() > 0 ? "again" : "ready";
  };
  const labels: Record<ButtonStatus, string> = {
    ready: s.vote,
    again: s.again,
    busy: s.busy,
    wait: s.wait,
    voted: s.voted,
    usedUp: s.usedUp,
    closed: s.closed,
    scheduled: s.scheduled,
    none: s.none,
  };
  const label = () => labels[status()];
  const enabled = () => status() === "ready" || status() === "again";

  const count = () => live()?.counts()[p.entryId]?.votes ?? p.votes;
  const rank = () => live()?.counts()[p.entryId]?.rank ?? p.rank;

  function holdOff(seconds: number) {
    clearTimeout(waitTimer);
    setWaitUntil(Date.now() + seconds * 1000);
    waitTimer = setTimeout(() => setWaitUntil(0), seconds * 1000);
  }

  async function vote(botContainer: HTMLElement) {
    const l = live();
    if (!l || !enabled()) return;
    setBusy(true);
    setMessage("");
    const key = (pendingKey ??= newIdempotencyKey());
    try {
      const token = await bot.token(botContainer);
      let res: Response;
      try {
        res = await fetch("/api/votes", {
          method: "POST",
          credentials: "same-origin",
          headers: { ...apiHeaders(p.lang), "content-type": "application/json" },
          body: JSON.stringify({ entryId: p.entryId, token, idempotencyKey: key }),
        });
      } catch {
        setMessage(s.network); // pendingKey stays: the vote may have landed
        return;
      } finally {
        bot.spent();
      }
      const body = (await res.json().catch(() => null)) as VoteAnswer | null;
      if (!body || (!res.ok && !body.error)) {
        // Not our API's answer (a proxy or gateway): the vote may have landed; keep the key.
        setMessage(s.httpError(res.status));
        return;
      }
      // A 5xx answer is not final (the vote may have landed): the next tap retries with this key.
      if (res.status < 500) pendingKey = undefined;
      if (res.ok && body.vote && typeof body.remainingToday === "number") {
        l.recordVote(p.entryId, body.remainingToday, p.ranked ? body.votes : undefined);
        setMessage(s.done(body.remainingToday));
        return;
      }
      const code = body.error?.code;
      if (code === "already_voted") l.update({}, p.entryId);
      else if (code === "daily_limit") l.update({ remainingToday: 0 });
      else if (code === "voting_closed") l.update({ state: "closed" });
      else if (code === "voting_not_started") l.update({ state: "scheduled" });
      else if (code === "rate_limited") holdOff(Math.min(Math.max(Number(res.headers.get("retry-after")) || 5, 1), 120));
      setMessage(body.error?.message || s.httpError(res.status));
    } catch (err) {
      setMessage(err instanceof BotCheckError ? s.botFail : s.network);
    } finally {
      setBusy(false);
    }
  }

  return { status, label, enabled, message, clearMessage: () => setMessage(""), count, rank, today, live, state, vote };
}

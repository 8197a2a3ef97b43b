/**
 * One vote button's behaviour: what it says and whether it can be pressed, and casting a vote
 * (bot check, POST /api/votes with an idempotency key, the answer into the page's store).
 */
import { createSignal, onCleanup } from "solid-js";
import { BotCheckError, createBotCheck } from "../bot-check/port";
import { apiHeaders, useLiveList, type ListLive } from "./live";
import type { VoteEntryProps } from "./props";
import { strings } from "./words";

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

/** The button's words for each status. */
function buttonLabels(s: (typeof strings)["zh" | "en"]): Record<ButtonStatus, string> {
  return {
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
}

/** A refusal the store can learn from (limits, the window), told to the list's other buttons too. */
function applyRefusal(l: ListLive, entryId: number, code: string | undefined) {
  if (code === "already_voted") l.update({}, entryId);
  else if (code === "daily_limit") l.update({ remainingToday: 0 });
  else if (code === "voting_closed") l.update({ state: "closed" });
  else if (code === "voting_not_started") l.update({ state: "scheduled" });
}

/** The entry's live figures once the board has come (a rank only while places are shown); the snapshot's before. */
function figures(p: VoteEntryProps, live: () => ListLive | undefined) {
  const board = () => live()?.board();
  const place = () => board()?.places[p.entryId];
  return {
    count: () => place()?.votes ?? p.votes,
    rank: () => (board() ? place()?.rank : p.rank),
    tied: () => (board() ? place()?.tied === true : p.tied === true),
    medal: () => (board() ? place()?.medal : p.medal),
  };
}

/** "请稍候" for as long as a rate limit's Retry-After says. */
function createHoldOff() {
  const [waiting, setWaiting] = createSignal(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  return {
    waiting,
    holdOff(seconds: number) {
      clearTimeout(timer);
      setWaiting(true);
      timer = setTimeout(() => setWaiting(false), seconds * 1000);
    },
  };
}

export function useVote(p: VoteEntryProps) {
  const s = strings[p.lang];
  const { live, state } = useLiveList(p);
  const [busy, setBusy] = createSignal(false);
  const { waiting, holdOff } = createHoldOff();
  // The page's one answer (live.ts): a vote elsewhere on the page takes it from this card.
  const message = () => {
    const a = live()?.answer();
    return a && a.entryId === p.entryId ? a.text : "";
  };
  const setMessage = (text: string) => live()?.announce(p.entryId, text);
  // Kept across a network failure so that retrying the same tap can never count twice.
  let pendingKey: string | undefined;
  const bot = createBotCheck(p, "vote", () => setMessage(s.botWait));

  const today = () => live()?.today() ?? null;
  const votedToday = () => today()?.voted[p.entryId] ?? 0;

  const status = (): ButtonStatus => {
    if (busy()) return "busy";
    const st = state();
    if (st !== "open") return st;
    const t = today();
    if (t && votedToday() >= t.perEntryPerDay) return "voted";
    if (t && t.remainingToday <= 0) return "usedUp";
    if (waiting()) return "wait";
    return votedToday() > 0 ? "again" : "ready";
  };
  const labels = buttonLabels(s);
  const label = () => labels[status()];
  const enabled = () => status() === "ready" || status() === "again";

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
        // the page's 分享 control (ShareButton.astro) loads its sheet now and invites the voter, once
        const share = document.querySelector<HTMLElement>("[data-share]");
        if (share) {
          share.dataset.invite = String(p.entryId);
          share.click();
        }
        return;
      }
      const code = body.error?.code;
      applyRefusal(l, p.entryId, code);
      if (code === "rate_limited") holdOff(Math.min(Math.max(Number(res.headers.get("retry-after")) || 5, 1), 120));
      setMessage(body.error?.message || s.httpError(res.status));
    } catch (err) {
      setMessage(err instanceof BotCheckError ? s.botFail : s.network);
    } finally {
      setBusy(false);
    }
  }

  const clearMessage = () => {
    if (message()) setMessage("");
  };
  return { status, label, enabled, message, clearMessage, ...figures(p, live), today, live, state, vote };
}

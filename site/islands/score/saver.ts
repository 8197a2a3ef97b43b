/**
 * Drafts on their way to the server. A change is kept on this device at once (localStorage, per
 * token and entry) and sent ~800 ms after the last one, or at once on blur or when the page is
 * hidden. One request per entry at a time; a failed one is retried with backoff and whenever the
 * browser comes back online, under the same revision while the content is unchanged (sheet.ts).
 */
import { ApiError, retryable } from "./api";
import { changed, draftKey, parseDraft, reconcile, retryDelay, type Draft } from "./sheet";
import type { SavedDraft, Scores } from "./types";

export type SaveState =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved"; at: string | null }
  | { kind: "offline" }
  | { kind: "held" }
  | { kind: "error"; status: number; message: string };

export interface SaverOptions {
  prefix: string;
  put: (id: number, body: { scores: Scores; comment: string | null; revision: number }, keepalive: boolean) => Promise<SavedDraft>;
  /** the PUT body's scores for a draft's values, or null while a value is out of range (held back) */
  scoresOf: (id: number, draft: Draft) => Scores | null;
  onState: (id: number, state: SaveState) => void;
  /** a save's answer; `newer` when it holds another device's later draft, to be shown instead */
  onSaved: (id: number, saved: SavedDraft, newer: boolean) => void;
  /** a 409: the sheet is submitted */
  onLocked: () => void;
}

const DEBOUNCE_MS = 800;

function storage(): Storage | undefined {
  try {
    return localStorage;
  } catch {
    return undefined;
  }
}

interface Queue {
  o: SaverOptions;
  drafts: Map<number, Draft>;
  /** the highest revision the server has answered with, per entry */
  acked: Map<number, number>;
  inFlight: Set<number>;
  /** asked to send while a request was out: send again once it is back */
  again: Set<number>;
  timers: Map<number, ReturnType<typeof setTimeout>>;
  attempts: Map<number, number>;
}

function keep(q: Queue, id: number, draft: Draft | undefined) {
  try {
    if (draft) storage()?.setItem(draftKey(q.o.prefix, id), JSON.stringify(draft));
    else storage()?.removeItem(draftKey(q.o.prefix, id));
  } catch {
    /* storage full or unavailable: the draft is still in memory and on its way */
  }
}

function schedule(q: Queue, id: number, ms: number) {
  clearTimeout(q.timers.get(id));
  q.timers.set(
    id,
    setTimeout(() => void send(q, id), ms),
  );
}

async function send(q: Queue, id: number, keepalive = false) {
  clearTimeout(q.timers.get(id));
  const draft = q.drafts.get(id);
  if (!draft) return;
  if (q.inFlight.has(id)) return void q.again.add(id);
  const scores = q.o.scoresOf(id, draft);
  if (!scores) return q.o.onState(id, { kind: "held" });
  draft.sent = true;
  keep(q, id, draft);
  q.inFlight.add(id);
  q.o.onState(id, { kind: "saving" });
  try {
    const comment = draft.comment.trim() === "" ? null : draft.comment;
    const saved = await q.o.put(id, { scores, comment, revision: draft.revision }, keepalive);
    q.attempts.delete(id);
    q.acked.set(id, Math.max(q.acked.get(id) ?? 0, saved.revision));
    const current = q.drafts.get(id);
    // the answer is this draft's (or newer): done, unless something changed while it travelled
    if (current === draft) {
      q.drafts.delete(id);
      keep(q, id, undefined);
    } else if (current && current.revision <= saved.revision) {
      // another device saved past us meanwhile: the change made here goes next, above it
      current.revision = saved.revision + 1;
      keep(q, id, current);
    }
    // the server held something newer than what went out (another device): show that, if nothing here is waiting
    q.o.onSaved(id, saved, saved.revision > draft.revision && !q.drafts.has(id));
    q.o.onState(id, q.drafts.has(id) ? { kind: "saving" } : { kind: "saved", at: saved.savedAt });
  } catch (error) {
    fail(q, id, error);
  } finally {
    q.inFlight.delete(id);
    if (q.again.delete(id) || (q.drafts.has(id) && !q.drafts.get(id)!.sent)) schedule(q, id, 0);
  }
}

function fail(q: Queue, id: number, error: unknown) {
  if (retryable(error)) {
    const n = q.attempts.get(id) ?? 0;
    q.attempts.set(id, n + 1);
    q.o.onState(id, { kind: "offline" });
    return schedule(q, id, retryDelay(n));
  }
  const e = error as ApiError;
  // refused for good (locked, not assigned, no such entry): nothing to resend; a 422 stays on the device
  if (e.status !== 422) {
    q.drafts.delete(id);
    keep(q, id, undefined);
  }
  q.o.onState(id, { kind: "error", status: e.status, message: e.message });
  if (e.status === 409) q.o.onLocked();
}

export function createSaver(o: SaverOptions) {
  const q: Queue = {
    o,
    drafts: new Map(),
    acked: new Map(),
    inFlight: new Set(),
    again: new Set(),
    timers: new Map(),
    attempts: new Map(),
  };
  const flush = (id: number, keepalive = false) => {
    if (q.drafts.has(id) && !q.inFlight.has(id)) void send(q, id, keepalive);
  };
  const flushAll = (keepalive = false) => {
    for (const id of q.drafts.keys()) flush(id, keepalive);
  };
  return {
    /** an entry as the server holds it, with what this device kept for it: the draft to show, if any */
    load(id: number, serverRevision: number): Draft | undefined {
      q.acked.set(id, serverRevision);
      const draft = reconcile(parseDraft(storage()?.getItem(draftKey(o.prefix, id)) ?? null), serverRevision);
      if (draft) {
        q.drafts.set(id, draft);
        keep(q, id, draft);
        schedule(q, id, 0);
      } else keep(q, id, undefined);
      return draft;
    },
    change(id: number, values: Draft["values"], comment: string) {
      const draft = changed(q.drafts.get(id), q.acked.get(id) ?? 0, values, comment);
      q.drafts.set(id, draft);
      keep(q, id, draft);
      // said at once: an earlier save's 已保存 must not stand for a change still waiting to go
      o.onState(id, { kind: "saving" });
      schedule(q, id, DEBOUNCE_MS);
    },
    flush,
    flushAll,
    /** back online: every waiting draft goes now, its backoff forgotten */
    retryAll() {
      q.attempts.clear();
      flushAll();
    },
    pending: () => q.drafts.size,
    stop() {
      for (const t of q.timers.values()) clearTimeout(t);
      q.timers.clear();
    },
  };
}

export type Saver = ReturnType<typeof createSaver>;

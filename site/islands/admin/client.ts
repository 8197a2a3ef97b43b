/** How the console talks to the admin API: one client per console, and GETs that follow a signal. */
import { createMemo, createRenderEffect, createSignal, untrack } from "solid-js";
import type { Lang, Strings } from "./texts";
import type { AdminCampaign } from "./types";

/** An error answer: its status, its message (in the console's language) and its parsed JSON body (e.g. an upload's `rows`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body?: unknown,
  ) {
    super(message);
  }
}

/** What every section of the console gets from it. */
export interface Console {
  s: Strings;
  lang: Lang;
  /** A request with the token; an error answer throws an ApiError (a 401 also signs out). */
  api: (path: string, init?: RequestInit) => Promise<Response>;
  json: <T>(path: string, init?: RequestInit) => Promise<T>;
  /** the console's one status line */
  setStatus: (message: string) => void;
  /** a failed request, in the status line */
  report: (error: unknown) => void;
  /** fetch the campaigns again */
  refresh: () => void;
  /**
   * The token reads only (an auditor's): the console offers it no write the API would refuse. False
   * until the API has said who signed in.
   */
  readOnly: () => boolean;
}

/** Who signed in, as `GET /api/admin/me` says. */
export interface AdminMe {
  name: string;
  role: "organizer" | "auditor";
}

/** What a token sees first: its campaigns and who it is, in one round trip. */
export async function signedInAs(c: Pick<Console, "json">): Promise<{ campaigns: AdminCampaign[]; me: AdminMe }> {
  const [{ campaigns }, me] = await Promise.all([
    c.json<{ campaigns: AdminCampaign[] }>("/api/admin/campaigns"),
    c.json<AdminMe>("/api/admin/me"),
  ]);
  return { campaigns, me };
}

export function createConsole(options: {
  lang: Lang;
  s: Strings;
  token: () => string;
  /** the API refused the token */
  onUnauthorized: () => void;
  setStatus: (message: string) => void;
  refresh: () => void;
  /** the signed-in role, once known */
  role: () => AdminMe["role"] | undefined;
}): Console {
  const { lang, s, token, setStatus } = options;
  const api = async (path: string, init: RequestInit = {}): Promise<Response> => {
    // a caller's own headers win: uploads send CSV, XLSX or YAML with their own content-type
    const headers = new Headers(init.headers);
    headers.set("authorization", `Bearer ${token()}`);
    if (!headers.has("accept-language")) headers.set("accept-language", lang === "en" ? "en" : "zh-CN");
    if (init.body && !headers.has("content-type")) headers.set("content-type", "application/json");
    const res = await fetch(path, { ...init, headers });
    if (!res.ok) {
      const body = (await res.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
      if (res.status === 401) options.onUnauthorized();
      throw new ApiError(res.status, body?.error?.message ?? String(res.status), body);
    }
    return res;
  };
  const json = async <T>(path: string, init?: RequestInit): Promise<T> => (await (await api(path, init)).json()) as T;
  const report = (error: unknown) => setStatus(s.failed + (error instanceof Error ? error.message : String(error)));
  const readOnly = () => options.role() === "auditor";
  return { s, lang, api, json, setStatus, report, refresh: options.refresh, readOnly };
}

/**
 * A GET that follows `source`: refetched whenever source changes to a truthy value; while a fetch is
 * under way `loading` is true and the previous value stays. An answer to an older source is dropped;
 * a failed fetch keeps the previous value (the API helper already reports sign-outs).
 */
export function useFetched<T>(source: () => unknown, fetcher: () => Promise<T>) {
  const [value, setValue] = createSignal<T>();
  const [loading, setLoading] = createSignal(false);
  let latest = 0;
  // Only a new value refetches: a source read from the campaigns (a slug) is read again whenever
  // they are reloaded, and a refetch then replaced what the screen had just said (an anomaly's
  // "已作废 6 票" vanished with the anomaly as soon as the console reloaded its campaigns).
  const key = createMemo(source);
  // A render effect runs at once, so the first render already says "loading".
  createRenderEffect(() => {
    const n = ++latest;
    if (!key()) {
      setLoading(false);
      return;
    }
    setLoading(true);
    untrack(fetcher).then(
      (v) => {
        if (n !== latest) return;
        setValue(() => v);
        setLoading(false);
      },
      () => {
        if (n === latest) setLoading(false);
      },
    );
  });
  return [value, loading] as const;
}

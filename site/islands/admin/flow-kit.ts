/**
 * What the console's flows (campaign file, uploads, tokens, publication, objections, revocations)
 * share: a request error in the reader's words, times in the campaign's zone, and the public pages'
 * addresses. Plain functions only, so each flow's chunk stays its own.
 */
import { createSignal } from "solid-js";
import { ApiError } from "./client";
import type { Lang } from "./texts";
import { formatInstant } from "../../../common/i18n";
import { dayIn } from "../../../common/timeline";

/** The API's own message where it sent one (already in the console's language), else the status. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * For the public reads a flow shows after its own write (publications, leaderboards): those answers
 * are cacheable for everyone, and the browser's copy would still say what was true before the write.
 */
export const FRESH: RequestInit = { cache: "no-store" };

/** The parsed body of an error answer (the 422's `rows`, the 409's `lists` …), if any. */
export function errorBody(error: unknown): Record<string, unknown> | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const body = (error as ApiError & { body?: unknown }).body;
  return body && typeof body === "object" ? (body as Record<string, unknown>) : undefined;
}

/** "2026年12月1日 14:05" / "1 Dec 2026, 14:05" in the campaign's zone; "" for none. */
export function when(iso: string | null | undefined, lang: Lang, timeZone = "Asia/Shanghai"): string {
  if (!iso) return "";
  if (Number.isNaN(Date.parse(iso))) return iso;
  return formatInstant(iso, timeZone, lang);
}

/** Today in the campaign's zone as YYYY-MM-DD, the value a date input takes. */
export function todayIn(timeZone = "Asia/Shanghai"): string {
  return dayIn(Date.now(), timeZone);
}

/** A public page of the campaign in the console's language: /c/publicity/ or /en/c/publicity/. */
export function publicPage(lang: Lang, campaign: string, page: "publicity" | "results"): string {
  return `${lang === "en" ? "/en" : ""}/${campaign}/${page}/`;
}

/** An entry's name as the public API gives it: a string, or `{zh, en}`. */
export function nameOf(name: unknown, lang: Lang): string {
  if (typeof name === "string") return name;
  if (name && typeof name === "object") {
    const n = name as { zh?: string; en?: string };
    return (lang === "en" ? n.en : undefined) ?? n.zh ?? "";
  }
  return "";
}

/**
 * A GET the flow shows, with its error beside it (an auditor's 403, say) rather than only in the
 * console's status line. `reload` fetches again; an answer to an older call is dropped.
 */
export function useLoaded<T>(fetcher: () => Promise<T>) {
  const [value, setValue] = createSignal<T>();
  const [error, setError] = createSignal("");
  const [loading, setLoading] = createSignal(true);
  let latest = 0;
  const reload = () => {
    const n = ++latest;
    setLoading(true);
    fetcher().then(
      (v) => {
        if (n !== latest) return;
        setValue(() => v);
        setError("");
        setLoading(false);
      },
      (e: unknown) => {
        if (n !== latest) return;
        setError(errorText(e));
        setLoading(false);
      },
    );
  };
  reload();
  return { value, error, loading, reload };
}

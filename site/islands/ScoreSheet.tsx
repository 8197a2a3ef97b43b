/**
 * The expert's scoring sheet: one island over the scoring API only. The token lives in
 * sessionStorage and goes out as a Bearer header; drafts are kept in localStorage per token and
 * entry until the server has them (./score/saver.ts). Screens by hash address, so a phone's back
 * button works: #/ the entries by list, #/e/<id> one entry, #/review what is left before submitting.
 */
// Only the Solid features the vote islands use (array.map, Show; no For, no createResource): every
// island shares one solid-js chunk, and the list pages load it too (SPEC: at most 15 KB there).
import { createSignal, onCleanup, onMount, Show } from "solid-js";
import { ApiError, scoringApi } from "./score/api";
import { EntryScreen } from "./score/EntryScreen";
import { createSheet, type Sheet } from "./score/model";
import { Overview } from "./score/Overview";
import { Review } from "./score/Review";
import { tokenPrefix } from "./score/sheet";
import { keepToken, SignIn, storedToken } from "./score/SignIn";
import { SheetHeader } from "./score/SheetHeader";
import { text, type Lang } from "./score/texts";
import type { Assignments } from "./score/types";
import "./score/score.css";

const routeOf = () => location.hash.replace(/^#\/?/, "");

export default function ScoreSheet(props: { lang: Lang }) {
  const s = text[props.lang];
  const [token, setToken] = createSignal(storedToken());
  const [sheet, setSheet] = createSignal<Sheet>();
  const [message, setMessage] = createSignal("");
  const [route, setRoute] = createSignal(routeOf());
  const api = scoringApi(props.lang, token, () => signOut(s.badToken));

  function signOut(why = "") {
    sheet()?.saver.stop();
    keepToken(undefined);
    setToken("");
    setSheet(undefined);
    setMessage(why);
  }
  async function load(value: string): Promise<void> {
    setToken(value);
    try {
      const data = await api<Assignments>("/api/scoring/assignments");
      keepToken(value);
      sheet()?.saver.stop();
      setSheet(createSheet(data, api, await tokenPrefix(value), () => void load(value)));
      setMessage("");
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return;
      if (error instanceof ApiError && error.status === 403) return signOut(s.notScorer);
      setMessage(s.failed + (error instanceof Error ? error.message : String(error)));
      if (!sheet()) setToken("");
    }
  }
  if (token()) void load(token());

  onMount(() => {
    const onHash = () => setRoute(routeOf());
    const online = () => sheet()?.saver.retryAll();
    // leaving or hiding the page: whatever waits goes now, and outlives the page (keepalive)
    const hidden = () => document.visibilityState === "hidden" && sheet()?.saver.flushAll(true);
    const leaving = () => sheet()?.saver.flushAll(true);
    addEventListener("hashchange", onHash);
    addEventListener("online", online);
    addEventListener("pagehide", leaving);
    document.addEventListener("visibilitychange", hidden);
    onCleanup(() => {
      removeEventListener("hashchange", onHash);
      removeEventListener("online", online);
      removeEventListener("pagehide", leaving);
      document.removeEventListener("visibilitychange", hidden);
      sheet()?.saver.stop();
    });
  });

  const entryId = () => Number(/^e\/(\d+)$/.exec(route())?.[1] ?? NaN);
  return (
    <div class="sc">
      <Show
        when={sheet()}
        fallback={
          <Show when={token()} fallback={<SignIn s={s} message={message()} signIn={load} />}>
            <p class="sc-loading" role="status">
              {message() || s.loading}
            </p>
          </Show>
        }
      >
        {(current) => (
          <>
            <SheetHeader s={s} lang={props.lang} sheet={current()} signOut={() => signOut()} />
            <Show
              keyed
              when={current().row(entryId())}
              fallback={
                <Show when={route() === "review"} fallback={<Overview s={s} lang={props.lang} sheet={current()} />}>
                  <Review s={s} lang={props.lang} sheet={current()} api={api} reload={() => load(token())} />
                </Show>
              }
            >
              {(row) => <EntryScreen s={s} lang={props.lang} sheet={current()} row={row} />}
            </Show>
          </>
        )}
      </Show>
    </div>
  );
}

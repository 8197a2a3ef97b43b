/**
 * The expert's scoring sheet: one island over the scoring API only. The token lives in
 * sessionStorage and goes out as a Bearer header; drafts are kept in localStorage per token and
 * entry until the server has them (./score/saver.ts). Screens by hash address, so a phone's back
 * button works: #/ the entries by list, #/e/<id> one entry, #/review what is left before submitting.
 */
// Only the Solid features the vote islands use (array.map, Show; no For, no createResource): every
// island shares one solid-js chunk, and the list pages load it too (SPEC: at most 15 KB there).
import { createSignal, onMount, Show } from "solid-js";
import { ApiError, scoringApi, type Api } from "./score/api";
import { EntryScreen } from "./score/EntryScreen";
import { listen } from "./score/events";
import { createSheet, type Sheet } from "./score/model";
import { Overview } from "./score/Overview";
import { Review } from "./score/Review";
import { tokenPrefix } from "./score/sheet";
import { keepToken, SignIn, storedToken } from "./score/SignIn";
import { SheetHeader } from "./score/SheetHeader";
import { text, type Lang, type Strings } from "./score/texts";
import type { Assignments } from "./score/types";
import "./score/score.css";

const routeOf = () => location.hash.replace(/^#\/?/, "");

export default function ScoreSheet(props: { lang: Lang }) {
  const s = text[props.lang];
  const [token, setToken] = createSignal(storedToken());
  const [sheet, setSheet] = createSignal<Sheet>();
  const [message, setMessage] = createSignal("");
  const [route, setRoute] = createSignal(routeOf());
  // a token from the form being checked: the form stays until the API accepts it
  const [checking, setChecking] = createSignal(false);
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

  onMount(() =>
    listen(
      () => sheet()?.saver,
      () => setRoute(routeOf()),
    ),
  );

  return (
    <div class="sc">
      <Show
        keyed
        when={sheet()}
        fallback={
          <Show
            when={token() && !checking()}
            fallback={
              <SignIn
                s={s}
                message={message()}
                signIn={async (value) => {
                  setChecking(true);
                  await load(value);
                  setChecking(false);
                }}
              />
            }
          >
            <p class="sc-loading" role="status">
              {message() || s.loading}
            </p>
          </Show>
        }
      >
        {(current) => (
          <Screens
            s={s}
            lang={props.lang}
            sheet={current}
            route={route()}
            signOut={() => signOut()}
            reload={() => load(token())}
            api={api}
          />
        )}
      </Show>
    </div>
  );
}

/** The signed-in screens: the head, then the entries by list, one entry, or the review, by address. */
function Screens(p: { s: Strings; lang: Lang; sheet: Sheet; route: string; api: Api; signOut: () => void; reload: () => Promise<void> }) {
  const entryId = () => Number(/^e\/(\d+)$/.exec(p.route)?.[1] ?? NaN);
  return (
    <>
      <SheetHeader s={p.s} lang={p.lang} sheet={p.sheet} signOut={p.signOut} />
      <Show
        keyed
        when={p.sheet.row(entryId())}
        fallback={
          <Show when={p.route === "review"} fallback={<Overview s={p.s} lang={p.lang} sheet={p.sheet} />}>
            <Review s={p.s} lang={p.lang} sheet={p.sheet} api={p.api} reload={p.reload} />
          </Show>
        }
      >
        {(row) => <EntryScreen s={p.s} lang={p.lang} sheet={p.sheet} row={row} />}
      </Show>
    </>
  );
}

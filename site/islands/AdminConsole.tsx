/**
 * The organizer console: one island over the admin API only. The token lives in sessionStorage
 * (gone when the tab closes) and is sent as a Bearer header; nothing here is rendered on the server.
 * Navigation is by hash address, so a phone's back button works: #/ the campaigns, #/c/<campaign>
 * its lists, #/c/<campaign>/l/<list> one list's voting; a registered feature (./admin/features.ts)
 * adds /<key> to any of them and is loaded, as its own chunk, when first opened.
 */
// Only the Solid features the vote islands already use: every island shares one solid-js chunk,
// tree-shaken to the union of what they import, and the list pages load that chunk too (SPEC: at
// most 15 KB of gzipped JavaScript on a list page). Hence array.map rather than <For>, and
// useFetched rather than createResource, in every file under ./admin/.
import { createRenderEffect, createSignal, Show, untrack, type JSX } from "solid-js";
import { createConsole, signedInAs, type AdminMe } from "./admin/client";
import { useRoute } from "./admin/route";
import type { ShellProps } from "./admin/Shell";
import { forgetToken, SignIn, storedToken } from "./admin/SignIn";
import { text, type Lang } from "./admin/texts";
import type { AdminCampaign } from "./admin/types";
import "./admin/admin.css";

export default function AdminConsole(props: { lang: Lang }) {
  const s = text[props.lang];
  const [token, setToken] = createSignal(storedToken());
  // a token being checked by the sign-in form: sent, but the form stays until the API accepts it
  const [trying, setTrying] = createSignal("");
  const [status, setStatus] = createSignal("");
  const [campaigns, setCampaigns] = createSignal<AdminCampaign[]>();
  const [me, setMe] = createSignal<AdminMe>();
  const route = useRoute(() => setStatus(""));

  function signOut(message = "") {
    forgetToken();
    setToken("");
    setTrying("");
    setCampaigns(undefined);
    setMe(undefined);
    setStatus(message);
  }
  const load = async () => {
    try {
      // who signed in is asked once: a refresh after a change asks for the campaigns alone
      if (untrack(me)) {
        setCampaigns((await c.json<{ campaigns: AdminCampaign[] }>("/api/admin/campaigns")).campaigns);
        return;
      }
      const found = await signedInAs(c);
      // who first: the screens drawn from the campaigns already know what this token may do
      setMe(found.me);
      setCampaigns(found.campaigns);
    } catch (error) {
      c.report(error);
    }
  };
  const c = createConsole({
    lang: props.lang,
    s,
    token: () => trying() || token(),
    onUnauthorized: () => signOut(s.badToken),
    setStatus,
    refresh: () => void load(),
    role: () => me()?.role,
  });
  // a token kept from earlier in this tab: the campaigns and who it is, nothing before
  if (token()) void load();

  // the signed-in console is its own chunk: the sign-in form alone loads first
  const [shell, setShell] = createSignal<(p: ShellProps) => JSX.Element>();
  createRenderEffect(() => {
    if ((token() || trying()) && !untrack(shell)) void import("./admin/Shell").then((m) => setShell(() => m.default), c.report);
  });

  return (
    <div class="adm">
      <p class="adm-status" role="status" aria-live="polite">
        {status()}
      </p>
      <Show
        when={token()}
        fallback={
          <SignIn
            c={c}
            setToken={setTrying}
            signedIn={(found) => {
              setToken(trying());
              setTrying("");
              setMe(found.me);
              setCampaigns(found.campaigns);
              setStatus(s.signedIn);
            }}
          />
        }
      >
        <Show when={shell()} fallback={<p role="status">{s.loading}</p>}>
          {(Shell) => untrack(() => Shell()({ c, route, campaigns, me, load: () => void load(), signOut: () => signOut() }))}
        </Show>
      </Show>
    </div>
  );
}

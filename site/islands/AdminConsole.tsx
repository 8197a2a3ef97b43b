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
import { createSignal, Show } from "solid-js";
import { createConsole } from "./admin/client";
import { CampaignScreen, GlobalView, NotFound, place, propsOf, TopBar, useRoute } from "./admin/Nav";
import { forgetToken, SignIn, storedToken } from "./admin/SignIn";
import { text, type Lang } from "./admin/texts";
import type { AdminCampaign } from "./admin/types";
import "./admin/admin.css";

export default function AdminConsole(props: { lang: Lang }) {
  const s = text[props.lang];
  const t = (x: { zh: string; en: string }) => (props.lang === "en" ? x.en : x.zh);
  const [token, setToken] = createSignal(storedToken());
  // a token being checked by the sign-in form: sent, but the form stays until the API accepts it
  const [trying, setTrying] = createSignal("");
  const [status, setStatus] = createSignal("");
  const [campaigns, setCampaigns] = createSignal<AdminCampaign[]>();
  const route = useRoute(() => setStatus(""));

  function signOut(message = "") {
    forgetToken();
    setToken("");
    setTrying("");
    setCampaigns(undefined);
    setStatus(message);
  }
  const load = async () => {
    try {
      setCampaigns((await c.json<{ campaigns: AdminCampaign[] }>("/api/admin/campaigns")).campaigns);
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
  });
  // a token kept from earlier in this tab: one GET for the campaigns, nothing before
  if (token()) void load();

  const { campaign, list, scope, offered, feature, missing } = place(campaigns, route);

  const featureProps = propsOf(c, campaign, list, () => void load());

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
              setCampaigns(found);
              setStatus(s.signedIn);
            }}
          />
        }
      >
        <TopBar s={s} route={route()} campaign={campaign()} list={list()} globals={offered("global")} t={t} signOut={() => signOut()} />
        <Show when={campaigns()} fallback={<p>{s.loading}</p>}>
          <Show when={!missing()} fallback={<NotFound s={s} />}>
            <Show when={campaign()} fallback={<GlobalView feature={feature()} props={featureProps} campaigns={campaigns()!} />}>
              {(x) => (
                <CampaignScreen
                  props={featureProps}
                  campaign={x()}
                  list={list()}
                  route={route()}
                  feature={feature()}
                  tabs={offered(scope())}
                  t={t}
                />
              )}
            </Show>
          </Show>
        </Show>
      </Show>
    </div>
  );
}

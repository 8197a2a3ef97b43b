/**
 * The console once signed in: breadcrumbs and the menu, then the screen the address names — the
 * campaigns, a campaign's lists or a list's panel, or a registered feature. Its own chunk, loaded
 * after sign-in, so the sign-in form is all /admin/ loads first.
 */
import { Show } from "solid-js";
import type { AdminMe, Console } from "./client";
import { CampaignScreen, GlobalView, NotFound, place, propsOf, TopBar } from "./Nav";
import type { Route } from "./route";
import type { AdminCampaign } from "./types";
import "./shell.css";

export interface ShellProps {
  c: Console;
  route: () => Route;
  campaigns: () => AdminCampaign[] | undefined;
  /** who signed in */
  me: () => AdminMe | undefined;
  /** refetch the campaigns */
  load: () => void;
  signOut: () => void;
}

export default function Shell(p: ShellProps) {
  const c = p.c;
  const s = c.s;
  const t = (x: { zh: string; en: string }) => (c.lang === "en" ? x.en : x.zh);
  const route = p.route;
  const campaigns = p.campaigns;
  const signOut = p.signOut;
  const { campaign, list, scope, offered, feature, missing, organizersOnly } = place(campaigns, route, c.readOnly);
  const featureProps = propsOf(c, campaign, list, p.load);
  return (
    <>
      <TopBar s={s} route={route()} campaign={campaign()} list={list()} globals={offered("global")} t={t} signOut={() => signOut()} />
      <Show when={c.readOnly()}>
        <p class="adm-readonly" role="note">
          <strong>{s.readOnlyTitle(p.me()?.name ?? "")}</strong> {s.readOnlyText}
        </p>
      </Show>
      <Show when={campaigns()} fallback={<p>{s.loading}</p>}>
        <Show when={!missing()} fallback={<NotFound s={s} organizersOnly={organizersOnly()} />}>
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
    </>
  );
}

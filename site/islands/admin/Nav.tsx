/**
 * The console's frame once signed in: breadcrumbs and the small menu, a screen's tabs, and a
 * registered feature's component, imported the first time it is shown.
 */
import { createRenderEffect, createSignal, Show, untrack, type JSX } from "solid-js";
import type { Console } from "./client";
import { features, type Feature, type FeatureProps } from "./features";
import { CampaignLists, Campaigns } from "./Lists";
import { ListPanel } from "./ListPanel";
import { href, type Route } from "./route";
import type { Strings } from "./texts";
import type { AdminCampaign, AdminList } from "./types";

/**
 * What the address names among the campaigns this token sees, and the features offered there (to a
 * read-only token, none that is for organizers alone).
 */
export function place(campaigns: () => AdminCampaign[] | undefined, route: () => Route, readOnly: () => boolean) {
  const campaign = () => campaigns()?.find((x) => x.slug === route().campaign);
  const list = () => campaign()?.lists.find((l) => l.slug === route().list);
  const scope = (): Feature["scope"] => (route().list ? "list" : route().campaign ? "campaign" : "global");
  const offered = (scope: Feature["scope"]) =>
    features.filter((f) => f.scope === scope && (f.offered?.(campaign(), list()) ?? true) && !(f.organizers && readOnly()));
  const feature = () => (route().feature ? offered(scope()).find((f) => f.key === route().feature) : undefined);
  /** the address names an organizers' screen and this token reads only */
  const organizersOnly = () => !!route().feature && readOnly() && features.some((f) => f.key === route().feature && f.organizers);
  /** the address is well formed but names nothing this token can see */
  const missing = () =>
    !!campaigns() && ((route().campaign && !campaign()) || (route().list && !list()) || (route().feature && !feature()));
  return { campaign, list, scope, offered, feature, missing, organizersOnly };
}

/** What every feature gets: the console, the campaign and list in the address (kept current), and a refetch. */
export function propsOf(
  c: Console,
  campaign: () => AdminCampaign | undefined,
  list: () => AdminList | undefined,
  changed: () => void,
): FeatureProps {
  return {
    c,
    get campaign() {
      return campaign();
    },
    get list() {
      return list();
    },
    changed,
  };
}

/**
 * An address naming a campaign, list or feature this token cannot see (or that does not exist); for
 * an organizers' screen opened with a read-only token, says so.
 */
export function NotFound(p: { s: Strings; organizersOnly?: boolean }) {
  return (
    <section class="adm-card">
      <p>{p.organizersOnly ? p.s.organizersOnly : p.s.notFound}</p>
      <a class="adm-btn adm-link-btn" href="#/">
        {p.s.back}
      </a>
    </section>
  );
}

type Title = (x: { zh: string; en: string }) => string;

export function TopBar(p: {
  s: Strings;
  route: Route;
  campaign?: AdminCampaign;
  list?: AdminList;
  globals: Feature[];
  t: Title;
  signOut: () => void;
}) {
  const s = p.s;
  const route = () => p.route;
  const campaign = () => p.campaign;
  const list = () => p.list;
  return (
    <nav class="adm-top" aria-label={s.breadcrumbs}>
      <ol class="adm-crumbs">
        <li>
          <a href="#/" aria-current={!route().campaign && !route().feature ? "page" : undefined}>
            {s.home}
          </a>
        </li>
        <Show when={campaign()}>
          {(x) => (
            <li>
              <a href={href({ campaign: x().slug })} aria-current={!route().list && !route().feature ? "page" : undefined}>
                {x().title}
              </a>
            </li>
          )}
        </Show>
        <Show when={list()}>
          {(l) => (
            <li>
              <a href={href({ campaign: route().campaign, list: l().slug })} aria-current={!route().feature ? "page" : undefined}>
                {l().title}
              </a>
            </li>
          )}
        </Show>
      </ol>
      <details class="adm-menu">
        <summary>{s.menu}</summary>
        <ul>
          {p.globals.map((f) => (
            <li>
              <a href={href({ feature: f.key })} onClick={(e) => e.currentTarget.closest("details")?.removeAttribute("open")}>
                {p.t(f.title)}
              </a>
            </li>
          ))}
          <li>
            <button type="button" onClick={() => p.signOut()}>
              {s.signOut}
            </button>
          </li>
        </ul>
      </details>
    </nav>
  );
}

/** A campaign's screen (its lists, or a campaign feature) or a list's (its voting, or a list feature). */
export function CampaignScreen(p: {
  props: FeatureProps;
  campaign: AdminCampaign;
  list?: AdminList;
  route: Route;
  feature?: Feature;
  tabs: Feature[];
  t: Title;
}) {
  const c = p.props.c;
  const s = c.s;
  return (
    <section class="adm-screen" aria-labelledby="adm-screen-title">
      <h2 id="adm-screen-title" class="adm-screen-title">
        {p.list?.title ?? p.campaign.title}
      </h2>
      <Tabs
        label={s.sections}
        items={[{ key: "", title: p.list ? s.votingTab : s.listsTab }, ...p.tabs.map((f) => ({ key: f.key, title: p.t(f.title) }))]}
        current={p.route.feature ?? ""}
        hrefOf={(key) => href({ campaign: p.campaign.slug, list: p.route.list, feature: key || undefined })}
      />
      <Show
        when={p.feature}
        fallback={
          <Show when={p.list} fallback={<CampaignLists c={c} campaign={p.campaign} />}>
            {(l) => <ListPanel c={c} campaign={p.campaign} list={l()} changed={p.props.changed} />}
          </Show>
        }
      >
        {(f) => <FeatureView feature={f()} props={p.props} />}
      </Show>
    </section>
  );
}

export function GlobalView(p: { feature?: Feature; props: FeatureProps; campaigns: AdminCampaign[] }) {
  return (
    <Show when={p.feature} fallback={<Campaigns c={p.props.c} campaigns={p.campaigns} />}>
      {(f) => (
        <section class="adm-screen" aria-labelledby="adm-screen-title">
          <h2 id="adm-screen-title" class="adm-screen-title">
            {p.props.c.lang === "en" ? f().title.en : f().title.zh}
          </h2>
          <FeatureView feature={f()} props={p.props} />
        </section>
      )}
    </Show>
  );
}

/** The screen's sections as links (the address changes, so back returns to the previous one). */
function Tabs(p: { label: string; items: { key: string; title: string }[]; current: string; hrefOf: (key: string) => string }) {
  return (
    <Show when={p.items.length > 1}>
      <nav class="adm-tabs" aria-label={p.label}>
        <ul>
          {p.items.map((item) => (
            <li>
              <a
                href={p.hrefOf(item.key)}
                aria-current={item.key === p.current ? "page" : undefined}
                // the current tab in view, also when it is far along the row
                ref={(el) =>
                  item.key === p.current && requestAnimationFrame(() => el.scrollIntoView({ block: "nearest", inline: "nearest" }))
                }
              >
                {item.title}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </Show>
  );
}

/** A feature's component, imported the first time it is shown; a new feature or place renders afresh. */
function FeatureView(p: { feature: Feature; props: FeatureProps }) {
  const [view, setView] = createSignal<{ key: string; render: (props: FeatureProps) => JSX.Element }>();
  const [failed, setFailed] = createSignal("");
  createRenderEffect(() => {
    const f = p.feature;
    const place = `${f.key}|${p.props.campaign?.slug ?? ""}|${p.props.list?.slug ?? ""}`;
    if (untrack(view)?.key === place) return;
    setView(undefined);
    setFailed("");
    f.load().then(
      (m) => {
        if (p.feature === f) setView({ key: place, render: m.default });
      },
      (error: unknown) => setFailed(p.props.c.s.failed + String(error)),
    );
  });
  return (
    <Show when={view()} keyed fallback={<p role="status">{failed() || p.props.c.s.loading}</p>}>
      {(v) => untrack(() => v.render(p.props))}
    </Show>
  );
}

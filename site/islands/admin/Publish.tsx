/**
 * 公示与结果: the campaign's publications with their state and public pages (both languages), then a
 * preliminary 公示 (./Publish/Preliminary.tsx) and a final list (./Publish/Final.tsx).
 */
import { Show, type JSX } from "solid-js";
import { formatEnd, formatStart } from "../../lib/publicity";
import type { FeatureProps } from "./features";
import { FRESH, useLoaded } from "./flow-kit";
import { ActionResult, OrganizersAct } from "./ui";
import { Final } from "./Publish/Final";
import { Preliminary } from "./Publish/Preliminary";
import { PageLinks, publisher, TZ } from "./Publish/shared";
import { t } from "./Publish/texts";
import "./flows.css";

interface PublicationHead {
  id: number;
  kind: "preliminary" | "final";
  list?: string;
  startsAt: string;
  endsAt: string;
  workingDays: number;
  state: string;
}

export default function Publish(p: FeatureProps): JSX.Element {
  const lang = p.c.lang;
  const s = t[lang];
  const publications = useLoaded(
    async () =>
      (await p.c.json<{ publications: PublicationHead[] }>(`/api/campaigns/${p.campaign?.slug ?? ""}/publications`, FRESH)).publications,
  );
  const pub = publisher(p, () => publications.reload());
  return (
    <section class="adm-card flow" aria-labelledby="flow-publish">
      <h2 id="flow-publish">{s.title}</h2>
      <h3>{s.existing}</h3>
      <ActionResult result={publications.error() ? { ok: false, message: s.failed + publications.error() } : undefined} />
      <Show when={publications.value() || !publications.loading()} fallback={<p>{s.loading}</p>}>
        <Show when={(publications.value() ?? []).length > 0} fallback={<p class="adm-hint">{s.none}</p>}>
          <ul class="flow-rows">
            {(publications.value() ?? []).map((item) => (
              <li class="flow-row flow-publication">
                <p class="flow-row-head">
                  <strong>
                    #{item.id} {s.kinds[item.kind]} · {pub.listTitle(item.list)}
                  </strong>{" "}
                  <Show when={item.kind === "preliminary"}>
                    <span class="flow-tag" data-state={item.state}>
                      {s.states[item.state] ?? item.state}
                    </span>
                  </Show>
                </p>
                <p class="adm-hint">
                  {item.kind === "preliminary"
                    ? s.period(formatStart(item.startsAt, TZ, lang), formatEnd(item.endsAt, TZ, lang), item.workingDays)
                    : s.publishedOn(formatStart(item.startsAt, TZ, lang))}
                </p>
                <PageLinks pub={pub} page={item.kind === "preliminary" ? "publicity" : "results"} />
              </li>
            ))}
          </ul>
        </Show>
      </Show>
      <OrganizersAct c={p.c}>
        <>
          <Preliminary pub={pub} />
          <Final pub={pub} />
        </>
      </OrganizersAct>
    </section>
  );
}

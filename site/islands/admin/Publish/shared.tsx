/** What the publication forms share: the API calls, the public pages' links, the campaign's lists. */
import type { JSX } from "solid-js";
import type { FeatureProps } from "../features";
import { publicPage } from "../flow-kit";
import { t } from "./texts";

export const TZ = "Asia/Shanghai";

export interface DryRun {
  startsAt: string;
  endsAt: string;
  workingDays: number;
  entries: number;
  excluded: number;
}

export interface Publisher {
  p: FeatureProps;
  slug: () => string;
  listTitle: (list?: string) => string;
  /** the period and counts the publication would have, nothing written */
  dryRun: (body: Record<string, unknown>) => Promise<DryRun>;
  /** publishes; answers the new publication's id */
  publish: (body: Record<string, unknown>) => Promise<number>;
}

export function publisher(p: FeatureProps, onPublished: () => void): Publisher {
  const slug = () => p.campaign?.slug ?? "";
  const post = <T,>(body: Record<string, unknown>) =>
    p.c.json<T>(`/api/admin/campaigns/${slug()}/publications`, { method: "POST", body: JSON.stringify(body) });
  return {
    p,
    slug,
    listTitle: (l) => (l ? (p.campaign?.lists.find((x) => x.slug === l)?.title ?? l) : t[p.c.lang].allLists),
    dryRun: (body) => post<DryRun>({ ...body, dryRun: true }),
    publish: async (body) => {
      const { id } = await post<{ id: number }>(body);
      onPublished();
      p.changed();
      return id;
    },
  };
}

/** The public page in the console's language, and the same page in the other one. */
export function PageLinks(props: { pub: Publisher; page: "publicity" | "results" }): JSX.Element {
  const lang = props.pub.p.c.lang;
  const s = t[lang];
  const other = lang === "en" ? "zh" : "en";
  return (
    <span class="flow-links">
      <a href={publicPage(lang, props.pub.slug(), props.page)}>{props.page === "publicity" ? s.view : s.viewResults}</a>
      <a href={publicPage(other, props.pub.slug(), props.page)} hreflang={other === "en" ? "en" : "zh-CN"}>
        {s.english}
      </a>
    </span>
  );
}

/** "All lists" and each of the campaign's lists, for a select. */
export function listOptions(pub: Publisher): JSX.Element[] {
  return [
    <option value="">{t[pub.p.c.lang].allLists}</option>,
    ...(pub.p.campaign?.lists ?? []).map((l) => <option value={l.slug}>{l.title}</option>),
  ];
}

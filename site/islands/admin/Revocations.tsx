/**
 * 摘牌: the campaign's revocations, and a new one. Only an entry a final list named can lose its
 * designation, so the choice is read from the final publications (their snapshots), less those
 * already revoked; the act itself sits behind a dialog that names the entry.
 */
import { createSignal, Show, type JSX } from "solid-js";
import type { FeatureProps } from "./features";
import { FRESH, todayIn, useLoaded, when } from "./flow-kit";
import { ApiError } from "./client";
import { ActionResult, ConfirmAction, OrganizersAct } from "./ui";
import { revocationText } from "../../lib/revocation";
import "./flows.css";

const t = {
  zh: {
    title: "摘牌",
    intro: "撤销已认定对象的称号。公示与正式名单的快照保持不变；结果页和对象页会标注已摘牌及原因。",
    existing: "已摘牌",
    none: "暂无摘牌记录。",
    loading: "加载中…",
    by: (at: string, actor: string) => `${at} 由 ${actor} 登记`,
    add: "登记摘牌",
    noFinal: "本活动尚未发布正式名单：只有列入正式名单的对象才能摘牌。",
    allRevoked: "正式名单中的对象都已摘牌。",
    entry: "对象",
    choose: "请选择对象",
    date: "摘牌日期（决定作出之日）",
    reason: "摘牌原因（公开显示）",
    revoke: "摘牌",
    revokeTitle: "确认摘牌",
    revokeWhat: (name: string) => `${name} 将被标注为已摘牌，公示快照不变。此操作不能撤销。`,
    revokeConfirm: "确认摘牌",
    incomplete: "请先选择对象并填写日期和原因。",
    done: (name: string) => `已登记：${name} 已摘牌。网站将在约 3 分钟内更新。`,
    failed: "未完成：",
  },
  en: {
    title: "Revocation",
    intro:
      "Withdraws a designation. Publicity and final-list snapshots stay unchanged; the results and entry pages mark the entry revoked, with the reason.",
    existing: "Revoked",
    none: "No revocations.",
    loading: "Loading…",
    by: (at: string, actor: string) => `Recorded ${at} by ${actor}`,
    add: "Record a revocation",
    noFinal: "No final list yet: only an entry a final list names can be revoked.",
    allRevoked: "Every entry of the final lists is already revoked.",
    entry: "Entry",
    choose: "Choose an entry",
    date: "Date of the decision",
    reason: "Reason (shown publicly)",
    revoke: "Revoke",
    revokeTitle: "Confirm the revocation",
    revokeWhat: (name: string) => `${name} will be marked as revoked; the publicity snapshots stay unchanged. This cannot be undone.`,
    revokeConfirm: "Revoke now",
    incomplete: "Choose an entry and give the date and the reason first.",
    done: (name: string) => `Recorded: ${name} is revoked. The site updates within about 3 minutes.`,
    failed: "Not done: ",
  },
};

interface Revocation {
  entry: string;
  list: string;
  /** the entry's name (Chinese), as the API reads it from the catalog */
  name?: string | null;
  date: string;
  reason: string;
  at: string;
  actor: string;
}
interface Snapshot {
  snapshot: { lists: { slug: string; entries: { slug: string; name: string; nameEn?: string }[] }[] };
}
type Designated = { ref: string; name: string };

type Result = { ok: boolean; message: string };

/** "organizer:主办方甲" as 主办方甲（主办方）, as the audit log writes it */
function actorName(c: FeatureProps["c"], actor: string): string {
  const colon = actor.indexOf(":");
  const role = c.s.roles[actor.slice(0, colon)];
  if (colon < 0 || !role) return actor;
  return c.lang === "en" ? `${actor.slice(colon + 1)} (${role})` : `${actor.slice(colon + 1)}（${role}）`;
}

/** The entries the campaign's final lists named, once each (list/slug). */
async function designatedEntries(c: FeatureProps["c"], slug: string): Promise<Designated[]> {
  const { publications } = await c.json<{ publications: { id: number; kind: string }[] }>(`/api/campaigns/${slug}/publications`, FRESH);
  const finals = await Promise.all(
    publications.filter((pub) => pub.kind === "final").map((pub) => c.json<Snapshot>(`/api/publications/${pub.id}`)),
  );
  const seen = new Map<string, Designated>();
  for (const f of finals)
    for (const l of f.snapshot.lists)
      for (const e of l.entries)
        seen.set(`${l.slug}/${e.slug}`, { ref: `${l.slug}/${e.slug}`, name: (c.lang === "en" ? e.nameEn : undefined) ?? e.name });
  return [...seen.values()];
}

export default function Revocations(p: FeatureProps): JSX.Element {
  const s = t[p.c.lang];
  const slug = () => p.campaign?.slug ?? "";
  const listTitle = (l: string) => p.campaign?.lists.find((x) => x.slug === l)?.title ?? l;
  const revocations = useLoaded(
    async () => (await p.c.json<{ revocations: Revocation[] }>(`/api/admin/campaigns/${slug()}/revocations`)).revocations,
  );
  const designated = useLoaded(() => designatedEntries(p.c, slug()));
  const revoked = () => new Set((revocations.value() ?? []).map((r) => `${r.list}/${r.entry}`));
  const choices = () => (designated.value() ?? []).filter((d) => !revoked().has(d.ref));
  const nameOfRef = (ref: string) => (designated.value() ?? []).find((d) => d.ref === ref)?.name ?? ref.split("/").pop()!;
  // the last revocation's result, kept when the form goes (nothing left to revoke)
  const [last, setLast] = createSignal<Result>();

  return (
    <section class="adm-card flow" aria-labelledby="flow-revocations">
      <h2 id="flow-revocations">{s.title}</h2>
      <p class="adm-hint">{s.intro}</p>

      <h3>{s.existing}</h3>
      <ActionResult result={revocations.error() ? { ok: false, message: s.failed + revocations.error() } : undefined} />
      <Show when={revocations.value() || !revocations.loading()} fallback={<p>{s.loading}</p>}>
        <Show when={(revocations.value() ?? []).length > 0} fallback={<p class="adm-hint">{s.none}</p>}>
          <ul class="flow-rows">
            {(revocations.value() ?? []).map((r) => (
              <li class="flow-row flow-revocation">
                <p class="flow-row-head">
                  <strong>{r.name ?? nameOfRef(`${r.list}/${r.entry}`)}</strong> <span class="flow-tag">{listTitle(r.list)}</span>
                </p>
                <p>
                  {revocationText[p.c.lang].line(r.date)}
                  {r.reason}
                </p>
                <p class="adm-hint">{s.by(when(r.at, p.c.lang), actorName(p.c, r.actor))}</p>
              </li>
            ))}
          </ul>
        </Show>
      </Show>

      <h3>{s.add}</h3>
      <OrganizersAct c={p.c}>
        <>
          <ActionResult result={designated.error() ? { ok: false, message: s.failed + designated.error() } : undefined} />
          <Show when={designated.value()} fallback={<Show when={designated.loading()}>{<p>{s.loading}</p>}</Show>}>
            <Show
              when={choices().length > 0}
              fallback={
                <>
                  <p class="adm-hint">{(designated.value() ?? []).length === 0 ? s.noFinal : s.allRevoked}</p>
                  <ActionResult result={last()} />
                </>
              }
            >
              <RevokeForm
                p={p}
                choices={choices().map((d) => ({ ref: d.ref, name: `${d.name}（${listTitle(d.ref.split("/")[0]!)}）` }))}
                nameOfRef={nameOfRef}
                onDone={(message) => {
                  setLast({ ok: true, message });
                  revocations.reload();
                }}
                onRefused={() => revocations.reload()}
              />
            </Show>
          </Show>
        </>
      </OrganizersAct>
    </section>
  );
}

/** Entry, date and reason; the act behind a dialog that names the entry. */
function RevokeForm(props: {
  p: FeatureProps;
  choices: Designated[];
  nameOfRef: (ref: string) => string;
  onDone: (message: string) => void;
  /** refused as already revoked (from another page): the list shows it and the choice drops it */
  onRefused: () => void;
}) {
  const s = t[props.p.c.lang];
  const [entry, setEntry] = createSignal("");
  const [date, setDate] = createSignal(todayIn());
  const [reason, setReason] = createSignal("");
  const ready = () => entry() !== "" && date() !== "" && reason().trim() !== "";
  return (
    <div class="flow-form">
      <label for="flow-revoke-entry">{s.entry}</label>
      <select id="flow-revoke-entry" value={entry()} onChange={(e) => setEntry(e.currentTarget.value)}>
        <option value="">{s.choose}</option>
        {props.choices.map((d) => (
          <option value={d.ref}>{d.name}</option>
        ))}
      </select>
      <label for="flow-revoke-date">{s.date}</label>
      <input id="flow-revoke-date" type="date" required value={date()} onInput={(e) => setDate(e.currentTarget.value)} />
      <label for="flow-revoke-reason">{s.reason}</label>
      <textarea
        id="flow-revoke-reason"
        required
        maxLength={500}
        rows={3}
        value={reason()}
        onInput={(e) => setReason(e.currentTarget.value)}
      />
      <Show when={!ready()}>
        <p class="adm-hint">{s.incomplete}</p>
      </Show>
      <ConfirmAction
        c={props.p.c}
        label={s.revoke}
        title={s.revokeTitle}
        consequence={s.revokeWhat(entry() ? props.nameOfRef(entry()) : "")}
        confirmLabel={s.revokeConfirm}
        danger
        disabled={!ready()}
        run={async () => {
          const name = props.nameOfRef(entry());
          try {
            await props.p.c.json(`/api/admin/campaigns/${props.p.campaign?.slug ?? ""}/revocations`, {
              method: "POST",
              body: JSON.stringify({ entry: entry(), date: date(), reason: reason().trim() }),
            });
          } catch (error) {
            if (error instanceof ApiError && error.status === 409) {
              setEntry("");
              props.onRefused();
            }
            throw error;
          }
          setEntry("");
          setReason("");
          const message = s.done(name);
          props.onDone(message);
          return message;
        }}
      />
    </div>
  );
}

/**
 * The audit log: organizers' changes by default, reads or everything on request, twenty at a time
 * with earlier pages on demand; refused anonymous calls as counts per reason, never as rows.
 */
import { createSignal, Show } from "solid-js";
import { useFetched, type Console } from "./client";
import type { FeatureProps } from "./features";
import type { AuditRecord, RefusalLine } from "./types";

const PAGE = 20;

export default function Audit(props: FeatureProps) {
  const s = props.c.s;
  const [kind, setKind] = createSignal("writes");
  const [pages, setPages] = createSignal<AuditRecord[][]>([]);
  const [more, setMore] = createSignal(false);
  const [loading, setLoading] = createSignal(false);
  const load = async (before?: number) => {
    setLoading(true);
    const requested = kind();
    try {
      const query = new URLSearchParams({ kind: requested, limit: String(PAGE), ...(before ? { before: String(before) } : {}) });
      const { audit } = await props.c.json<{ audit: AuditRecord[] }>(`/api/admin/audit?${query}`);
      if (requested !== kind()) return;
      setPages((p) => (before ? [...p, audit] : [audit]));
      setMore(audit.length === PAGE);
    } catch (error) {
      props.c.report(error);
    } finally {
      setLoading(false);
    }
  };
  void load();
  const records = () => pages().flat();
  /** "organizer:主办方甲" as 主办方甲（主办方）; "Organizer A (organizer)" in English */
  const actorOf = (r: AuditRecord) => {
    const colon = r.actor.indexOf(":");
    const role = s.roles[r.actor.slice(0, colon)];
    if (colon < 0 || !role) return r.actor;
    return props.c.lang === "en" ? `${r.actor.slice(colon + 1)} (${role})` : `${r.actor.slice(colon + 1)}（${role}）`;
  };
  const time = (iso: string) =>
    new Date(iso).toLocaleString(props.c.lang === "en" ? "en" : "zh-CN", { timeZone: "Asia/Shanghai", hour12: false });
  return (
    <>
      <section class="adm-card" aria-labelledby="adm-audit">
        <h3 id="adm-audit">{s.auditRecords}</h3>
        <label for="adm-audit-kind">{s.auditShow}</label>
        <select
          id="adm-audit-kind"
          value={kind()}
          onChange={(e) => {
            setKind(e.currentTarget.value);
            setPages([]);
            void load();
          }}
        >
          {["writes", "reads", "refusals", "all"].map((k) => (
            <option value={k}>{s.auditKinds[k]}</option>
          ))}
        </select>
        <Show when={records().length > 0} fallback={<p role="status">{loading() ? s.loading : s.auditEmpty}</p>}>
          <ol class="adm-audit">
            {records().map((r) => (
              <li>
                <time datetime={r.at}>{time(r.at)}</time>
                <span class="adm-actor">{actorOf(r)}</span>
                <span class="adm-audit-what">
                  {s.actions[r.action] ?? r.action} <code>{r.target ?? ""}</code>
                  <Show when={(r.status ?? 0) >= 400}>
                    <span class="adm-audit-status"> · {r.status}</span>
                  </Show>
                </span>
              </li>
            ))}
          </ol>
        </Show>
        <Show when={more()}>
          <button type="button" class="adm-btn" disabled={loading()} onClick={() => void load(records().at(-1)?.id)}>
            {s.auditMore}
          </button>
        </Show>
      </section>
      <Refusals c={props.c} />
    </>
  );
}

/** Refused anonymous calls (no valid token, failed bot checks), summed per reason and kind of route. */
function Refusals(props: { c: Console }) {
  const s = props.c.s;
  const [refusals] = useFetched(
    () => true,
    async () => (await props.c.json<{ refusals: RefusalLine[] }>("/api/admin/refusals")).refusals,
  );
  /** one row per reason and kind of route, the minutes summed */
  const refusalCounts = () => {
    const counts = new Map<string, { reason: string; routeKind: string; count: number }>();
    for (const r of refusals() ?? []) {
      const key = `${r.reason}\n${r.routeKind}`;
      const row = counts.get(key) ?? { reason: r.reason, routeKind: r.routeKind, count: 0 };
      row.count += r.count;
      counts.set(key, row);
    }
    return [...counts.values()].sort((a, b) => b.count - a.count);
  };
  return (
    <section class="adm-card" aria-labelledby="adm-refusals">
      <h3 id="adm-refusals">{s.refusals}</h3>
      <Show when={refusalCounts().length > 0} fallback={<p>{refusals() ? s.noRefusals : s.loading}</p>}>
        <div class="adm-table-wrap">
          <table class="adm-table">
            <thead>
              <tr>
                <th scope="col">{s.refusalReason}</th>
                <th scope="col">{s.refusalRoute}</th>
                <th scope="col" class="adm-num">
                  {s.refusalCount}
                </th>
              </tr>
            </thead>
            <tbody>
              {refusalCounts().map((r) => (
                <tr>
                  <td>{r.reason}</td>
                  <td>{r.routeKind}</td>
                  <td class="adm-num">{r.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Show>
    </section>
  );
}

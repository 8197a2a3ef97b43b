/** The latest entries of the audit log, times in Beijing time. */
import { Show } from "solid-js";
import type { Console } from "./client";
import type { AuditRecord } from "./types";

export function Audit(props: { c: Console; records: AuditRecord[]; loading: boolean }) {
  const s = props.c.s;
  return (
    <section class="adm-card" aria-labelledby="adm-audit">
      <h2 id="adm-audit">{s.audit}</h2>
      <Show when={props.records.length > 0} fallback={<p>{props.loading ? s.loading : s.auditEmpty}</p>}>
        <ol class="adm-audit">
          {props.records.map((r) => (
            <li>
              <time datetime={r.at}>
                {new Date(r.at).toLocaleString(props.c.lang === "en" ? "en" : "zh-CN", { timeZone: "Asia/Shanghai", hour12: false })}
              </time>
              <span class="adm-actor">{r.actor}</span>
              <span>
                {r.action} {r.target ?? ""}
              </span>
            </li>
          ))}
        </ol>
      </Show>
    </section>
  );
}

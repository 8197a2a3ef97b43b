/**
 * The organizer console: one island over the admin API only. The token lives in sessionStorage
 * (gone when the tab closes) and is sent as a Bearer header; nothing here is rendered on the server.
 * Each section is a file in ./admin/; this holds the token, the status line and what they share.
 */
// Only the Solid features the vote islands already use: every island shares one solid-js chunk,
// tree-shaken to the union of what they import, and the list pages load that chunk too (SPEC: at
// most 15 KB of gzipped JavaScript on a list page). Hence array.map rather than <For>, and
// useFetched rather than createResource, in every file under ./admin/.
import { createSignal, Show } from "solid-js";
import { Anomalies } from "./admin/Anomalies";
import { Audit } from "./admin/Audit";
import { createConsole, useFetched } from "./admin/client";
import { Eligibility } from "./admin/Eligibility";
import { Exports } from "./admin/Exports";
import { Lists } from "./admin/Lists";
import { forgetToken, SignIn, storedToken } from "./admin/SignIn";
import { text, type Lang } from "./admin/texts";
import type { AdminCampaign, AuditRecord } from "./admin/types";
import "./admin/admin.css";

export default function AdminConsole(props: { lang: Lang }) {
  const s = text[props.lang];
  const [token, setToken] = createSignal(storedToken());
  const [status, setStatus] = createSignal("");
  const [version, setVersion] = createSignal(0);
  const refresh = () => setVersion((v) => v + 1);

  function signOut(message = "") {
    forgetToken();
    setToken("");
    setStatus(message);
  }
  const c = createConsole({ lang: props.lang, s, token, onUnauthorized: () => signOut(s.badToken), setStatus, refresh });

  const [campaigns, campaignsLoading] = useFetched(
    () => (token() ? version() + 1 : false),
    async () => (await c.json<{ campaigns: AdminCampaign[] }>("/api/admin/campaigns")).campaigns,
  );
  const [audit, auditLoading] = useFetched(
    () => (token() ? version() + 1 : false),
    async () => (await c.json<{ audit: AuditRecord[] }>("/api/admin/audit?limit=30")).audit,
  );

  return (
    <div class="adm">
      <p class="adm-status" role="status" aria-live="polite">
        {status()}
      </p>
      <Show when={token()} fallback={<SignIn c={c} setToken={setToken} />}>
        <div class="adm-bar">
          <button type="button" class="adm-btn" onClick={refresh}>
            {s.refresh}
          </button>
          <button type="button" class="adm-btn" onClick={() => signOut()}>
            {s.signOut}
          </button>
        </div>
        <Lists c={c} campaigns={campaigns() ?? []} loading={campaignsLoading()} />
        <Anomalies c={c} campaigns={campaigns() ?? []} />
        <Exports c={c} campaigns={campaigns() ?? []} />
        <Eligibility c={c} campaigns={campaigns() ?? []} />
        <Audit c={c} records={audit() ?? []} loading={auditLoading()} />
      </Show>
    </div>
  );
}

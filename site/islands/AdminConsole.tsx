/**
 * The organizer console: one island over the admin API only. The token lives in sessionStorage
 * (gone when the tab closes) and is sent as a Bearer header; nothing here is rendered on the server.
 */
// Only the Solid features the vote islands already use: every island shares one solid-js chunk,
// tree-shaken to the union of what they import, and the list pages load that chunk too (SPEC: at
// most 15 KB of gzipped JavaScript on a list page). Hence array.map rather than <For>, and
// useFetched rather than createResource.
import { createRenderEffect, createSignal, Show, untrack, type JSX } from "solid-js";
import "./admin.css";

type Lang = "zh" | "en";
const TOKEN_KEY = "bd_admin_token";

const text = {
  zh: {
    signIn: "登录",
    token: "管理令牌",
    tokenHint: "由 npm run bangdan -- token create 生成；只保存在本标签页，关闭即清除。",
    signOut: "退出",
    signedIn: "已登录",
    badToken: "令牌无效或已吊销。",
    failed: "请求失败：",
    lists: "榜单与投票",
    refresh: "刷新",
    state: {
      none: "不设投票",
      scheduled: "投票未开始",
      open: "投票进行中",
      closed: "投票已截止",
    } as Record<string, string>,
    votes: "有效票",
    voided: "已作废",
    entries: "参评对象",
    ranked: "排名榜单",
    unranked: "不排名",
    close: "立即截止投票",
    open: "重新开启投票",
    confirmClose: (l: string) => `确定立即截止「${l}」的投票吗？此后收到的投票一律不计。`,
    confirmOpen: (l: string) => `确定重新开启「${l}」的投票吗？此操作会记入审计日志。`,
    anomalies: "异常投票复核",
    campaign: "活动",
    noAnomalies: "未发现需要复核的异常。",
    kinds: {
      ip_prefix: "同一网段大量投票",
      entry_burst: "单个对象短时激增",
      device: "同一设备多个身份",
      bot_failures: "人机验证连续失败",
    } as Record<string, string>,
    span: "时间",
    voters: "投票人",
    reason: "作废理由",
    preview: "试算",
    previewed: (n: number) => `将作废 ${n} 票。确认无误后再点“确认作废”。`,
    confirmVoid: "确认作废",
    voidedNow: (n: number) => `已作废 ${n} 票，票数已更新。`,
    exports: "导出",
    kind: "内容",
    kindNames: {
      tallies: "票数统计",
      votes: "投票明细（可校验）",
      scores: "成绩明细",
      objections: "异议记录（含联系方式）",
      eligibility: "创建认定条件核对",
    } as Record<string, string>,
    format: "格式",
    download: "导出并下载",
    exported: (rows: number, hash: string) => `已导出 ${rows} 行；账本头哈希 ${hash.slice(0, 16)}…`,
    audit: "审计日志",
    auditEmpty: "暂无记录。",
    loading: "加载中…",
    eligibility: "创建认定条件核对",
    eligibilityHint: "逐项对照工作方案附件中的创建、认定基本条件。仅主办方可见；名单按名称拼音排列，不排名。",
    list: "榜单",
    period: "时期",
    noSheet: "该活动没有考评指标表。",
    indicator: "指标",
    value: "数值",
    result: "结果",
    results: { pass: "达标", fail: "未达标", missing: "缺数据", judgement: "专家评判", none: "未设条件" } as Record<string, string>,
    exportAs: (f: string) => `导出 ${f}`,
  },
  en: {
    signIn: "Sign in",
    token: "Admin token",
    tokenHint: "Created with npm run bangdan -- token create; kept in this tab only and cleared when it closes.",
    signOut: "Sign out",
    signedIn: "Signed in",
    badToken: "The token is not valid or was revoked.",
    failed: "The request failed: ",
    lists: "Lists and voting",
    refresh: "Refresh",
    state: {
      none: "No public vote",
      scheduled: "Not started",
      open: "Voting open",
      closed: "Voting closed",
    } as Record<string, string>,
    votes: "Valid votes",
    voided: "Voided",
    entries: "Entries",
    ranked: "Ranked",
    unranked: "Unranked",
    close: "Close voting now",
    open: "Reopen voting",
    confirmClose: (l: string) => `Close voting on “${l}” now? No vote received afterwards counts.`,
    confirmOpen: (l: string) => `Reopen voting on “${l}”? This is recorded in the audit log.`,
    anomalies: "Anomaly review",
    campaign: "Campaign",
    noAnomalies: "Nothing needs review.",
    kinds: {
      ip_prefix: "Many voters behind one IP prefix",
      entry_burst: "Burst on one entry",
      device: "One device, many voters",
      bot_failures: "Bot checks failing in a row",
    } as Record<string, string>,
    span: "Time",
    voters: "Voters",
    reason: "Reason for voiding",
    preview: "Dry run",
    previewed: (n: number) => `This voids ${n} votes. Check, then press “Void now”.`,
    confirmVoid: "Void now",
    voidedNow: (n: number) => `Voided ${n} votes; tallies updated.`,
    exports: "Exports",
    kind: "Content",
    kindNames: {
      tallies: "Tallies",
      votes: "Votes ledger (verifiable)",
      scores: "Scores",
      objections: "Objections (with contacts)",
      eligibility: "Eligibility check",
    } as Record<string, string>,
    format: "Format",
    download: "Export and download",
    exported: (rows: number, hash: string) => `Exported ${rows} rows; ledger head ${hash.slice(0, 16)}…`,
    audit: "Audit log",
    auditEmpty: "No records yet.",
    loading: "Loading…",
    eligibility: "Eligibility check",
    eligibilityHint: "Each indicator against the conditions for creation and recognition in the notice's annexes. Organizers only; applicants in pinyin order, never ranked.",
    list: "List",
    period: "Period",
    noSheet: "This campaign has no indicator sheet.",
    indicator: "Indicator",
    value: "Value",
    result: "Result",
    results: { pass: "Met", fail: "Not met", missing: "Missing data", judgement: "Expert judgement", none: "No condition" } as Record<string, string>,
    exportAs: (f: string) => `Export ${f}`,
  },
};

interface AdminList {
  slug: string;
  title: string;
  ranking: "ranked" | "unranked";
  entries: number;
  votes: number;
  voided: number;
  voting: { state: string; opensAt: string | null; closesAt: string | null };
}
interface AdminCampaign {
  slug: string;
  title: string;
  lists: AdminList[];
}
interface Anomaly {
  kind: string;
  campaign: string;
  list: string;
  key: string;
  from: string;
  to: string;
  votes: number;
  voters: number;
  failures?: number;
  entry?: { id: number; name: string };
  filter: Record<string, unknown>;
}
type Text = { zh: string; en?: string };
interface EligibilityList {
  list: string;
  title: Text;
  periods: { key: string; title: Text }[];
  indicators: { key: string; title: Text; role: string; thresholds: Record<string, { text: Text } | undefined> }[];
  entries: {
    slug: string;
    name: Text;
    region?: string;
    categories?: Record<string, string>;
    periods: Record<string, { summary: { status: string; text: { zh: string; en: string } }; cells: { text: string; result: string }[] }>;
  }[];
}
interface AuditRecord {
  id: number;
  at: string;
  actor: string;
  action: string;
  target?: string;
}

/**
 * A GET that follows `source`: refetched whenever source changes to a truthy value; while a fetch is
 * under way `loading` is true and the previous value stays. An answer to an older source is dropped;
 * a failed fetch keeps the previous value (the API helper already reports sign-outs).
 */
function useFetched<T>(source: () => unknown, fetcher: () => Promise<T>) {
  const [value, setValue] = createSignal<T>();
  const [loading, setLoading] = createSignal(false);
  let latest = 0;
  // A render effect runs at once, so the first render already says "loading".
  createRenderEffect(() => {
    const n = ++latest;
    if (!source()) {
      setLoading(false);
      return;
    }
    setLoading(true);
    untrack(fetcher).then(
      (v) => {
        if (n !== latest) return;
        setValue(() => v);
        setLoading(false);
      },
      () => {
        if (n === latest) setLoading(false);
      },
    );
  });
  return [value, loading] as const;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Fetches an export with the token and hands it to the browser as a download; resolves with its manifest. */
async function downloadExport(api: (path: string) => Promise<Response>, campaign: string, kind: string, format: string) {
  const res = await api(`/api/admin/campaigns/${encodeURIComponent(campaign)}/export?${new URLSearchParams({ kind, format })}`);
  const manifest = JSON.parse(res.headers.get("x-bangdan-manifest") ?? "{}") as { rows?: number; ledger?: { headHash?: string } };
  const a = document.createElement("a");
  a.href = URL.createObjectURL(await res.blob());
  a.download = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? "export";
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
  return manifest;
}

function storedToken(): string {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? "";
  } catch {
    return "";
  }
}

export default function AdminConsole(props: { lang: Lang }) {
  const s = text[props.lang];
  const [token, setToken] = createSignal(storedToken());
  const [status, setStatus] = createSignal("");
  const [version, setVersion] = createSignal(0);

  const api = async (path: string, init: RequestInit = {}): Promise<Response> => {
    const res = await fetch(path, {
      ...init,
      headers: {
        authorization: `Bearer ${token()}`,
        "accept-language": props.lang === "en" ? "en" : "zh-CN",
        ...(init.body ? { "content-type": "application/json" } : {}),
      },
    });
    if (!res.ok) {
      const body = (await res.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
      if (res.status === 401) signOut(s.badToken);
      throw new ApiError(res.status, body?.error?.message ?? String(res.status));
    }
    return res;
  };
  const json = async <T,>(path: string, init?: RequestInit): Promise<T> => (await (await api(path, init)).json()) as T;
  const report = (error: unknown) => setStatus(s.failed + (error instanceof Error ? error.message : String(error)));

  function signOut(message = "") {
    try {
      sessionStorage.removeItem(TOKEN_KEY);
    } catch {
      /* storage may be unavailable (private mode); the token is then only in memory */
    }
    setToken("");
    setStatus(message);
  }

  const [campaigns, campaignsLoading] = useFetched(
    () => (token() ? version() + 1 : false),
    async () => (await json<{ campaigns: AdminCampaign[] }>("/api/admin/campaigns")).campaigns,
  );
  const [audit, auditLoading] = useFetched(
    () => (token() ? version() + 1 : false),
    async () => (await json<{ audit: AuditRecord[] }>("/api/admin/audit?limit=30")).audit,
  );
  const refresh = () => setVersion((v) => v + 1);

  const onSignIn: JSX.EventHandler<HTMLFormElement, SubmitEvent> = async (event) => {
    event.preventDefault();
    const value = (new FormData(event.currentTarget).get("token") ?? "").toString().trim();
    if (!value) return;
    setToken(value);
    try {
      await json("/api/admin/campaigns");
      try {
        sessionStorage.setItem(TOKEN_KEY, value);
      } catch {
        /* memory only */
      }
      setStatus(s.signedIn);
      refresh();
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) report(error);
    }
  };

  const toggle = async (c: AdminCampaign, l: AdminList) => {
    const closing = l.voting.state === "open";
    if (!window.confirm(closing ? s.confirmClose(l.title) : s.confirmOpen(l.title))) return;
    try {
      await api(`/api/admin/campaigns/${c.slug}/lists/${l.slug}/${closing ? "close" : "open"}`, { method: "POST" });
      setStatus(`${l.title}：${closing ? s.state.closed : s.state.open}`);
      refresh();
    } catch (error) {
      report(error);
    }
  };

  return (
    <div class="adm">
      <p class="adm-status" role="status" aria-live="polite">
        {status()}
      </p>
      <Show
        when={token()}
        fallback={
          <form class="adm-card adm-signin" onSubmit={onSignIn}>
            <h2>{s.signIn}</h2>
            <label for="adm-token">{s.token}</label>
            <input id="adm-token" name="token" type="password" autocomplete="off" spellcheck={false} required aria-describedby="adm-token-hint" />
            <p id="adm-token-hint" class="adm-hint">
              {s.tokenHint}
            </p>
            <button type="submit" class="adm-btn adm-primary">
              {s.signIn}
            </button>
          </form>
        }
      >
        <div class="adm-bar">
          <button type="button" class="adm-btn" onClick={refresh}>
            {s.refresh}
          </button>
          <button type="button" class="adm-btn" onClick={() => signOut()}>
            {s.signOut}
          </button>
        </div>

        <section class="adm-card" aria-labelledby="adm-lists">
          <h2 id="adm-lists">{s.lists}</h2>
          <Show when={!campaignsLoading()} fallback={<p>{s.loading}</p>}>
            {(campaigns() ?? []).map((c) => (
              <div class="adm-campaign">
                <h3>{c.title}</h3>
                <ul class="adm-lists">
                  {c.lists.map((l) => (
                    <li class="adm-list">
                      <p class="adm-list-title">
                        <strong>{l.title}</strong> <span class="adm-tag">{l.ranking === "ranked" ? s.ranked : s.unranked}</span>
                      </p>
                      <p class="adm-figures">
                        <span class="adm-state" data-state={l.voting.state}>
                          {s.state[l.voting.state] ?? l.voting.state}
                        </span>
                        <span>
                          {s.votes} {l.votes}
                        </span>
                        <span>
                          {s.voided} {l.voided}
                        </span>
                        <span>
                          {s.entries} {l.entries}
                        </span>
                      </p>
                      <Show when={l.voting.state !== "none"}>
                        <button
                          type="button"
                          class="adm-btn"
                          classList={{
                            "adm-danger": l.voting.state === "open",
                          }}
                          onClick={() => void toggle(c, l)}
                        >
                          {l.voting.state === "open" ? s.close : s.open}
                        </button>
                      </Show>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </Show>
        </section>

        <Anomalies s={s} campaigns={campaigns() ?? []} json={json} onChange={refresh} setStatus={setStatus} report={report} />
        <Exports s={s} campaigns={campaigns() ?? []} api={api} setStatus={setStatus} report={report} />
        <Eligibility s={s} lang={props.lang} campaigns={campaigns() ?? []} api={api} json={json} setStatus={setStatus} report={report} />

        <section class="adm-card" aria-labelledby="adm-audit">
          <h2 id="adm-audit">{s.audit}</h2>
          <Show when={(audit() ?? []).length > 0} fallback={<p>{auditLoading() ? s.loading : s.auditEmpty}</p>}>
            <ol class="adm-audit">
              {(audit() ?? []).map((r) => (
                <li>
                  <time datetime={r.at}>{new Date(r.at).toLocaleString(props.lang === "en" ? "en" : "zh-CN", { timeZone: "Asia/Shanghai", hour12: false })}</time>
                  <span class="adm-actor">{r.actor}</span>
                  <span>
                    {r.action} {r.target ?? ""}
                  </span>
                </li>
              ))}
            </ol>
          </Show>
        </section>
      </Show>
    </div>
  );
}

type Strings = (typeof text)["zh"] | (typeof text)["en"];

function Anomalies(props: {
  s: Strings;
  campaigns: AdminCampaign[];
  json: <T>(path: string, init?: RequestInit) => Promise<T>;
  onChange: () => void;
  setStatus: (m: string) => void;
  report: (e: unknown) => void;
}) {
  const [campaign, setCampaign] = createSignal("");
  const chosen = () => campaign() || props.campaigns[0]?.slug || "";
  const [tick, setTick] = createSignal(0);
  const [anomalies, anomaliesLoading] = useFetched(
    () => (chosen() ? `${chosen()}|${tick()}` : false),
    async () => (await props.json<{ anomalies: Anomaly[] }>(`/api/admin/anomalies?campaign=${encodeURIComponent(chosen())}`)).anomalies,
  );
  return (
    <section class="adm-card" aria-labelledby="adm-anomalies">
      <h2 id="adm-anomalies">{props.s.anomalies}</h2>
      <label for="adm-anomaly-campaign">{props.s.campaign}</label>
      <select id="adm-anomaly-campaign" value={chosen()} onChange={(e) => setCampaign(e.currentTarget.value)}>
        {props.campaigns.map((c) => (
          <option value={c.slug}>{c.title}</option>
        ))}
      </select>
      <Show when={!anomaliesLoading()} fallback={<p>{props.s.loading}</p>}>
        <Show when={(anomalies() ?? []).length > 0} fallback={<p>{props.s.noAnomalies}</p>}>
          <ul class="adm-anomalies">
            {(anomalies() ?? []).map((a, i) => (
              <AnomalyItem
                a={a}
                index={i}
                s={props.s}
                json={props.json}
                onVoided={(n) => {
                  props.setStatus(props.s.voidedNow(n));
                  setTick((t) => t + 1);
                  props.onChange();
                }}
                report={props.report}
              />
            ))}
          </ul>
        </Show>
      </Show>
    </section>
  );
}

function AnomalyItem(props: { a: Anomaly; index: number; s: Strings; json: <T>(path: string, init?: RequestInit) => Promise<T>; onVoided: (n: number) => void; report: (e: unknown) => void }) {
  const [preview, setPreview] = createSignal<number | undefined>(undefined);
  const [reason, setReason] = createSignal("");
  const id = `adm-reason-${props.index}`;
  const send = async (dryRun: boolean) => {
    try {
      const body = JSON.stringify({
        filter: props.a.filter,
        reason: reason(),
        dryRun,
      });
      const r = await props.json<{ voided: number }>("/api/admin/votes/void", {
        method: "POST",
        body,
      });
      if (dryRun) setPreview(r.voided);
      else props.onVoided(r.voided);
    } catch (error) {
      props.report(error);
    }
  };
  const time = (iso: string) =>
    new Date(iso).toLocaleString("zh-CN", {
      timeZone: "Asia/Shanghai",
      hour12: false,
    });
  return (
    <li class="adm-anomaly">
      <p>
        <strong>{props.s.kinds[props.a.kind] ?? props.a.kind}</strong> · {props.a.list}
        {props.a.entry ? ` · ${props.a.entry.name}` : ""}
      </p>
      <p class="adm-figures">
        <span>
          {props.s.votes} {props.a.votes}
        </span>
        <span>
          {props.s.voters} {props.a.voters}
        </span>
        <span>
          {props.s.span} {time(props.a.from)} – {time(props.a.to)}
        </span>
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void send(preview() === undefined);
        }}
      >
        <label for={id}>{props.s.reason}</label>
        <input id={id} type="text" required maxLength={500} value={reason()} onInput={(e) => setReason(e.currentTarget.value)} />
        <Show when={preview() !== undefined}>
          <p class="adm-hint" role="status">
            {props.s.previewed(preview()!)}
          </p>
        </Show>
        <button type="submit" class="adm-btn" classList={{ "adm-danger": preview() !== undefined }}>
          {preview() === undefined ? props.s.preview : props.s.confirmVoid}
        </button>
      </form>
    </li>
  );
}

function Exports(props: { s: Strings; campaigns: AdminCampaign[]; api: (path: string, init?: RequestInit) => Promise<Response>; setStatus: (m: string) => void; report: (e: unknown) => void }) {
  const onSubmit: JSX.EventHandler<HTMLFormElement, SubmitEvent> = async (event) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    try {
      const manifest = await downloadExport(props.api, String(data.get("campaign")), String(data.get("kind")), String(data.get("format")));
      props.setStatus(props.s.exported(manifest.rows ?? 0, manifest.ledger?.headHash ?? ""));
    } catch (error) {
      props.report(error);
    }
  };
  return (
    <section class="adm-card" aria-labelledby="adm-exports">
      <h2 id="adm-exports">{props.s.exports}</h2>
      <form class="adm-export" onSubmit={onSubmit}>
        <label for="adm-export-campaign">{props.s.campaign}</label>
        <select id="adm-export-campaign" name="campaign">
          {props.campaigns.map((c) => (
            <option value={c.slug}>{c.title}</option>
          ))}
        </select>
        <label for="adm-export-kind">{props.s.kind}</label>
        <select id="adm-export-kind" name="kind">
          <option value="tallies">{props.s.kindNames.tallies}</option>
          <option value="votes">{props.s.kindNames.votes}</option>
          <option value="scores">{props.s.kindNames.scores}</option>
          <option value="objections">{props.s.kindNames.objections}</option>
          <option value="eligibility">{props.s.kindNames.eligibility}</option>
        </select>
        <label for="adm-export-format">{props.s.format}</label>
        <select id="adm-export-format" name="format">
          <option value="csv">CSV（Excel）</option>
          <option value="xlsx">XLSX</option>
        </select>
        <button type="submit" class="adm-btn adm-primary">
          {props.s.download}
        </button>
      </form>
    </section>
  );
}

/**
 * The eligibility check (S3): per applicant, each indicator of the notice with its value and the
 * result in words; the printed condition under the indicator. Inputs of formulas are left to the export.
 */
function Eligibility(props: {
  s: Strings;
  lang: Lang;
  campaigns: AdminCampaign[];
  api: (path: string) => Promise<Response>;
  json: <T>(path: string) => Promise<T>;
  setStatus: (m: string) => void;
  report: (e: unknown) => void;
}) {
  const [campaign, setCampaign] = createSignal("");
  const [list, setList] = createSignal("");
  const [period, setPeriod] = createSignal("");
  const chosen = () => campaign() || props.campaigns[0]?.slug || "";
  const [data, loading] = useFetched(
    () => chosen(),
    async () => (await props.json<{ lists: EligibilityList[] }>(`/api/admin/campaigns/${encodeURIComponent(chosen())}/eligibility`)).lists,
  );
  const current = () => (data() ?? []).find((l) => l.list === list()) ?? data()?.[0];
  const periodKey = () => (current()?.periods.some((p) => p.key === period()) ? period() : current()?.periods[0]?.key) ?? "";
  const t = (x: Text) => (props.lang === "en" && x.en ? x.en : x.zh);
  const download = async (format: string) => {
    try {
      const manifest = await downloadExport(props.api, chosen(), "eligibility", format);
      props.setStatus(props.s.exported(manifest.rows ?? 0, manifest.ledger?.headHash ?? ""));
    } catch (error) {
      props.report(error);
    }
  };
  return (
    <section class="adm-card" aria-labelledby="adm-eligibility">
      <h2 id="adm-eligibility">{props.s.eligibility}</h2>
      <p class="adm-hint">{props.s.eligibilityHint}</p>
      <label for="adm-elig-campaign">{props.s.campaign}</label>
      <select id="adm-elig-campaign" value={chosen()} onChange={(e) => setCampaign(e.currentTarget.value)}>
        {props.campaigns.map((c) => (
          <option value={c.slug}>{c.title}</option>
        ))}
      </select>
      <Show when={!loading()} fallback={<p>{props.s.loading}</p>}>
        <Show when={current()} fallback={<p>{props.s.noSheet}</p>}>
          {(l) => (
            <>
              <label for="adm-elig-list">{props.s.list}</label>
              <select id="adm-elig-list" value={l().list} onChange={(e) => setList(e.currentTarget.value)}>
                {(data() ?? []).map((x) => (
                  <option value={x.list}>{t(x.title)}</option>
                ))}
              </select>
              <label for="adm-elig-period">{props.s.period}</label>
              <select id="adm-elig-period" value={periodKey()} onChange={(e) => setPeriod(e.currentTarget.value)}>
                {l().periods.map((p) => (
                  <option value={p.key}>{t(p.title)}</option>
                ))}
              </select>
              <p class="adm-bar">
                <button type="button" class="adm-btn" onClick={() => void download("csv")}>
                  {props.s.exportAs("CSV")}
                </button>
                <button type="button" class="adm-btn" onClick={() => void download("xlsx")}>
                  {props.s.exportAs("XLSX")}
                </button>
              </p>
              <ul class="adm-elig">
                {l().entries.map((e) => {
                  const here = () => e.periods[periodKey()];
                  return (
                    <li>
                      <h3>{t(e.name)}</h3>
                      <p class="adm-tag">{[...Object.values(e.categories ?? {}), e.region].filter(Boolean).join(" · ")}</p>
                      <p class="adm-elig-summary" data-status={here()?.summary.status}>
                        {props.lang === "en" ? here()?.summary.text.en : here()?.summary.text.zh}
                      </p>
                      <table>
                        <thead>
                          <tr>
                            <th scope="col">{props.s.indicator}</th>
                            <th scope="col">{props.s.value}</th>
                            <th scope="col">{props.s.result}</th>
                          </tr>
                        </thead>
                        <tbody>
                          {l().indicators.map((ind, i) =>
                            ind.role === "input" ? null : (
                              <tr>
                                <th scope="row">
                                  {t(ind.title)}
                                  <Show when={ind.thresholds[periodKey()]}>{(c) => <span class="adm-elig-cond">{t(c().text)}</span>}</Show>
                                </th>
                                <td>{here()?.cells[i]?.text}</td>
                                <td>
                                  <span class="adm-result" data-result={here()?.cells[i]?.result}>
                                    {props.s.results[here()?.cells[i]?.result ?? "none"]}
                                  </span>
                                </td>
                              </tr>
                            ),
                          )}
                        </tbody>
                      </table>
                    </li>
                  );
                })}
              </ul>
            </>
          )}
        </Show>
      </Show>
    </section>
  );
}

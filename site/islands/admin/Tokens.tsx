/**
 * 管理令牌: who may use the console. Lists the tokens (never a token itself), creates one and shows
 * it once with a copy button, revokes one behind a dialog that names it. Organizers only: not offered
 * to an auditor (features.ts), and the API answers one 403 here anyway. A scorer (评审专家) token is
 * bound to one campaign, optionally to some of its lists, recusals and a round (./Tokens/Scorer.tsx).
 */
import { createSignal, Show } from "solid-js";
import type { FeatureProps } from "./features";
import { errorText, useLoaded, when } from "./flow-kit";
import { ActionResult, ConfirmAction } from "./ui";
import { ScorerBinding, ScorerFields, scorerForm, type ScorerBound, type ScorerForm } from "./Tokens/Scorer";
import "./flows.css";

const t = {
  zh: {
    title: "管理令牌",
    intro: "每个令牌对应一位使用者。主办方令牌可以操作，审计令牌只能查看，评审专家令牌只能为一个活动评分。",
    name: "名称",
    role: "角色",
    roles: { organizer: "主办方（可操作）", auditor: "审计（只读）", scorer: "评审专家（只能评分）" } as Record<string, string>,
    created: "创建时间",
    lastUsed: "最近使用",
    never: "从未使用",
    none: "还没有令牌。",
    loading: "加载中…",
    create: "创建令牌",
    nameHint: "1–40 个字，例如使用者的姓名或岗位；不能与已有令牌重名。",
    made: (n: string) => `已创建令牌「${n}」。`,
    once: "令牌只显示这一次，关闭或刷新页面后无法再次查看。请立即复制并交给使用者。",
    tokenLabel: (n: string) => `「${n}」的令牌`,
    copy: "复制",
    copied: "已复制到剪贴板。",
    selected: "已选中令牌，请按复制键（长按或 Ctrl+C）。",
    revoke: "吊销",
    lastOrganizer: "这是唯一的主办方令牌，不能吊销：先创建另一个主办方令牌。",
    revokeTitle: (n: string) => `吊销令牌「${n}」`,
    revokeWhat: (n: string) => `「${n}」将立即失效，使用它的人会被退出，且无法恢复。`,
    revokeConfirm: "确认吊销",
    revoked: (n: string) => `已吊销令牌「${n}」。`,
    failed: "未完成：",
  },
  en: {
    title: "Admin tokens",
    intro:
      "One token per person. Organizer tokens can act; auditor tokens can only read; an expert scorer's token can only score one campaign.",
    name: "Name",
    role: "Role",
    roles: { organizer: "Organizer (can act)", auditor: "Auditor (read only)", scorer: "Expert scorer (scores only)" } as Record<
      string,
      string
    >,
    created: "Created",
    lastUsed: "Last used",
    never: "Never used",
    none: "No tokens yet.",
    loading: "Loading…",
    create: "Create token",
    nameHint: "1–40 characters, e.g. the person's name or post; must differ from existing tokens.",
    made: (n: string) => `Token “${n}” created.`,
    once: "The token is shown this once: after you leave or reload this page it cannot be shown again. Copy it now and hand it over.",
    tokenLabel: (n: string) => `Token for “${n}”`,
    copy: "Copy",
    copied: "Copied to the clipboard.",
    selected: "The token is selected: copy it (long-press or Ctrl+C).",
    revoke: "Revoke",
    lastOrganizer: "The only organizer token cannot be revoked: create another organizer token first.",
    revokeTitle: (n: string) => `Revoke token “${n}”`,
    revokeWhat: (n: string) => `“${n}” stops working at once; whoever uses it is signed out. This cannot be undone.`,
    revokeConfirm: "Revoke now",
    revoked: (n: string) => `Token “${n}” revoked.`,
    failed: "Not done: ",
  },
};

interface TokenRow extends ScorerBound {
  name: string;
  role: string;
  createdAt: string;
  lastUsedAt: string | null;
}

type Result = { ok: boolean; message: string };

export default function Tokens(p: FeatureProps) {
  const s = t[p.c.lang];
  const list = useLoaded(async () => (await p.c.json<{ tokens: TokenRow[] }>("/api/admin/tokens")).tokens);
  // a revocation's result stays where the token was: the reloaded list no longer has its row
  const [revoked, setRevoked] = createSignal<Result>();
  // a scorer's binding: the campaigns (their titles, and the form's choice), read once when first needed
  const scorer = scorerForm(p);
  return (
    <section class="adm-card flow" aria-labelledby="flow-tokens">
      <h2 id="flow-tokens">{s.title}</h2>
      <p class="adm-hint">{s.intro}</p>
      <ActionResult result={list.error() ? { ok: false, message: s.failed + list.error() } : revoked()} />
      <Show when={list.value() || !list.loading()} fallback={<p>{s.loading}</p>}>
        <Show when={(list.value() ?? []).length > 0} fallback={<p>{s.none}</p>}>
          <ul class="flow-rows" aria-label={s.title}>
            {(list.value() ?? []).map((tk) => (
              <TokenItem
                p={p}
                token={tk}
                last={tk.role === "organizer" && (list.value() ?? []).filter((x) => x.role === "organizer").length === 1}
                scorer={scorer}
                onRevoked={(message) => {
                  setRevoked({ ok: true, message });
                  list.reload();
                }}
              />
            ))}
          </ul>
        </Show>
      </Show>
      <CreateToken p={p} scorer={scorer} onCreated={() => list.reload()} />
    </section>
  );
}

/** `last`: the only organizer token, which the API keeps (nobody locks themselves out): said, not offered. */
function TokenItem(props: { p: FeatureProps; token: TokenRow; last: boolean; scorer: ScorerForm; onRevoked: (message: string) => void }) {
  const s = t[props.p.c.lang];
  const tk = props.token;
  return (
    <li class="flow-row flow-token">
      <p class="flow-row-head">
        <strong>{tk.name}</strong> <span class="flow-tag">{s.roles[tk.role] ?? tk.role}</span>
      </p>
      <dl class="flow-facts">
        <div>
          <dt>{s.created}</dt>
          <dd>{when(tk.createdAt, props.p.c.lang)}</dd>
        </div>
        <div>
          <dt>{s.lastUsed}</dt>
          <dd>{tk.lastUsedAt ? when(tk.lastUsedAt, props.p.c.lang) : s.never}</dd>
        </div>
      </dl>
      <Show when={tk.role === "scorer"}>
        <ScorerBinding form={props.scorer} token={tk} />
      </Show>
      <Show when={!props.last} fallback={<p class="adm-hint">{s.lastOrganizer}</p>}>
        <ConfirmAction
          c={props.p.c}
          label={s.revoke}
          title={s.revokeTitle(tk.name)}
          consequence={s.revokeWhat(tk.name)}
          confirmLabel={s.revokeConfirm}
          danger
          run={async () => {
            await props.p.c.api(`/api/admin/tokens/${encodeURIComponent(tk.name)}`, { method: "DELETE" });
            props.onRevoked(s.revoked(tk.name));
            return s.revoked(tk.name);
          }}
        />
      </Show>
    </li>
  );
}

function CreateToken(props: { p: FeatureProps; scorer: ScorerForm; onCreated: () => void }) {
  const s = t[props.p.c.lang];
  const [name, setName] = createSignal("");
  const [role, setRole] = createSignal("organizer");
  const [result, setResult] = createSignal<Result>();
  const [made, setMade] = createSignal<{ name: string; token: string }>();
  const scorer = props.scorer;
  const create = async (event: SubmitEvent) => {
    event.preventDefault();
    setResult(undefined);
    setMade(undefined);
    try {
      const body = JSON.stringify({ name: name().trim(), role: role(), ...(role() === "scorer" ? scorer.body() : {}) });
      const r = await props.p.c.json<{ name: string; role: string; token: string }>("/api/admin/tokens", { method: "POST", body });
      setMade({ name: r.name, token: r.token });
      setResult({ ok: true, message: s.made(r.name) });
      setName("");
      props.onCreated();
    } catch (error) {
      setResult({ ok: false, message: s.failed + errorText(error) });
    }
  };
  return (
    <>
      <form class="flow-form" onSubmit={create}>
        <h3>{s.create}</h3>
        <label for="flow-token-name">{s.name}</label>
        <input
          id="flow-token-name"
          type="text"
          required
          maxLength={40}
          autocomplete="off"
          aria-describedby="flow-token-name-hint"
          value={name()}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <p id="flow-token-name-hint" class="adm-hint">
          {s.nameHint}
        </p>
        <label for="flow-token-role">{s.role}</label>
        <select id="flow-token-role" value={role()} onChange={(e) => setRole(e.currentTarget.value)}>
          <option value="organizer">{s.roles.organizer}</option>
          <option value="auditor">{s.roles.auditor}</option>
          <option value="scorer">{s.roles.scorer}</option>
        </select>
        <Show when={role() === "scorer"}>
          <ScorerFields form={scorer} />
        </Show>
        <button type="submit" class="adm-btn adm-primary">
          {s.create}
        </button>
        <ActionResult result={result()} />
      </form>
      <Show when={made()}>{(m) => <ShownOnce lang={props.p.c.lang} name={m().name} token={m().token} />}</Show>
    </>
  );
}

/** The new token, this once: read-only, selected on focus, with a copy button and a visible answer. */
function ShownOnce(props: { lang: "zh" | "en"; name: string; token: string }) {
  const s = t[props.lang];
  const [note, setNote] = createSignal("");
  let field: HTMLInputElement | undefined;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.token);
      setNote(s.copied);
    } catch {
      // no clipboard (an old browser, no permission): select it for the reader to copy
      field?.focus();
      field?.select();
      setNote(s.selected);
    }
  };
  return (
    <div class="flow-once">
      <p class="flow-warn">{s.once}</p>
      <label for="flow-token-value">{s.tokenLabel(props.name)}</label>
      <div class="flow-copy">
        <input
          id="flow-token-value"
          ref={(el) => {
            field = el;
            queueMicrotask(() => el.focus());
          }}
          type="text"
          readOnly
          value={props.token}
          spellcheck={false}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" class="adm-btn" onClick={() => void copy()}>
          {s.copy}
        </button>
      </div>
      <p class="adm-hint" role="status">
        {note()}
      </p>
    </div>
  );
}

/**
 * 上传活动文件 / 更新活动文件: a campaign file (JSON or YAML) checked by the API without writing
 * (`?dryRun=1`), then either every problem by path, the refusal of a change that would orphan votes,
 * or a preview of what changes; 应用 sends the same bytes for real and the campaigns are refetched.
 */
import { createSignal, Show, type JSX } from "solid-js";
import type { FeatureProps } from "./features";
import { errorBody, errorText } from "./flow-kit";
import { ActionResult, ConfirmAction, FilePick } from "./ui";
import "./flows.css";

const t = {
  zh: {
    titleNew: "上传活动文件",
    titleUpdate: "更新活动文件",
    intro: "选择活动定义文件（JSON 或 YAML）。系统先检查并列出将要发生的变化，确认后才会应用；已有的投票不受影响。",
    introUpdate: (c: string) => `选择「${c}」的新定义文件（JSON 或 YAML）。系统先检查并列出变化，确认后才会应用；已有的投票不受影响。`,
    pick: "选择活动文件（JSON 或 YAML）",
    chosen: (n: string) => `已选择 ${n}`,
    checking: "正在检查…",
    problems: (n: number) => `活动文件有 ${n} 处问题，未做任何改动：`,
    path: "位置",
    problem: "问题",
    refused: "不能应用：",
    otherCampaign: (file: string, here: string) => `该文件定义的是活动 ${file}，不是 ${here}。请在对应活动下更新，或从“上传活动文件”新建。`,
    created: (slug: string) => `将新建活动 ${slug}。`,
    replacing: (slug: string) => `将替换活动 ${slug} 的定义，已有投票保持不变。`,
    noChange: "与现有定义相比，榜单和对象没有变化（其他字段仍会按文件更新）。",
    lists: "榜单",
    entries: "参评对象",
    added: "新增",
    changed: "修改",
    removed: "删除",
    warnings: "提醒",
    apply: "应用",
    applyTitle: (slug: string) => `应用活动文件：${slug}`,
    applyConfirm: "确认应用",
    applied: (slug: string, created: boolean) =>
      created ? `已新建活动 ${slug}，网站将在约 3 分钟内更新。` : `已更新活动 ${slug}，网站将在约 3 分钟内更新。`,
    failed: "未完成：",
    noPreview: "服务器未返回预览，请更新服务器后再试。",
  },
  en: {
    titleNew: "Upload a campaign file",
    titleUpdate: "Update the campaign file",
    intro:
      "Choose a campaign definition (JSON or YAML). It is checked first and what would change is listed; nothing applies until you confirm. Votes are never touched.",
    introUpdate: (c: string) =>
      `Choose the new definition of “${c}” (JSON or YAML). It is checked first; nothing applies until you confirm. Votes are never touched.`,
    pick: "Choose a campaign file (JSON or YAML)",
    chosen: (n: string) => `Chosen: ${n}`,
    checking: "Checking…",
    problems: (n: number) => `The campaign file has ${n} problem(s); nothing was changed:`,
    path: "Where",
    problem: "Problem",
    refused: "Cannot apply: ",
    otherCampaign: (file: string, here: string) =>
      `This file defines campaign ${file}, not ${here}. Update it under that campaign, or create it with “Upload a campaign file”.`,
    created: (slug: string) => `Creates the new campaign ${slug}.`,
    replacing: (slug: string) => `Replaces the definition of ${slug}; its votes stay as they are.`,
    noChange: "No list or entry changes (other fields still follow the file).",
    lists: "Lists",
    entries: "Entries",
    added: "Added",
    changed: "Changed",
    removed: "Removed",
    warnings: "Warnings",
    apply: "Apply",
    applyTitle: (slug: string) => `Apply the campaign file: ${slug}`,
    applyConfirm: "Apply now",
    applied: (slug: string, created: boolean) =>
      created
        ? `Campaign ${slug} created; the site updates within about 3 minutes.`
        : `Campaign ${slug} updated; the site updates within about 3 minutes.`,
    failed: "Not done: ",
    noPreview: "The server gave no preview; update the server and try again.",
  },
};

interface Changes {
  added: string[];
  changed: string[];
  removed: string[];
}
interface Preview {
  dryRun?: boolean;
  campaign: string;
  exists: boolean;
  changes: { lists: Changes; entries: Changes };
  warnings?: ({ zh: string; en?: string } | string)[];
}

const YAML = /\.ya?ml$/i;
type Lang = "zh" | "en";
type Problem = { path: string; message: string };

export default function CampaignFile(p: FeatureProps): JSX.Element {
  const s = t[p.c.lang];
  const [file, setFile] = createSignal<{ name: string; text: string; type: string }>();
  const [checking, setChecking] = createSignal(false);
  const [preview, setPreview] = createSignal<Preview>();
  const [problems, setProblems] = createSignal<Problem[]>([]);
  const [result, setResult] = createSignal<{ ok: boolean; message: string }>();
  const [applied, setApplied] = createSignal(false);
  const here = () => p.campaign?.slug;

  const check = async (f: File) => {
    setPreview(undefined);
    setProblems([]);
    setResult(undefined);
    setApplied(false);
    setChecking(true);
    try {
      const chosen = { name: f.name, text: await f.text(), type: YAML.test(f.name) ? "application/yaml" : "application/json" };
      setFile(chosen);
      const r = await p.c.json<Preview>("/api/admin/campaigns?dryRun=1", {
        method: "POST",
        headers: { "content-type": chosen.type },
        body: chosen.text,
      });
      // a server without the preview answers otherwise: never treat that as a preview
      if (r.dryRun !== true) throw new Error(s.noPreview);
      if (here() && r.campaign !== here()) setResult({ ok: false, message: s.refused + s.otherCampaign(r.campaign, here()!) });
      else setPreview(r);
    } catch (error) {
      const refusal = refusalOf(error, s);
      setProblems(refusal.problems);
      setResult({ ok: false, message: refusal.message });
    } finally {
      setChecking(false);
    }
  };

  // the same bytes the preview checked; the preview stays, with the result beside its button
  const apply = async () => {
    const f = file()!;
    const r = await p.c.json<{ campaign: { slug: string; created: boolean } }>("/api/admin/campaigns", {
      method: "POST",
      headers: { "content-type": f.type },
      body: f.text,
    });
    setApplied(true);
    p.changed();
    return s.applied(r.campaign.slug, r.campaign.created);
  };

  return (
    <section class="adm-card flow" aria-labelledby="flow-campaign-file">
      <h2 id="flow-campaign-file">{here() ? s.titleUpdate : s.titleNew}</h2>
      <p class="adm-hint">{here() ? s.introUpdate(p.campaign!.title) : s.intro}</p>
      <FilePick
        label={s.pick}
        accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml"
        onFile={(f) => void check(f)}
        hint={checking() ? s.checking : file() ? s.chosen(file()!.name) : undefined}
      />
      <ActionResult result={result()} />
      <Show when={problems().length > 0}>
        <Problems lang={p.c.lang} problems={problems()} />
      </Show>
      <Show when={preview()}>
        {(v) => (
          <div class="flow-preview" aria-label={s.applyTitle(v().campaign)} role="group">
            <PreviewBody lang={p.c.lang} preview={v()} />
            <ConfirmAction
              c={p.c}
              label={s.apply}
              title={s.applyTitle(v().campaign)}
              consequence={v().exists ? s.replacing(v().campaign) : s.created(v().campaign)}
              confirmLabel={s.applyConfirm}
              danger={v().changes.lists.removed.length + v().changes.entries.removed.length > 0}
              disabled={applied()}
              run={apply}
            />
          </div>
        )}
      </Show>
    </section>
  );
}

/** A refused preview: every problem by path (422), or the API's one reason (409, 415 …). */
function refusalOf(error: unknown, s: (typeof t)["zh"]): { problems: Problem[]; message: string } {
  const listed = errorBody(error)?.problems;
  if (Array.isArray(listed) && listed.length > 0) return { problems: listed as Problem[], message: s.problems(listed.length) };
  return { problems: [], message: s.refused + errorText(error) };
}

/** Every problem of the file, by its path in the file. */
function Problems(props: { lang: Lang; problems: Problem[] }): JSX.Element {
  const s = t[props.lang];
  return (
    <div class="flow-table-wrap">
      <table class="flow-table">
        <thead>
          <tr>
            <th scope="col">{s.path}</th>
            <th scope="col">{s.problem}</th>
          </tr>
        </thead>
        <tbody>
          {props.problems.map((pr) => (
            <tr>
              <td>
                <code>{pr.path}</code>
              </td>
              <td>{pr.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What applying would do: a new campaign or a replacement, lists and entries added, changed, removed. */
function PreviewBody(props: { lang: Lang; preview: Preview }): JSX.Element {
  const s = t[props.lang];
  const v = props.preview;
  const count = (c: Changes) => c.added.length + c.changed.length + c.removed.length;
  const warning = (w: { zh: string; en?: string } | string) => (typeof w === "string" ? w : props.lang === "en" ? (w.en ?? w.zh) : w.zh);
  const group = (title: string, c: Changes) => (
    <Show when={count(c) > 0}>
      <h4>{title}</h4>
      <dl class="flow-changes">
        {(
          [
            [s.added, c.added, "added"],
            [s.changed, c.changed, "changed"],
            [s.removed, c.removed, "removed"],
          ] as const
        )
          .filter(([, items]) => items.length > 0)
          .map(([label, items, kind]) => (
            <div data-kind={kind}>
              <dt>
                {label} {items.length}
              </dt>
              <dd>{items.join("、")}</dd>
            </div>
          ))}
      </dl>
    </Show>
  );
  return (
    <>
      <p class="flow-lead">{v.exists ? s.replacing(v.campaign) : s.created(v.campaign)}</p>
      <Show when={v.exists && count(v.changes.lists) + count(v.changes.entries) === 0}>
        <p class="adm-hint">{s.noChange}</p>
      </Show>
      {group(s.lists, v.changes.lists)}
      {group(s.entries, v.changes.entries)}
      <Show when={(v.warnings ?? []).length > 0}>
        <h4>{s.warnings}</h4>
        <ul class="flow-warnings">
          {(v.warnings ?? []).map((w) => (
            <li>{warning(w)}</li>
          ))}
        </ul>
      </Show>
    </>
  );
}

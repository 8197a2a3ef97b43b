/**
 * Spreadsheet uploads: a campaign's scores (评分表) and indicator figures (指标表), a list's entries
 * (参评对象表). Each says which columns its file needs, sends the CSV or XLSX as it is with its own
 * content type, and shows either the count imported or every refused row (nothing imported then).
 */
import { createSignal, Show, type JSX } from "solid-js";
import type { FeatureProps } from "./features";
import { errorBody, errorText } from "./flow-kit";
import { ActionResult, FilePick, RowErrors } from "./ui";
import "./flows.css";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const t = {
  zh: {
    scores: "评分表",
    scoresIntro: "各评审环节的成绩，每行一个对象在一个维度上的一个分数。",
    scoresColumns: [
      ["entry", "对象标识（slug）"],
      ["dimension", "维度标识"],
      ["component", "评审环节标识（不能是 vote）"],
      ["scorer", "评委编号（仅一位评委的环节可留空）"],
      ["score", "分数 0–100"],
    ],
    indicators: "指标表",
    indicatorsIntro: "考评指标的数值，每行一个对象一个指标一个年份。",
    indicatorsColumns: [
      ["entry（对象）", "对象标识"],
      ["indicator（指标）", "指标标识"],
      ["year（年份）", "年份，如 2024"],
      ["value（数值）", "数值，最多两位小数"],
      ["type、rank、item", "仅加权计数指标：类型、单位排序（1 为牵头单位）、条目名称"],
    ],
    entries: "参评对象表",
    entriesIntro: "本榜单的参评对象，按标识合并：同一标识的行替换原有内容，其余对象不变。",
    entriesColumns: [
      ["slug（标识）", "对象标识，小写字母、数字和连字符"],
      ["name（名称）", "中文名称"],
      [
        "name_en、kind、region、sector、summary、body、submitter、recommender",
        "可选：英文名称、类型、地区、行业、简介、正文、申报单位、推荐单位",
      ],
      ["分类列", "活动定义的分类（按标识或名称，如 省份、案例类型）"],
    ],
    columns: "所需列（首行为表头，UTF-8 CSV 或 XLSX）",
    column: "列",
    meaning: "说明",
    pick: "选择文件（CSV 或 XLSX）",
    chosen: (n: string, kb: string) => `已选择 ${n}（${kb} KB）`,
    upload: "上传并导入",
    uploading: "正在上传…",
    refused: (n: number) => `文件有 ${n} 处问题，未导入任何数据。请修改后重新上传。`,
    imported: (n: number) => `已导入 ${n} 行。`,
    entriesImported: (n: number, a: number, r: number) => `已导入 ${n} 个对象：新增 ${a} 个，更新 ${r} 个。`,
    failed: "未导入：",
  },
  en: {
    scores: "Scores file",
    scoresIntro: "Scores from each judging component: one row per entry, dimension and score.",
    scoresColumns: [
      ["entry", "Entry slug"],
      ["dimension", "Dimension key"],
      ["component", "Component key (not vote)"],
      ["scorer", "Scorer id (may be empty where one scorer judges)"],
      ["score", "Score 0–100"],
    ],
    indicators: "Indicator file",
    indicatorsIntro: "Indicator figures: one row per entry, indicator and year.",
    indicatorsColumns: [
      ["entry", "Entry slug"],
      ["indicator", "Indicator key"],
      ["year", "Year, e.g. 2024"],
      ["value", "Value, at most two decimals"],
      ["type, rank, item", "Weighted counts only: type, the unit's rank (1 = lead unit), item name"],
    ],
    entries: "Entries file",
    entriesIntro: "This list's entries, merged by slug: a row replaces the entry with its slug; other entries stay.",
    entriesColumns: [
      ["slug", "Entry slug: lower-case letters, digits and hyphens"],
      ["name", "Name in Chinese"],
      [
        "name_en, kind, region, sector, summary, body, submitter, recommender",
        "Optional: English name, kind, region, sector, summary, body, submitter, recommender",
      ],
      ["category columns", "The campaign's categories (by key or title)"],
    ],
    columns: "Columns needed (a header row; UTF-8 CSV or XLSX)",
    column: "Column",
    meaning: "Meaning",
    pick: "Choose a file (CSV or XLSX)",
    chosen: (n: string, kb: string) => `Chosen: ${n} (${kb} KB)`,
    upload: "Upload and import",
    uploading: "Uploading…",
    refused: (n: number) => `The file has ${n} problem(s); nothing was imported. Fix them and upload again.`,
    imported: (n: number) => `Imported ${n} rows.`,
    entriesImported: (n: number, a: number, r: number) => `Imported ${n} entries: ${a} added, ${r} updated.`,
    failed: "Not imported: ",
  },
};

type Kind = "scores" | "indicators" | "entries";
type RowProblem = { row: number; column?: string; message: string };

function Upload(p: FeatureProps & { kind: Kind }): JSX.Element {
  const s = t[p.c.lang];
  const [file, setFile] = createSignal<File>();
  const [busy, setBusy] = createSignal(false);
  const [result, setResult] = createSignal<{ ok: boolean; message: string }>();
  const [rows, setRows] = createSignal<RowProblem[]>([]);
  const campaign = () => p.campaign?.slug ?? "";
  const path = () =>
    p.kind === "entries"
      ? `/api/admin/campaigns/${campaign()}/lists/${p.list?.slug ?? ""}/entries`
      : `/api/admin/campaigns/${campaign()}/${p.kind}`;
  const columns = () => (p.kind === "scores" ? s.scoresColumns : p.kind === "indicators" ? s.indicatorsColumns : s.entriesColumns);
  const id = `flow-up-${p.kind}`;

  const send = async (event: SubmitEvent) => {
    event.preventDefault();
    const f = file();
    if (!f || busy()) return;
    setBusy(true);
    setResult(undefined);
    setRows([]);
    try {
      const xlsx = /\.xlsx$/i.test(f.name) || f.type === XLSX;
      const r = await p.c.json<{ imported: number; added?: number; replaced?: number }>(path(), {
        method: "POST",
        headers: { "content-type": xlsx ? XLSX : "text/csv; charset=utf-8" },
        body: f,
      });
      setResult({
        ok: true,
        message: p.kind === "entries" ? s.entriesImported(r.imported, r.added ?? 0, r.replaced ?? 0) : s.imported(r.imported),
      });
      p.changed();
    } catch (error) {
      const refused = errorBody(error)?.rows;
      if (Array.isArray(refused) && refused.length > 0) {
        setRows(refused as RowProblem[]);
        setResult({ ok: false, message: s.refused(refused.length) });
      } else setResult({ ok: false, message: s.failed + errorText(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="adm-card flow" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{s[p.kind]}</h2>
      <p class="adm-hint">{p.kind === "scores" ? s.scoresIntro : p.kind === "indicators" ? s.indicatorsIntro : s.entriesIntro}</p>
      <Columns title={s.columns} columns={columns()} />
      <form class="flow-form" onSubmit={send}>
        <FilePick
          label={s.pick}
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onFile={(f) => {
            setFile(f);
            setResult(undefined);
            setRows([]);
          }}
          hint={file() ? s.chosen(file()!.name, (file()!.size / 1024).toFixed(1)) : undefined}
        />
        <button type="submit" class="adm-btn adm-primary" disabled={!file() || busy()}>
          {busy() ? s.uploading : s.upload}
        </button>
        <ActionResult result={result()} />
      </form>
      <Show when={rows().length > 0}>
        <RowErrors c={p.c} rows={rows()} />
      </Show>
    </section>
  );
}

/** The columns a file needs, open at first: the reader prepares the file from it. */
function Columns(props: { title: string; columns: string[][] }): JSX.Element {
  return (
    <details class="flow-columns" open>
      <summary>{props.title}</summary>
      <dl>
        {props.columns.map(([column, meaning]) => (
          <div>
            <dt>
              <code>{column}</code>
            </dt>
            <dd>{meaning}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

export const Scores = (p: FeatureProps) => <Upload c={p.c} campaign={p.campaign} list={p.list} changed={p.changed} kind="scores" />;
export const Indicators = (p: FeatureProps) => <Upload c={p.c} campaign={p.campaign} list={p.list} changed={p.changed} kind="indicators" />;
export const Entries = (p: FeatureProps) => <Upload c={p.c} campaign={p.campaign} list={p.list} changed={p.changed} kind="entries" />;
export default Scores;

/**
 * The rows of an organizer's scores file, checked against the campaign: every bad row and column is
 * reported (in Chinese, for the organizer), and a file with any bad row is refused whole.
 *
 * Columns: entry, dimension, component, scorer, score. `entry` is the entry's slug, or
 * `list/slug` (required when the slug is used in more than one of the campaign's lists).
 * `dimension` is one of the list's scoring dimensions or, for a list with an indicator sheet, the key
 * of one of its judged indicators (综合评分): such a score is the indicator's value, never a part of
 * the composite total (prepareCells in ./scoring.ts keeps only the scoring dimensions).
 */
import { VOTE_COMPONENT, type ScoreCell } from "./scoring.ts";
import { cellOf, entryFinder, mapHeader, NUMBER, type RawRow, type RowProblem } from "./sheet-rows.ts";

export const SCORE_COLUMNS = ["entry", "dimension", "component", "scorer", "score", "round"] as const;
export type ScoreColumn = (typeof SCORE_COLUMNS)[number];

/** Header names an organizer's spreadsheet may use for each column (Chinese ones too). */
const COLUMN_ALIASES: Record<ScoreColumn, string[]> = {
  entry: ["entry", "对象", "参评对象"],
  dimension: ["dimension", "维度", "评价维度"],
  component: ["component", "组成部分", "评分项"],
  scorer: ["scorer", "评分人", "评委"],
  score: ["score", "分数", "得分"],
  round: ["round", "轮次"],
};

export type RawScoreRow = RawRow;

/** A checked score and its round as stored: "" for the final round. */
export interface RoundScoreCell extends ScoreCell {
  round: string;
}
export type { RowProblem };

export interface ScoringCampaignShape {
  components: { key: string }[];
  /** the declared rounds' keys and where each is stored ("" for the final); none: one round, the final */
  rounds?: { key: string; stored: string }[];
  lists: {
    slug: string;
    dimensions: { key: string }[];
    /** the keys of the list's judged indicators, scored like a dimension */
    judged?: { key: string }[];
    entries: { id: number; slug: string }[];
  }[];
}

/** Maps the header to column positions; problems name the missing columns. */
export function scoreHeader(header: readonly string[]) {
  // scorer may be left out entirely when every component has a single scorer; round when every row is the final round's
  return mapHeader<ScoreColumn>(header, COLUMN_ALIASES, ["scorer", "round"]);
}

/**
 * Checks every row. Either all rows are good and become score cells, or the problems list every
 * bad row and column.
 */
export function checkScoreRows(
  campaign: ScoringCampaignShape,
  index: Record<ScoreColumn, number | undefined>,
  rows: readonly RawScoreRow[],
): { ok: true; cells: RoundScoreCell[] } | { ok: false; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const cells: RoundScoreCell[] = [];
  const components = new Set(campaign.components.map((c) => c.key));
  const findEntry = entryFinder(campaign.lists);
  const firstRowOf = new Map<string, number>();
  const get = (raw: RawScoreRow, column: ScoreColumn) => cellOf(index, raw, column);

  for (const raw of rows) {
    const before = problems.length;
    const problem = (column: ScoreColumn, message: string) => problems.push({ row: raw.row, column, message });

    const entryText = get(raw, "entry");
    let target: { list: ScoringCampaignShape["lists"][number]; id: number } | undefined;
    if (!entryText) problem("entry", "缺少对象标识（entry）");
    else {
      const found = findEntry(entryText);
      if (found.ok) target = found;
      else problem("entry", found.message);
    }

    const dimension = get(raw, "dimension");
    if (!dimension) problem("dimension", "缺少维度（dimension）");
    else if (target && !target.list.dimensions.some((d) => d.key === dimension) && !target.list.judged?.some((j) => j.key === dimension)) {
      const judged = target.list.judged?.length ? `；专家综合评分的指标：${target.list.judged.map((j) => j.key).join("、")}` : "";
      problem(
        "dimension",
        `榜单 ${target.list.slug} 没有维度 ${dimension}（可用：${target.list.dimensions.map((d) => d.key).join("、") || "无"}${judged}）`,
      );
    }

    const component = get(raw, "component");
    if (!component) problem("component", "缺少组成部分（component）");
    else if (component === VOTE_COMPONENT) problem("component", "网络投票（vote）由系统按有效票数计算，不能导入");
    else if (!components.has(component)) {
      const allowed = [...components].filter((k) => k !== VOTE_COMPONENT);
      problem("component", `没有组成部分 ${component}（可用：${allowed.join("、") || "无"}）`);
    }

    const scorer = get(raw, "scorer");
    if (scorer.length > 100) problem("scorer", "评分人标识过长（最多 100 个字符）");

    const scoreText = get(raw, "score");
    let score = NaN;
    if (!scoreText) problem("score", "缺少分数（score）");
    else if (!NUMBER.test(scoreText)) problem("score", `分数须为数字，收到 ${scoreText.slice(0, 40)}`);
    else {
      score = Number(scoreText);
      if (!(score >= 0 && score <= 100)) problem("score", `分数须在 0–100 之间，收到 ${scoreText}`);
    }

    const roundText = get(raw, "round");
    let round = "";
    if (roundText) {
      const found = (campaign.rounds ?? []).find((r) => r.key === roundText);
      if (found) round = found.stored;
      else
        problem(
          "round",
          campaign.rounds?.length
            ? `没有评审轮次 ${roundText.slice(0, 40)}（可用：${campaign.rounds.map((r) => r.key).join("、")}）`
            : `该活动没有声明评审轮次（rounds），round 列须留空，收到 ${roundText.slice(0, 40)}`,
        );
    }

    if (problems.length > before || !target) continue;
    const cellKey = `${target.id}\u0000${dimension}\u0000${component}\u0000${scorer}\u0000${round}`;
    const first = firstRowOf.get(cellKey);
    if (first !== undefined) {
      problem("scorer", `与第 ${first} 行重复：同一对象、维度、组成部分的评分人${scorer ? ` ${scorer}` : "（空）"}只能出现一次`);
      continue;
    }
    firstRowOf.set(cellKey, raw.row);
    cells.push({ entryId: target.id, dimension, component, scorer, score, round });
  }
  if (problems.length === 0 && cells.length === 0) problems.push({ row: 1, column: "entry", message: "文件中没有成绩行" });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, cells };
}

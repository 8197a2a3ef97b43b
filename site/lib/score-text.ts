/** Page text for scores (zh-CN first, English mirror): the breakdown, its formulas, the list's sort. */
import { pick, type Lang } from "../../common/i18n";
import type { SnapshotCampaign, SnapshotScoring } from "../../common/snapshot";

/** Two decimals, as ranked (the same rounding as api/domain/scoring.ts round2). */
export function twoDecimals(x: number): string {
  return (Math.round(Number((x * 100).toPrecision(12))) / 100).toFixed(2);
}

function percent(weight: number): string {
  return `${Number((weight * 100).toFixed(2))}%`;
}

export const scoreUi = {
  zh: {
    breakdown: "得分明细",
    total: "总分",
    totalShort: (t: string) => `总分 ${t}`,
    dimension: "维度",
    dimensionScore: "维度得分",
    average: "各维度加权平均",
    caption: "各维度得分（按组成部分）",
    formulaDimension: (parts: string[]) => `维度得分 = ${parts.join(" + ")}`,
    formulaTotalEqual: "总分 = 各维度得分的平均值",
    formulaTotalWeighted: (parts: string[]) => `总分 = (${parts.join(" + ")}) ÷ 权重之和`,
    voteMax: (vote: string) => `${vote}得分 = 100 × 本对象有效票数 ÷ 本榜单最高有效票数（无人得票时为 0）`,
    voteRank: (vote: string) => `${vote}得分 = 100 × (对象数 − 名次 + 1) ÷ 对象数，名次按有效票数（无票为 0）`,
    trimmed: (component: string) => `${component}：评分人不少于 5 位时，去掉一个最高分和一个最低分后取平均（表中标 * 的单元格）。`,
    rounding: "得分按完整精度计算，显示保留两位小数；排名依据保留两位小数后的总分，同分并列。",
    missingTitle: "评分未完成",
    colon: "：",
    missing: "以下成绩尚未录入，因此暂不计算总分、不参与按总分排名，排在已评分对象之后：",
    missingCell: (dimension: string, component: string) => `${dimension} · ${component}`,
    missingShort: "评分未完成",
    sort: "排序",
    sortTotal: "按总分",
    sortVotes: "按得票",
    sortName: "按名称拼音",
    scoresHidden: "得分将在投票截止后公布。",
  },
  en: {
    breakdown: "Score breakdown",
    total: "Total",
    totalShort: (t: string) => `Total ${t}`,
    dimension: "Dimension",
    dimensionScore: "Dimension score",
    average: "Weighted mean of dimensions",
    caption: "Score per dimension, by component",
    formulaDimension: (parts: string[]) => `Dimension score = ${parts.join(" + ")}`,
    formulaTotalEqual: "Total = mean of the dimension scores",
    formulaTotalWeighted: (parts: string[]) => `Total = (${parts.join(" + ")}) ÷ sum of weights`,
    voteMax: (vote: string) =>
      `${vote} score = 100 × this entry's valid votes ÷ the most valid votes in the list (0 when nobody has votes)`,
    voteRank: (vote: string) => `${vote} score = 100 × (entries − rank + 1) ÷ entries, ranked by valid votes (0 without votes)`,
    trimmed: (component: string) =>
      `${component}: with five or more scorers, the highest and the lowest score are dropped before averaging (cells marked *).`,
    rounding:
      "Scores are computed at full precision and shown with two decimals; ranks use the total rounded to two decimals, ties sharing a rank.",
    missingTitle: "Scoring incomplete",
    colon: ": ",
    missing: "These scores have not been entered yet, so there is no total and the entry follows every scored entry:",
    missingCell: (dimension: string, component: string) => `${dimension} · ${component}`,
    missingShort: "Scoring incomplete",
    sort: "Sort",
    sortTotal: "By total",
    sortVotes: "By votes",
    sortName: "By name (pinyin)",
    scoresHidden: "Scores are published once voting closes.",
  },
};

/** The formulas in words, with this campaign's components, weights and the list's dimensions. */
export function scoreFormulas(campaign: SnapshotCampaign, scoring: SnapshotScoring, lang: Lang): string[] {
  const u = scoreUi[lang];
  const parts = campaign.components.map((c) => `${pick(c.title, lang).text}×${percent(c.weight)}`);
  const lines = [u.formulaDimension(parts)];
  const equal = scoring.dimensions.every((d) => d.weight === scoring.dimensions[0]!.weight);
  lines.push(
    equal ? u.formulaTotalEqual : u.formulaTotalWeighted(scoring.dimensions.map((d) => `${pick(d.title, lang).text}×${d.weight}`)),
  );
  const vote = campaign.components.find((c) => c.key === "vote");
  if (vote) lines.push(vote.normalize === "rank" ? u.voteRank(pick(vote.title, lang).text) : u.voteMax(pick(vote.title, lang).text));
  return lines;
}

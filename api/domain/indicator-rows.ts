/**
 * The rows of an indicator figures file, checked against the campaign's indicator sheets. Every bad
 * row and column is reported; a file with any bad row is refused whole.
 *
 * Columns: entry, indicator, year, value, and for weighted counts type, rank (the applicant's place
 * among the units, 1 = lead unit) and item (what makes the same enterprise, platform or patent count
 * once). One row is one figure: `county-a,gdp,2024,512.30`, or `park-a,quality_enterprises,2024,3,little_giant`.
 */
import type { IndicatorSheetDefinition } from "./campaign.ts";
import type { IndicatorFact } from "./indicators.ts";
import { cellOf, entryFinder, mapHeader, NUMBER, type HeaderIndex, type RawRow, type RowProblem } from "./sheet-rows.ts";

export const INDICATOR_COLUMNS = ["entry", "indicator", "year", "value", "type", "rank", "item"] as const;
export type IndicatorColumn = (typeof INDICATOR_COLUMNS)[number];

const COLUMN_ALIASES: Record<IndicatorColumn, string[]> = {
  entry: ["entry", "对象", "参评对象", "申报对象", "县域"],
  indicator: ["indicator", "指标"],
  year: ["year", "年份", "年度"],
  value: ["value", "数值", "数据"],
  type: ["type", "类型", "权重类型"],
  rank: ["rank", "单位排序", "排序"],
  item: ["item", "条目", "名称"],
};

export function indicatorHeader(header: readonly string[]) {
  return mapHeader<IndicatorColumn>(header, COLUMN_ALIASES, ["type", "rank", "item"]);
}

export interface IndicatorCampaignShape {
  lists: { slug: string; sheet?: IndicatorSheetDefinition; entries: { id: number; slug: string }[] }[];
}

export interface CheckedFact extends IndicatorFact {
  entryId: number;
  listSlug: string;
}

/** More than two decimals: the notice asks for figures kept to two (数字保留小数点后两位). */
function decimals(text: string): number {
  const dot = text.indexOf(".");
  return dot < 0 ? 0 : text.length - dot - 1;
}

type Problem = (column: IndicatorColumn, message: string) => void;

type IndicatorDefinition = NonNullable<IndicatorCampaignShape["lists"][number]["sheet"]>["items"][number];

/** A weighted count's type, unit rank and item; other indicators leave them empty. Returns the rank. */
function checkWeighting(
  def: IndicatorDefinition | undefined,
  cells: { typeText: string; rankText: string; item: string },
  problem: Problem,
): number {
  const { typeText, rankText, item } = cells;
  let rank = 1;
  if (def?.weighted) {
    if (!typeText)
      problem(
        "type",
        `${def.title.zh} 按类型加权，须填写类型（type）：${def.weighted.types.map((t) => `${t.key}（${t.title.zh}，ω=${t.weight}）`).join("、")}`,
      );
    else if (!def.weighted.types.some((t) => t.key === typeText))
      problem("type", `${def.title.zh} 没有类型 ${typeText}（可用：${def.weighted.types.map((t) => t.key).join("、")}）`);
    if (rankText) {
      if (!/^[1-9]\d{0,2}$/.test(rankText)) problem("rank", `单位排序须为正整数（1 = 牵头单位），收到 ${rankText.slice(0, 20)}`);
      else if (!def.weighted.byRank && rankText !== "1") problem("rank", `${def.title.zh} 不按单位排序折算权重，单位排序只能为空或 1`);
      else rank = Number(rankText);
    }
  } else if (def) {
    if (typeText) problem("type", `${def.title.zh} 不是加权计数指标，类型（type）须留空`);
    if (rankText) problem("rank", `${def.title.zh} 不是加权计数指标，单位排序（rank）须留空`);
    if (item) problem("item", `${def.title.zh} 不是加权计数指标，条目（item）须留空`);
  }
  return rank;
}

/** The figure: a count for weighted indicators, otherwise a number with at most two decimals. */
function checkValue(def: IndicatorDefinition | undefined, text: string, item: string, problem: Problem): number {
  let valueText = text;
  // an itemised row is one enterprise, platform or patent: its count may be left empty
  if (!valueText && def?.weighted && item) valueText = "1";
  let value = NaN;
  if (!valueText) problem("value", "缺少数值（value）");
  else if (!NUMBER.test(valueText)) problem("value", `数值须为数字（不带单位和千位分隔符），收到 ${valueText.slice(0, 40)}`);
  else if (def?.weighted) {
    if (!/^\d+$/.test(valueText)) problem("value", `${def.title.zh} 的数值是个数，须为非负整数，收到 ${valueText}`);
    else if (item && valueText !== "1") problem("value", `填写了条目（item）的行代表 1 个对象，数值须为 1 或留空，收到 ${valueText}`);
    else value = Number(valueText);
  } else if (decimals(valueText) > 2) problem("value", `数字保留小数点后两位，收到 ${valueText}`);
  else value = Number(valueText);
  return value;
}

export function checkIndicatorRows(
  campaign: IndicatorCampaignShape,
  index: HeaderIndex<IndicatorColumn>,
  rows: readonly RawRow[],
): { ok: true; facts: CheckedFact[] } | { ok: false; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const facts: CheckedFact[] = [];
  const findEntry = entryFinder(campaign.lists);
  const firstRowOf = new Map<string, number>();

  for (const raw of rows) {
    const before = problems.length;
    const problem = (column: IndicatorColumn, message: string) => problems.push({ row: raw.row, column, message });
    const get = (column: IndicatorColumn) => cellOf(index, raw, column);

    const entryText = get("entry");
    let target: { list: IndicatorCampaignShape["lists"][number]; id: number } | undefined;
    if (!entryText) problem("entry", "缺少对象标识（entry）");
    else {
      const found = findEntry(entryText);
      if (!found.ok) problem("entry", found.message);
      else if (!found.list.sheet) problem("entry", `榜单 ${found.list.slug} 没有指标表（活动文件中该榜单未定义 indicators）`);
      else target = found;
    }
    const sheet = target?.list.sheet;

    const key = get("indicator");
    const def = sheet?.items.find((i) => i.key === key);
    if (!key) problem("indicator", "缺少指标（indicator）");
    else if (sheet && !def) problem("indicator", `榜单 ${target!.list.slug} 没有指标 ${key}（可导入：${importable(sheet).join("、")}）`);
    else if (def?.formula) problem("indicator", `${def.title.zh}（${key}）由公式 ${def.formula} 计算，不能导入；请导入它用到的指标`);
    else if (def?.judged)
      problem("indicator", `${def.title.zh}（${key}）为专家综合评分，请用成绩导入（scores import），维度（dimension）写 ${key}`);

    const yearText = get("year");
    let year = NaN;
    if (!yearText) problem("year", "缺少年份（year）");
    else if (!/^\d{4}$/.test(yearText)) problem("year", `年份须为四位数字，如 2024，收到 ${yearText.slice(0, 20)}`);
    else {
      year = Number(yearText);
      const years = sheet ? [...new Set(sheet.periods.flatMap((p) => p.years))].sort() : [];
      if (sheet && !years.includes(year)) problem("year", `指标表没有 ${year} 年（可用：${years.join("、")}）`);
    }

    const typeText = get("type");
    const rankText = get("rank");
    const item = get("item");
    const rank = checkWeighting(def, { typeText, rankText, item }, problem);
    if (item.length > 200) problem("item", "条目标识过长（最多 200 个字符）");

    const value = checkValue(def, get("value"), item, problem);

    if (problems.length > before || !target || !def) continue;
    const factKey = `${target.id}\u0000${key}\u0000${year}\u0000${typeText}\u0000${rank}\u0000${item}`;
    const first = firstRowOf.get(factKey);
    if (first !== undefined) {
      problem("value", `与第 ${first} 行重复：同一对象、指标、年份${def.weighted ? "、类型、单位排序和条目" : ""}只能有一个数值`);
      continue;
    }
    firstRowOf.set(factKey, raw.row);
    facts.push({ entryId: target.id, listSlug: target.list.slug, indicator: key, year, type: typeText, rank, item, value });
  }
  if (problems.length === 0 && facts.length === 0) problems.push({ row: 1, column: "entry", message: "文件中没有指标数据行" });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, facts };
}

/** The keys an organizer imports: neither computed nor judged. */
function importable(sheet: IndicatorSheetDefinition): string[] {
  return sheet.items.filter((i) => !i.formula && !i.judged).map((i) => i.key);
}

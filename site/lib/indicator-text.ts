/**
 * How indicator figures read on the pages (S1's county table and entry pages): rounding, grouping,
 * the sign of a change, percentage points, and which indicators carry a numbered note.
 */
import { pick, ui, type Lang } from "../../common/i18n";
import type { SnapshotIndicators } from "../../common/snapshot";

export type SheetItem = SnapshotIndicators["items"][number];

const MINUS = "\u2212";

/**
 * `x` rounded to `decimals`, half away from zero, after 12 significant digits so that binary
 * fractions round as written (0.125 → 0.13, and 1.005 × 100 → 100.5 → 1.01 at two decimals).
 */
export function roundTo(x: number, decimals: number): number {
  const f = 10 ** decimals;
  const scaled = Number((Math.abs(x) * f).toPrecision(12));
  return (Math.sign(x) * Math.round(scaled)) / f;
}

function grouped(x: number, decimals: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === "en" ? "en" : "zh-CN", { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(
    x,
  );
}

/** A figure as shown: its decimals, digit grouping; a `percent` ratio ×100 with %; null → "—". */
export function formatFigure(x: number | null | undefined, item: Pick<SheetItem, "decimals" | "format">, lang: Lang): string {
  if (x === null || x === undefined) return "—";
  if (item.format === "percent") return `${grouped(roundTo(x * 100, item.decimals), item.decimals, lang)}%`;
  return grouped(roundTo(x, item.decimals), item.decimals, lang);
}

function signed(x: number, decimals: number, lang: Lang): string {
  const r = roundTo(x, decimals);
  if (r === 0) return grouped(0, decimals, lang);
  return `${r > 0 ? "+" : MINUS}${grouped(Math.abs(r), decimals, lang)}`;
}

/** Whether the indicator is a share in percent, whose difference is read in percentage points. */
function isShare(item: Pick<SheetItem, "format" | "unit">): boolean {
  return item.format === "percent" || item.unit === "%";
}

/**
 * A change from one period to the next: relative as a signed percentage with two decimals
 * (+5.03%), a difference of shares in percentage points (+1.20个百分点), another difference as a
 * signed figure with the unit; null → "—".
 */
export function formatChange(
  c: number | null | undefined,
  item: Pick<SheetItem, "change" | "decimals" | "format" | "unit">,
  lang: Lang,
): string {
  if (c === null || c === undefined) return "—";
  if (item.change === "relative") return `${signed(c * 100, 2, lang)}%`;
  if (isShare(item)) return ui[lang].sheet.points(signed(item.format === "percent" ? c * 100 : c, item.decimals, lang));
  return `${signed(c, item.decimals, lang)}${item.unit ? ` ${item.unit}` : ""}`;
}

/** The periods a table shows: the latest, and the one before it when the sheet shows changes. */
export function tablePeriods(sheet: SnapshotIndicators): {
  latest: SnapshotIndicators["periods"][number];
  previous?: SnapshotIndicators["periods"][number];
} {
  const latest = sheet.periods[sheet.periods.length - 1]!;
  const previous = sheet.change && sheet.periods.length > 1 ? sheet.periods[sheet.periods.length - 2] : undefined;
  return { latest, ...(previous ? { previous } : {}) };
}

/** Note numbers, in table order, for indicators with a note or a formula. */
export function noteNumbers(items: readonly SheetItem[]): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const item of items) if (item.note || item.formulaText) numbers.set(item.key, numbers.size + 1);
  return numbers;
}

/** What a derived indicator is computed from, in words: "本站计算：A ÷ (B × C)，其中 A以公里计、…". */
export function formulaLine(item: SheetItem, lang: Lang): string | undefined {
  if (!item.formulaText) return undefined;
  const u = ui[lang].sheet;
  const units = (item.inputs ?? []).filter((i) => i.unit).map((i) => u.inputUnit(pick(i.title, lang).text, unitText(i.unit!, lang).text));
  const formula = pick(item.formulaText, lang).text;
  if (units.length === 0) return `${u.computedAs}${formula}`;
  return lang === "en"
    ? `${u.computedAs}${formula}, with ${units.join(u.inputsJoin)}.`
    : `${u.computedAs}${formula}，其中${units.join(u.inputsJoin)}。`;
}

/** Units as printed are Chinese; the English pages say them in English where we know the unit. */
const englishUnits: Record<string, string> = {
  亿元: "100 million yuan",
  万元: "10,000 yuan",
  元: "yuan",
  万人: "10,000 people",
  人: "people",
  件: "items",
  个: "count",
  条: "items",
  家: "firms",
  项: "items",
  公里: "km",
  平方公里: "km²",
  万吨: "10,000 t",
  吨: "t",
  "吨/万元": "t per 10,000 yuan",
  "公里/(万人·平方公里)": "km per 10,000 people per km²",
};

/** A unit in the page's language, and the `lang` attribute it needs when it stays Chinese. */
export function unitText(unit: string, lang: Lang): { text: string; lang?: string } {
  if (lang === "zh" || !/[\u3400-\u9fff]/.test(unit)) return { text: unit };
  const en = englishUnits[unit];
  return en ? { text: en } : { text: unit, lang: "zh-CN" };
}

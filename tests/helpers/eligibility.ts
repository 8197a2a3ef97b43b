/**
 * The eligibility report's distinctive texts — formatted figures ("135.50 亿元", "25.15%") and raw
 * decimals long enough not to occur by chance — which must never reach a public page or feed.
 */
export function reportFigures(report: {
  lists: { entries: { periods: Record<string, { cells: { value: number | null; text: string }[] }> }[] }[];
}): Set<string> {
  const figures = new Set<string>();
  for (const list of report.lists) {
    for (const e of list.entries) {
      for (const period of Object.values(e.periods)) {
        for (const cell of period.cells) {
          if (cell.value === null) continue;
          figures.add(cell.text);
          if (!Number.isInteger(cell.value) && String(cell.value).length >= 5) figures.add(String(cell.value));
        }
      }
    }
  }
  return figures;
}

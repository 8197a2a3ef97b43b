import { parse } from "csv-parse/sync";
import { readCell } from "../../api/domain/export-format.ts";

/** An export's CSV text as objects keyed by its header (BOM removed), cells read as Excel shows them. */
export function csvRows(text: string): Record<string, string>[] {
  const [header, ...body] = parse(text, { bom: true, relax_column_count: true }).filter((x) => x.length > 1);
  return body.map((cells) => Object.fromEntries(header!.map((h, i) => [h, readCell(cells[i] ?? "")])));
}

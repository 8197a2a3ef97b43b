import { CsvReader, readCell } from "../../api/domain/export-format.ts";

/** An export's CSV text as objects keyed by its header (BOM removed), cells read as Excel shows them. */
export function csvRows(text: string): Record<string, string>[] {
  const out: string[][] = [];
  const r = new CsvReader();
  r.feed(text, (x) => out.push(x.map(readCell)));
  r.end((x) => out.push(x.map(readCell)));
  const [header, ...body] = out.filter((x) => x.length > 1);
  return body.map((cells) => Object.fromEntries(header!.map((h, i) => [h.replace(/^\uFEFF/, ""), cells[i] ?? ""])));
}

/**
 * Reads an organizer's scores file (CSV in UTF-8 with or without BOM, CRLF or LF; or XLSX, first
 * worksheet) into a header and raw rows numbered as the organizer sees them (the header is row 1).
 * Checking the rows against the campaign is the domain's job (api/domain/score-rows.ts).
 */
import { parse as parseCsv, CsvError } from "csv-parse/sync";
import type ExcelJS from "exceljs";
import type { RawScoreRow, RowProblem } from "../domain/score-rows.ts";
import { AppError } from "../errors.ts";

export type ScoreFileFormat = "csv" | "xlsx";

export type ReadScoreFile = { ok: true; header: string[]; rows: RawScoreRow[] } | { ok: false; problems: RowProblem[] };

/** XLSX files are ZIP archives: they start with "PK\x03\x04". */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

export async function readScoreFile(bytes: Uint8Array, format: ScoreFileFormat): Promise<ReadScoreFile> {
  return format === "xlsx" ? readXlsx(bytes) : readCsv(bytes);
}

function readCsv(bytes: Uint8Array): ReadScoreFile {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return {
      ok: false,
      problems: [
        { row: 1, column: "entry", message: "文件不是 UTF-8 编码的 CSV；请在 Excel 中另存为“CSV UTF-8（逗号分隔）”或直接上传 XLSX" },
      ],
    };
  }
  let records: { record: string[]; info: { records: number; empty_lines: number } }[];
  try {
    records = parseCsv(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as typeof records;
  } catch (error) {
    const line = error instanceof CsvError ? Number((error as CsvError & { lines?: number }).lines ?? 1) : 1;
    return { ok: false, problems: [{ row: line, column: "entry", message: `CSV 格式有误（第 ${line} 行附近）：多半是引号未闭合` }] };
  }
  const rows = records.filter((r) => r.record.some((c) => c.trim() !== ""));
  if (rows.length === 0) return { ok: false, problems: [{ row: 1, column: "entry", message: "文件是空的" }] };
  const [head, ...body] = rows;
  // The row Excel shows: the records and blank lines up to this one. Not the text line where the
  // record ends (info.lines), which runs ahead of Excel once a quoted cell holds line breaks (a
  // case text with paragraphs); without such cells the two are the same.
  return { ok: true, header: head!.record, rows: body.map((r) => ({ row: r.info.records + r.info.empty_lines, cells: r.record })) };
}

async function readXlsx(bytes: Uint8Array): Promise<ReadScoreFile> {
  // exceljs takes a third of a second to load: only when a workbook actually arrives, so neither
  // the server's start nor every CLI command pays for it.
  const { default: Excel } = await import("exceljs");
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    return { ok: false, problems: [{ row: 1, column: "entry", message: "无法读取 XLSX 文件：文件已损坏或不是 Excel 工作簿" }] };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, problems: [{ row: 1, column: "entry", message: "工作簿中没有工作表" }] };
  const rows: RawScoreRow[] = [];
  let header: string[] | undefined;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let col = 1; col <= Math.max(row.cellCount, 5); col++) cells.push(cellText(row.getCell(col)));
    if (cells.every((c) => c.trim() === "")) return;
    if (!header) header = cells;
    else rows.push({ row: rowNumber, cells });
  });
  if (!header) return { ok: false, problems: [{ row: 1, column: "entry", message: "工作表是空的" }] };
  return { ok: true, header, rows };
}

/** A cell as text: numbers exactly, formulas by their cached result, rich text joined. */
function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return String(v);
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "object") {
    if ("result" in v && v.result !== undefined && v.result !== null && typeof v.result !== "object") return String(v.result);
    if ("richText" in v) return v.richText.map((t) => t.text).join("");
    if ("text" in v && typeof v.text === "string") return v.text;
  }
  return cell.text ?? "";
}

/**
 * The 422 for a refused spreadsheet: how many problems, the first one named, every row in the body.
 * `file` and `what` name the file and its rows ("成绩文件", "成绩").
 */
export function refusedFile(file: { zh: string; en: string }, what: { zh: string }, problems: readonly RowProblem[]): AppError {
  const rows = [...problems].sort((a, b) => a.row - b.row);
  const first = rows[0]!;
  // row 0: not a row of the file (an entry already in the list that a case import checks with it)
  const where =
    first.row > 0
      ? { zh: `第 ${first.row} 行 ${first.column} 列`, en: `row ${first.row}, column ${first.column}` }
      : { zh: `${first.column} 列`, en: `column ${first.column}` };
  return new AppError(
    "unprocessable",
    {
      zh: `${file.zh}有 ${rows.length} 处错误，未导入任何${what.zh}；首个在${where.zh}：${first.message}`,
      en: `The ${file.en} has ${rows.length} problem(s); nothing was imported. First at ${where.en}: ${first.message}`,
    },
    { body: { rows } },
  );
}

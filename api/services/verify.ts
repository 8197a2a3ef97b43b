/**
 * `verify <votes export>`: reads a votes export (CSV or XLSX) as a stream and recomputes the vote chain, the
 * void chain and the tallies from its rows. With the export's manifest beside it
 * (`<file>.manifest.json`, written by `export`), also checks the file's sha256, the row count and
 * the head hash, which catch a file whose chain was recomputed after an edit.
 */
import { createHash } from "node:crypto";
import { createReadStream, existsSync, readFileSync } from "node:fs";
import { pipeline } from "node:stream/promises";
import { CsvError, parse } from "csv-parse";
import { VOTE_EXPORT_COLUMNS, VotesExportVerifier, type VerifyResult } from "../domain/export-format.ts";

export type VerifyOutcome = VerifyResult & { manifest?: string; sha256: string };

async function fileSha256(path: string): Promise<string> {
  const sha = createHash("sha256");
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) sha.update(chunk);
  return sha.digest("hex");
}

/** The file's text; bytes that are not UTF-8 stop the check (csv-parse would read them as U+FFFD). */
async function* utf8Text(path: string): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) yield decoder.decode(chunk, { stream: true });
  yield decoder.decode();
}

/**
 * A CSV votes export's records, read as a stream. csv-parse hands each record to the verifier as it
 * reads it (`on_record`) and keeps none, so memory stays bounded whatever the file's size. Rows are
 * records, as a spreadsheet counts them: a line break inside a quoted cell does not start a row.
 */
async function readCsv(path: string, verifier: VotesExportVerifier): Promise<void> {
  const parser = parse({
    bom: true,
    // a row with too few or too many cells is the verifier's to name, with its row number
    relax_column_count: true,
    // a legitimate record is a few kilobytes; a quote left open must not pull the rest of the file into one cell
    max_record_size: 1 << 20,
    on_record: (cells: string[]) => {
      verifier.record(cells);
      return null;
    },
  });
  try {
    await pipeline(utf8Text(path), parser);
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    verifier.unreadable(`无法按 CSV 读出这一行（${error.code}：引号未闭合或单元格过长）`);
  }
}

/** The first sheet's rows of an XLSX votes export, read as a stream, as text cells. */
async function readXlsx(path: string, verifier: VotesExportVerifier): Promise<void> {
  const { default: ExcelJS } = await import("exceljs");
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: "emit",
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "ignore",
    entries: "ignore",
  });
  // exceljs reads a sheet as it comes once it has the workbook's relationships and shared strings,
  // and then looks its name up in the workbook model, which it only has once xl/workbook.xml came:
  // a file that stores workbook.xml last (as exceljs's own writer does) crashed it with a TypeError
  // whenever the shared strings came before the sheet (exceljs/exceljs#962). An empty model until
  // then: the sheet is read all the same, and names are not needed here.
  const early = reader as unknown as { model?: object };
  early.model ??= {};
  for await (const sheet of reader) {
    for await (const row of sheet) {
      verifier.record(VOTE_EXPORT_COLUMNS.map((_, i) => cellText(row.getCell(i + 1).value)));
      if (verifier.failed) return;
    }
    return; // the manifest sheet follows; it is not part of the ledger
  }
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object" && value && "richText" in value)
    return (value as { richText: { text: string }[] }).richText.map((r) => r.text).join("");
  return String(value);
}

export async function verifyVotesFile(path: string, manifestPath = `${path}.manifest.json`): Promise<VerifyOutcome> {
  const xlsx = path.toLowerCase().endsWith(".xlsx");
  const verifier = new VotesExportVerifier(!xlsx);
  if (xlsx) await readXlsx(path, verifier);
  else await readCsv(path, verifier);
  const sha256 = await fileSha256(path);
  const result = verifier.result();
  if (!result.ok || !existsSync(manifestPath)) return { ...result, sha256 };

  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as {
    sha256?: string;
    rows?: number;
    ledger?: { headHash?: string; voidHeadHash?: string };
  };
  const mismatch = (reason: string): VerifyOutcome => ({ ok: false, row: 0, reason, manifest: manifestPath, sha256 });
  if (manifest.rows !== result.rows)
    return mismatch(`行数 ${result.rows} 与清单的 ${String(manifest.rows)} 不符（文件末尾有行被删去或追加）`);
  if (manifest.ledger?.headHash !== result.head) return mismatch("末行哈希与清单记录的账本头哈希不符（哈希链被整体重算过）");
  if (manifest.ledger?.voidHeadHash !== result.voidHead) return mismatch("作废链的头哈希与清单不符");
  if (manifest.sha256 !== sha256) return mismatch("文件的 sha256 与清单不符");
  return { ...result, manifest: manifestPath, sha256 };
}

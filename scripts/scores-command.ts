/**
 * The CLI's spreadsheet imports, the same services as the API: `scores import <campaign> <file>`
 * and `indicators import <campaign> <file>`.
 */
import { readFileSync } from "node:fs";
import { Catalog } from "../api/catalog.ts";
import { AppError } from "../api/errors.ts";
import type { Core } from "../api/services/campaigns.ts";
import { importIndicators } from "../api/services/indicators.ts";
import type { ScoreFileFormat } from "../api/services/score-file.ts";
import { importScores, MAX_SCORE_FILE_BYTES, scoreFormatOfPath } from "../api/services/scores.ts";
import { loadCatalog } from "../db/index.ts";

type Importer = (core: Core, catalog: Catalog, campaign: string, bytes: Uint8Array, format: ScoreFileFormat, actor: string) => Promise<{ imported: number; inserted: number; replaced: number }>;

/** Reads `<sub> <campaign> <file>` and runs the import; resolves with the file's bytes imported. */
async function importFile(core: Core, args: string[], command: string, importer: Importer) {
  const [sub, campaign, file] = args;
  if (sub !== "import" || !campaign || !file) {
    throw new AppError("invalid_request", { zh: `用法：${command} import <campaign> <file> / usage: ${command} import <campaign> <file>` });
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new AppError("invalid_request", { zh: `无法读取 ${file}：${error instanceof Error ? error.message : String(error)}` });
  }
  if (bytes.byteLength > MAX_SCORE_FILE_BYTES) throw new AppError("payload_too_large", { zh: `文件过大（上限 ${MAX_SCORE_FILE_BYTES / 1024 / 1024} MB）` });
  const catalog = Catalog.fromStored(await loadCatalog(core.db.read));
  const actor = `cli:${process.env.USER ?? "organizer"}`;
  return importer(core, catalog, campaign, bytes, scoreFormatOfPath(file, bytes), actor);
}

/** Runs the subcommand; resolves with the line to print on success. */
export async function scoresCommand(core: Core, args: string[]): Promise<string> {
  const r = await importFile(core, args, "scores", importScores);
  return `已导入 ${r.imported} 条成绩（新增 ${r.inserted}，替换 ${r.replaced}）/ imported ${r.imported} scores`;
}

export async function indicatorsCommand(core: Core, args: string[]): Promise<string> {
  const r = await importFile(core, args, "indicators", importIndicators);
  return `已导入 ${r.imported} 条指标数据（新增 ${r.inserted} 组、替换 ${r.replaced} 组 对象×指标×年份）/ imported ${r.imported} indicator figures`;
}

/** A refused file's bad rows, one line each, for the terminal. */
export function scoreProblemLines(error: AppError): string {
  const rows = error.extra?.body?.rows as { row: number; column: string; message: string }[] | undefined;
  if (!rows) return "";
  return "\n" + rows.map((r) => `  第 ${r.row} 行 ${r.column}：${r.message}`).join("\n");
}

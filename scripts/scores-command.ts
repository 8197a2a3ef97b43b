/**
 * The CLI's spreadsheet imports, the same services as the API: `scores import <campaign> <file>`,
 * `indicators import <campaign> <file>` and `entries import <campaign>/<list> <file>`.
 */
import { readFileSync } from "node:fs";
import { Catalog } from "../api/read/catalog.ts";
import { AppError } from "../api/errors.ts";
import type { Core } from "../api/services/campaigns.ts";
import { importEntries } from "../api/services/entries.ts";
import { importIndicators } from "../api/services/indicators.ts";
import type { ScoreFileFormat } from "../api/services/score-file.ts";
import { importScores, MAX_SCORE_FILE_BYTES, scoreFormatOfPath } from "../api/services/scores.ts";
import { loadCatalog } from "../db/index.ts";

type Importer = (core: Core, catalog: Catalog, campaign: string, bytes: Uint8Array, format: ScoreFileFormat, actor: string) => Promise<{ imported: number; inserted: number; replaced: number }>;

/** Reads `<sub> <target> <file>`: the target as given, the file's bytes and format. */
function readImportArgs(args: string[], command: string, target = "<campaign>") {
  const [sub, name, file] = args;
  if (sub !== "import" || !name || !file) {
    throw new AppError("invalid_request", { zh: `用法：${command} import ${target} <file> / usage: ${command} import ${target} <file>` });
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new AppError("invalid_request", { zh: `无法读取 ${file}：${error instanceof Error ? error.message : String(error)}` });
  }
  if (bytes.byteLength > MAX_SCORE_FILE_BYTES) throw new AppError("payload_too_large", { zh: `文件过大（上限 ${MAX_SCORE_FILE_BYTES / 1024 / 1024} MB）` });
  return { name, bytes, format: scoreFormatOfPath(file, bytes) };
}

const actor = () => `cli:${process.env.USER ?? "organizer"}`;

/** Reads `<sub> <campaign> <file>` and runs the import; resolves with the file's bytes imported. */
async function importFile(core: Core, args: string[], command: string, importer: Importer) {
  const { name, bytes, format } = readImportArgs(args, command);
  const catalog = Catalog.fromStored(await loadCatalog(core.db.read));
  return importer(core, catalog, name, bytes, format, actor());
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

/** `entries import <campaign>/<list> <file>`: a list's entries (city cases) merged in by slug. */
export async function entriesCommand(core: Core, args: string[]): Promise<string> {
  const { name, bytes, format } = readImportArgs(args, "entries", "<campaign>/<list>");
  const m = /^([a-z0-9-]+)\/([a-z0-9-]+)$/.exec(name);
  if (!m) throw new AppError("invalid_request", { zh: `需要 <campaign>/<list>，收到 ${name} / expected <campaign>/<list>` });
  const r = await importEntries(core, m[1]!, m[2]!, bytes, format, actor());
  return `已导入 ${r.imported} 个对象到 ${name}（新增 ${r.added}，替换 ${r.replaced}）/ imported ${r.imported} entries (${r.added} added, ${r.replaced} replaced)`;
}

/** A refused file's bad rows, one line each, for the terminal (row 0: an entry already in the list). */
export function scoreProblemLines(error: AppError): string {
  const rows = error.extra?.body?.rows as { row: number; column: string; message: string }[] | undefined;
  if (!rows) return "";
  return "\n" + rows.map((r) => `  ${r.row > 0 ? `第 ${r.row} 行 ` : ""}${r.column}：${r.message}`).join("\n");
}

/** `scores import <campaign> <file>`: the CLI side of the score import (same service as the API). */
import { readFileSync } from "node:fs";
import { Catalog } from "../api/catalog.ts";
import { AppError } from "../api/errors.ts";
import type { Core } from "../api/services/campaigns.ts";
import { importScores, MAX_SCORE_FILE_BYTES, scoreFormatOfPath } from "../api/services/scores.ts";
import { loadCatalog } from "../db/index.ts";


/** Runs the subcommand; resolves with the line to print on success. */
export async function scoresCommand(core: Core, args: string[]): Promise<string> {
  const [sub, campaign, file] = args;
  if (sub !== "import" || !campaign || !file) {
    throw new AppError("invalid_request", { zh: "用法：scores import <campaign> <file> / usage: scores import <campaign> <file>" });
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
  const r = await importScores(core, catalog, campaign, bytes, scoreFormatOfPath(file, bytes), actor);
  return `已导入 ${r.imported} 条成绩（新增 ${r.inserted}，替换 ${r.replaced}）/ imported ${r.imported} scores`;
}

/** A refused file's bad rows, one line each, for the terminal. */
export function scoreProblemLines(error: AppError): string {
  const rows = error.extra?.body?.rows as { row: number; column: string; message: string }[] | undefined;
  if (!rows) return "";
  return "\n" + rows.map((r) => `  第 ${r.row} 行 ${r.column}：${r.message}`).join("\n");
}

/**
 * The spreadsheet imports, the same services as the API, each all or nothing:
 * `scores import <campaign> <file>`, `indicators import <campaign> <file>` and
 * `entries import <campaign>/<list> <file>`.
 */
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { AppError } from "../../api/errors.ts";
import type { ServiceContext } from "../../api/services/context.ts";
import { importEntries } from "../../api/services/entries.ts";
import { importIndicators } from "../../api/services/indicators.ts";
import { importScores, MAX_SCORE_FILE_BYTES, scoreFormatOfPath } from "../../api/services/scores.ts";
import { count, withElapsed } from "./progress.ts";
import { actor, campaignList, withDatabase } from "./shared.ts";

export function registerImports(program: Command): void {
  group(program, "scores", "导入成绩，全部正确才导入 / import scores, all or nothing")
    .argument("<campaign>", "活动 / campaign slug")
    .argument("<file>", "CSV/XLSX，列 entry,dimension,component,scorer,score / columns")
    .action(async (campaign: string, file: string) => {
      const input = readImportFile(file);
      const r = await importing((ctx) => importScores(ctx, { campaign, ...input, actor: actor() }));
      console.log(
        `已导入 ${count(r.imported)} 条成绩（新增 ${count(r.inserted)}，替换 ${count(r.replaced)}）/ imported ${count(r.imported)} scores`,
      );
    });

  group(program, "indicators", "导入指标数据，全部正确才导入 / import indicator figures, all or nothing")
    .argument("<campaign>", "活动 / campaign slug")
    .argument("<file>", "CSV/XLSX，列 entry,indicator,year,value[,type,rank,item] / columns")
    .action(async (campaign: string, file: string) => {
      const input = readImportFile(file);
      const r = await importing((ctx) => importIndicators(ctx, { campaign, ...input, actor: actor() }));
      console.log(
        `已导入 ${count(r.imported)} 条指标数据（新增 ${count(r.inserted)} 组、替换 ${count(r.replaced)} 组 对象×指标×年份）/ imported ${count(r.imported)} indicator figures`,
      );
    });

  group(program, "entries", "导入入围对象，按 slug 合并 / import a list's entries, merged by slug")
    .argument("<campaign/list>", "活动/榜单 / campaign and list slugs", campaignList)
    .argument("<file>", "CSV/XLSX，全部正确才导入 / all or nothing")
    .action(async ([campaign, list]: [string, string], file: string) => {
      const input = readImportFile(file);
      const r = await importing((ctx) => importEntries(ctx, { campaign, list, ...input, actor: actor() }));
      console.log(
        `已导入 ${count(r.imported)} 个对象到 ${campaign}/${list}（新增 ${count(r.added)}，替换 ${count(r.replaced)}）/ imported ${count(r.imported)} entries (${count(r.added)} added, ${count(r.replaced)} replaced)`,
      );
    });
}

/** `<name> import …`: the group and its one subcommand, which the caller gives its arguments. */
function group(program: Command, name: string, description: string): Command {
  return program.command(name).description(description).command("import").description(description);
}

/** The file's bytes and format; a file that cannot be read fails the command (exit 1). */
function readImportFile(file: string) {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new AppError("invalid_request", { zh: `无法读取 ${file}：${error instanceof Error ? error.message : String(error)}` });
  }
  if (bytes.byteLength > MAX_SCORE_FILE_BYTES)
    throw new AppError("payload_too_large", { zh: `文件过大（上限 ${MAX_SCORE_FILE_BYTES / 1024 / 1024} MB）` });
  return { bytes, format: scoreFormatOfPath(file, bytes) };
}

/** Runs an import on the database, the elapsed time ticking on a terminal meanwhile. */
const importing = <T>(run: (ctx: ServiceContext) => Promise<T>) =>
  withDatabase((ctx) => withElapsed("导入中", "importing", () => run(ctx)));

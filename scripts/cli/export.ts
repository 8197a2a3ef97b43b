/**
 * `export <campaign> --kind … --format csv|xlsx --out <file>`: the file, streamed, and
 * `<file>.manifest.json` beside it with the file's sha256 (decision 010).
 */
import { createWriteStream, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Option, type Command } from "commander";
import type { ServiceContext } from "../../api/services/context.ts";
import { HEADER_SETS } from "../../api/domain/export-headers.ts";
import { EXPORT_FORMATS, exportKinds, prepareExport } from "../../api/services/exports.ts";
import { count, rowProgress } from "./progress.ts";
import { actor, withDatabase } from "./shared.ts";

interface ExportOptions {
  kind: string;
  format: string;
  headers: string;
  out: string;
}

export function registerExport(program: Command): void {
  program
    .command("export")
    .description("导出（另写 <file>.manifest.json）/ export, with a manifest")
    .argument("<campaign>", "活动 / campaign slug")
    .addOption(new Option("--kind <kind>", "导出内容 / what to export").choices(exportKinds().map((k) => k.kind)).default("tallies"))
    .addOption(new Option("--format <format>", "格式 / file format").choices(EXPORT_FORMATS).default("csv"))
    .addOption(
      new Option("--headers <set>", "表头：zh 中文（默认）或 en 英文机读列名 / header row: zh (Chinese, the default) or en (machine names)")
        .choices(HEADER_SETS)
        .default("zh"),
    )
    .requiredOption("--out <file>", "输出文件 / the file to write")
    .action((campaign: string, options: ExportOptions) => withDatabase((ctx) => exportTo(ctx, campaign, options)));
}

async function exportTo(ctx: ServiceContext, campaign: string, { kind, format, headers, out }: ExportOptions): Promise<void> {
  const progress = rowProgress("导出中", "exporting");
  let rows = 0;
  const onRows = (n: number) => {
    rows = n;
    progress.rows(n);
  };
  const manifestPath = `${out}.manifest.json`;
  let sha256: string;
  try {
    const prepared = await prepareExport(ctx, { campaign, kind, format, headers, actor: actor(), role: "organizer", onRows });
    await pipeline(Readable.from(prepared.body), createWriteStream(out));
    const written = await prepared.done;
    sha256 = written.sha256;
    writeFileSync(manifestPath, JSON.stringify({ ...prepared.manifest, file: basename(out), ...written }, null, 2) + "\n");
  } finally {
    // the progress line goes before anything else is printed, the reason of a failure included
    progress.end();
  }
  console.log(`已导出 ${count(rows)} 行 → ${out}（sha256 ${sha256}），清单 ${manifestPath} / exported ${count(rows)} rows`);
}

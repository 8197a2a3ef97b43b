/**
 * `verify <votes export>`: recomputes the hash chains and the tallies from the file alone (and its
 * manifest, when beside it). No database and no configuration: anyone holding the file can run it.
 */
import { existsSync } from "node:fs";
import type { Command } from "commander";
import { verifyVotesFile } from "../../api/services/verify.ts";
import { CliError } from "./errors.ts";

export function registerVerify(program: Command): void {
  program
    .command("verify")
    .description("重算哈希链与票数 / recompute the chains and tallies")
    .argument("<file>", "投票明细导出（.csv 或 .xlsx）/ a votes export, .csv or .xlsx")
    .action(verify);
}

async function verify(file: string): Promise<void> {
  if (!existsSync(file)) throw new CliError(`找不到文件 ${file} / no such file`);
  if (!/\.(csv|xlsx)$/i.test(file))
    throw new CliError("verify 读取 .csv 或 .xlsx 格式的投票明细导出 / verify reads a .csv or .xlsx votes export");
  const r = await verifyVotesFile(file);
  if (!r.ok) {
    const where = r.row > 0 ? `第 ${r.row} 行${r.seq !== undefined ? `（seq ${r.seq}）` : ""}：` : "";
    throw new CliError(`校验失败 / verification failed: ${where}${r.reason}`);
  }
  console.log(`校验通过 / verified: ${r.rows} 票，账本头哈希 / head ${r.head}`);
  console.log(`作废记录 / voids: ${r.voids}，作废链头哈希 / void head ${r.voidHead}`);
  console.log(
    r.manifest
      ? `与清单一致 / matches manifest ${r.manifest}（sha256 ${r.sha256}）`
      : `未找到清单，仅校验哈希链 / no manifest beside the file (sha256 ${r.sha256})`,
  );
  console.log(["campaign", "list", "entry_id", "entry", "valid", "voided"].join("\t"));
  for (const t of r.tallies) console.log([t.campaign, t.list, t.entryId, t.entry, t.valid, t.voided].join("\t"));
}

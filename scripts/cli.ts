/**
 * The organizer's terminal: `npm run bangdan -- <command>`. The same operations as the admin API,
 * on the same database, safe to run while the server is up (the server follows within a second,
 * and a close is obeyed by the writer at once).
 */
import { createWriteStream, existsSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { ConfigError, loadEnv } from "../api/config.ts";
import { AppError } from "../api/errors.ts";
import { systemClock } from "../api/ports/clock.ts";
import { newAdminToken, tokenHash } from "../api/secrets.ts";
import { importCampaign, setVoting, validateCampaign, type Core } from "../api/services/campaigns.ts";
import { readCampaignFile } from "../api/services/demo.ts";
import { prepareExport } from "../api/services/exports.ts";
import { campaignAnomalies, voidRequestSchema, voidVotes } from "../api/services/review.ts";
import { verifyVotesFile } from "../api/services/verify.ts";
import { appendAudit, insertAdminToken, openDatabase, revokeAdminToken } from "../db/index.ts";
import { entriesCommand, indicatorsCommand, scoresCommand, scoreProblemLines } from "./scores-command.ts";

const usage = `用法 / usage: npm run bangdan -- <command>
  migrate                                   创建或升级数据库 / create or upgrade the database
  import <file>                             导入活动文件（YAML/JSON）/ import a campaign file
  open <campaign>/<list>                    立即开启投票 / open voting now
  close <campaign>/<list>                   立即截止投票 / close voting now
  scores import <campaign> <file>           导入成绩（CSV/XLSX，全部正确才导入）/ import scores, all or nothing
  indicators import <campaign> <file>       导入指标数据（CSV/XLSX，列 entry,indicator,year,value[,type,rank,item]）/ import indicator figures
  entries import <campaign>/<list> <file>   导入入围对象/案例（CSV/XLSX，按 slug 合并，全部正确才导入）/ import a list's entries
  token create --name <n> --role organizer|auditor   创建管理令牌（只显示一次）/ create an admin token
  token revoke --name <n>                   吊销令牌 / revoke tokens of that name
  publish <campaign> [--list <list>] --kind preliminary|final [--working-days 5] [--starts-at <iso>] [--ends-at <iso>] [--exclude <slug,…>]
                                            发布公示名单或正式名单 / publish a preliminary or final list
  calendar period-end <date> <n>            公示期最后一天（法定工作日）/ last day of n working days
  export <campaign> --kind tallies|votes|scores|objections|eligibility --format csv|xlsx --out <file>
                                            导出（另写 <file>.manifest.json）/ export, with a manifest beside it
  verify <votes export.csv|.xlsx>           重算哈希链与票数 / recompute the chain and tallies
  anomalies <campaign>                      列出需复核的异常及其筛选条件 / clusters worth review, with filters
  void --filter '<json>' --reason <r> [--dry-run]
                                            按筛选条件作废投票 / void votes by filter`;

class CliError extends Error {}

function listArg(arg: string | undefined): [string, string] {
  const m = /^([a-z0-9-]+)\/([a-z0-9-]+)$/.exec(arg ?? "");
  if (!m) throw new CliError(`需要 <campaign>/<list>，收到 ${arg ?? "（空）"} / expected <campaign>/<list>`);
  return [m[1]!, m[2]!];
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help") {
    console.log(usage);
    return;
  }
  // The calendar needs no database.
  // The publicity commands load on demand, so every other command starts as fast as before.
  if (command === "calendar") {
    const { calendarPeriodEnd } = await import("./publicity-commands.ts");
    console.log(calendarPeriodEnd(rest));
    return;
  }
  // verify reads only the file: no database, no configuration needed
  if (command === "verify") return verify(rest);
  const env = loadEnv();
  const db = await openDatabase(env.DATABASE_URL, env.DATABASE_AUTH_TOKEN);
  const core: Core = { db, clock: systemClock };
  const actor = `cli:${process.env.USER ?? "organizer"}`;
  try {
    switch (command) {
      case "migrate":
        console.log("数据库已是最新 / database is up to date");
        return;
      case "import": {
        const file = rest[0];
        if (!file) throw new CliError("需要活动文件路径 / a campaign file is required");
        let input: unknown;
        try {
          input = readCampaignFile(file);
        } catch (error) {
          throw new CliError(`无法读取 ${file}：${error instanceof Error ? error.message : String(error)}`);
        }
        const result = await importCampaign(core, validateCampaign(input), actor);
        console.log(`${result.created ? "已导入" : "已更新"} ${result.slug}`);
        return;
      }
      case "open":
      case "close": {
        const [campaign, list] = listArg(rest[0]);
        const r = await setVoting(core, campaign, list, command === "close" ? "closed" : "open", actor);
        console.log(`${campaign}/${list} ${command === "close" ? "投票已截止" : "投票已开启"}（${r.at}）`);
        return;
      }
      case "scores":
        console.log(await scoresCommand(core, rest));
        return;
      case "indicators":
        console.log(await indicatorsCommand(core, rest));
        return;
      case "entries":
        console.log(await entriesCommand(core, rest));
        return;
      case "publish": {
        const { publishFromCli } = await import("./publicity-commands.ts");
        console.log(await publishFromCli(core, rest, actor));
        return;
      }
      case "token": {
        const { values, positionals } = parseArgs({
          args: rest,
          options: { name: { type: "string" }, role: { type: "string" } },
          allowPositionals: true,
        });
        const sub = positionals[0];
        if (!values.name) throw new CliError("需要 --name / --name is required");
        const name = values.name;
        if (sub === "create") {
          const role = values.role;
          if (role !== "organizer" && role !== "auditor") throw new CliError("--role 须为 organizer 或 auditor");
          const token = newAdminToken();
          const at = Date.now();
          await db.writer.run(async (tx) => {
            await insertAdminToken(tx, { name, role, tokenHash: tokenHash(token), at });
            await appendAudit(tx, { at, actor, action: "token.create", target: name, details: { role } });
          });
          process.stdout.write(token + "\n");
          return;
        }
        if (sub === "revoke") {
          const at = Date.now();
          const n = await db.writer.run(async (tx) => {
            const count = await revokeAdminToken(tx, name, at);
            await appendAudit(tx, { at, actor, action: "token.revoke", target: name, details: { count } });
            return count;
          });
          if (n === 0) throw new CliError(`没有名为 ${name} 的有效令牌 / no active token named ${name}`);
          console.log(`已吊销 ${n} 个令牌 / revoked ${n}`);
          return;
        }
        throw new CliError("token 子命令须为 create 或 revoke");
      }
      case "export": {
        const { values, positionals } = parseArgs({
          args: rest,
          options: { kind: { type: "string" }, format: { type: "string" }, out: { type: "string" } },
          allowPositionals: true,
        });
        const campaign = positionals[0];
        if (!campaign) throw new CliError("需要活动 slug / a campaign is required");
        if (!values.out) throw new CliError("需要 --out <file> / --out is required");
        const prepared = await prepareExport(core, { campaign, kind: values.kind ?? "tallies", format: values.format ?? "csv", actor, role: "organizer" });
        await pipeline(Readable.from(prepared.body), createWriteStream(values.out));
        const { sha256, bytes } = await prepared.done;
        const manifestPath = `${values.out}.manifest.json`;
        writeFileSync(manifestPath, JSON.stringify({ ...prepared.manifest, file: basename(values.out), sha256, bytes }, null, 2) + "\n");
        console.log(`已导出 ${prepared.manifest.rows} 行到 ${values.out}（sha256 ${sha256}），清单 ${manifestPath}`);
        return;
      }
      case "anomalies": {
        const campaign = rest[0];
        if (!campaign) throw new CliError("需要活动 slug / a campaign is required");
        const found = await campaignAnomalies(core, campaign);
        if (found.length === 0) console.log("未发现需要复核的异常 / nothing needs review");
        for (const a of found) {
          console.log(`${a.kind}\t${a.list}\t${a.votes} 票 / ${a.voters} 人\t${a.from} – ${a.to}`);
          console.log(`  --filter '${JSON.stringify(a.filter)}'`);
        }
        return;
      }
      case "void": {
        const { values } = parseArgs({ args: rest, options: { filter: { type: "string" }, reason: { type: "string" }, "dry-run": { type: "boolean" } } });
        let filter: unknown;
        try {
          filter = JSON.parse(values.filter ?? "");
        } catch {
          throw new CliError("--filter 须为 JSON（anomalies 命令会给出）/ --filter must be JSON");
        }
        const parsed = voidRequestSchema.safeParse({ filter, reason: values.reason ?? "", dryRun: values["dry-run"] === true });
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          throw new CliError(`${issue.path.join(".") || "filter"}：${issue.message}`);
        }
        const r = await voidVotes(core, parsed.data.filter, parsed.data.reason, actor, parsed.data.dryRun === true);
        console.log(r.dryRun ? `试算：将作废 ${r.voided} 票 / dry run: ${r.voided} votes` : `已作废 ${r.voided} 票 / voided ${r.voided}`);
        return;
      }
      default:
        throw new CliError(`未知命令 ${command} / unknown command\n${usage}`);
    }
  } finally {
    await db.close();
  }
}

async function verify(args: string[]): Promise<void> {
  const file = args[0];
  if (!file) throw new CliError("需要投票明细导出文件 / a votes export is required");
  if (!existsSync(file)) throw new CliError(`找不到文件 ${file} / no such file`);
  if (!/\.(csv|xlsx)$/i.test(file)) throw new CliError("verify 读取 .csv 或 .xlsx 格式的投票明细导出 / verify reads a .csv or .xlsx votes export");
  const r = await verifyVotesFile(file);
  if (!r.ok) {
    const where = r.row > 0 ? `第 ${r.row} 行${r.seq !== undefined ? `（seq ${r.seq}）` : ""}：` : "";
    throw new CliError(`校验失败 / verification failed: ${where}${r.reason}`);
  }
  console.log(`校验通过 / verified: ${r.rows} 票，账本头哈希 / head ${r.head}`);
  console.log(`作废记录 / voids: ${r.voids}，作废链头哈希 / void head ${r.voidHead}`);
  console.log(r.manifest ? `与清单一致 / matches manifest ${r.manifest}（sha256 ${r.sha256}）` : `未找到清单，仅校验哈希链 / no manifest beside the file (sha256 ${r.sha256})`);
  console.log(["campaign", "list", "entry_id", "entry", "valid", "voided"].join("\t"));
  for (const t of r.tallies) console.log([t.campaign, t.list, t.entryId, t.entry, t.valid, t.voided].join("\t"));
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  const message =
    error instanceof AppError
      ? error.message_("zh") + scoreProblemLines(error) + (error.extra?.body?.problems ? "\n" + (error.extra.body.problems as { path: string; message: string }[]).map((p) => `  ${p.path}: ${p.message}`).join("\n") : "")
      : error instanceof CliError || error instanceof ConfigError
        ? error.message
        : `出错了 / failed: ${error instanceof Error ? error.message : String(error)}`;
  console.error(message);
  process.exit(1);
}

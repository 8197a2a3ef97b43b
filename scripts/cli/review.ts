/**
 * Fraud review: `anomalies <campaign>` lists clusters worth a look, each with the `--filter` that
 * selects its votes; `void --filter '<json>' --reason <r> [--dry-run]` voids them, audited.
 */
import { InvalidArgumentError, type Command } from "commander";
import { campaignAnomalies, voidRequestSchema, voidVotes } from "../../api/services/review.ts";
import { UsageError } from "./errors.ts";
import { actor, withDatabase } from "./shared.ts";

function json(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    throw new InvalidArgumentError("--filter 须为 JSON（anomalies 命令会给出）/ --filter must be JSON");
  }
}

export function registerReview(program: Command): void {
  program
    .command("anomalies")
    .description("列出需复核的异常 / clusters worth review, with filters")
    .argument("<campaign>", "活动 / campaign slug")
    .action(async (campaign: string) => {
      const found = await withDatabase((ctx) => campaignAnomalies(ctx, { campaign }));
      if (found.length === 0) console.log("未发现需要复核的异常 / nothing needs review");
      for (const a of found) {
        console.log(`${a.kind}\t${a.list}\t${a.votes} 票 / ${a.voters} 人\t${a.from} – ${a.to}`);
        console.log(`  --filter '${JSON.stringify(a.filter)}'`);
      }
    });

  program
    .command("void")
    .description("按筛选条件作废投票 / void votes by filter")
    .requiredOption("--filter <json>", "筛选条件，anomalies 给出 / the filter anomalies prints", json)
    .requiredOption("--reason <text>", "作废理由，记入审计日志 / the reason, audited")
    .option("--dry-run", "只计数，不作废 / count only")
    .action(async (options: { filter: unknown; reason: string; dryRun?: boolean }) => {
      const parsed = voidRequestSchema.safeParse({ filter: options.filter, reason: options.reason, dryRun: options.dryRun === true });
      if (!parsed.success) {
        // checked before the database is opened: a filter or reason the command cannot run with
        const issue = parsed.error.issues[0]!;
        throw new UsageError(`${issue.path.join(".") || "filter"}：${issue.message}`);
      }
      const { filter, reason, dryRun } = parsed.data;
      const r = await withDatabase((ctx) => voidVotes(ctx, { filter, reason, actor: actor(), dryRun: dryRun === true }));
      console.log(r.dryRun ? `试算：将作废 ${r.voided} 票 / dry run: ${r.voided} votes` : `已作废 ${r.voided} 票 / voided ${r.voided}`);
    });
}

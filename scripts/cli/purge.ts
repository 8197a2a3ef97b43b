/**
 * `purge [--dry-run]`: removes personal data whose retention period has ended (the privacy notice's
 * promise; the rules in api/domain/retention.ts). The running server does the same daily; this is
 * for the organizer who wants it now, or wants to see first what would go. Audited either way.
 */
import type { Command } from "commander";
import { purge } from "../../api/services/purge.ts";
import { actor, withDatabase } from "./shared.ts";

export function registerPurge(program: Command): void {
  program
    .command("purge")
    .description("删除保存期满的个人信息（服务每日自动执行）/ remove personal data past its retention period (the server does it daily)")
    .option("--dry-run", "只计数，不删除 / count only, remove nothing")
    .action(async (options: { dryRun?: boolean }) => {
      const r = await withDatabase((ctx) => purge(ctx, { actor: actor(), dryRun: options.dryRun === true }));
      for (const s of r.steps) console.log(`${s.name}\t${s.rows}\t${s.title.zh} / ${s.title.en}`);
      console.log(
        r.dryRun ? `试算：将清除 ${r.total} 行 / dry run: ${r.total} rows would go` : `已清除 ${r.total} 行 / purged ${r.total} rows`,
      );
    });
}

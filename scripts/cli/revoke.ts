/**
 * `revoke <campaign>/<list>/<entry> --date YYYY-MM-DD --reason <text>`: 摘牌, through the same
 * service and request rules as `POST /api/admin/campaigns/{c}/revocations`, audited as the CLI.
 */
import { InvalidArgumentError, type Command } from "commander";
import { UsageError } from "./errors.ts";
import { actor, withDatabase } from "./shared.ts";

/** `<campaign>/<list>/<entry>` → its three slugs; anything else is a usage error. */
function entryPath(value: string): [string, string, string] {
  const m = /^([a-z0-9-]+)\/([a-z0-9-]+)\/([a-z0-9-]+)$/.exec(value);
  if (!m) throw new InvalidArgumentError(`需要 <campaign>/<list>/<entry>，收到 ${value || "（空）"} / expected <campaign>/<list>/<entry>`);
  return [m[1]!, m[2]!, m[3]!];
}

export function registerRevoke(program: Command): void {
  program
    .command("revoke")
    .description("摘牌：取消已认定对象的认定命名 / revoke a designated entry's designation")
    .argument("<campaign/list/entry>", "活动/榜单/对象 / campaign/list/entry slugs", entryPath)
    .requiredOption("--date <YYYY-MM-DD>", "摘牌日期 / the day it took effect")
    .requiredOption("--reason <text>", `摘牌原因，向公众显示 / the reason, shown to the public`)
    .action(async ([campaign, list, entry]: [string, string, string], options: { date: string; reason: string }) => {
      const { revocationRequestSchema, revokeDesignation } = await import("../../api/services/revocations.ts");
      const parsed = revocationRequestSchema.safeParse({ entry: `${list}/${entry}`, date: options.date, reason: options.reason });
      if (!parsed.success) {
        // checked before the database is opened
        const issue = parsed.error.issues[0]!;
        const flag = issue.path[0] === "date" ? "--date" : issue.path[0] === "reason" ? "--reason" : "<campaign/list/entry>";
        throw new UsageError(`${flag}：${issue.message} / ${flag} is not valid`);
      }
      const r = await withDatabase((ctx) => revokeDesignation(ctx, { ...parsed.data, campaign, actor: actor() }));
      console.log(`已登记摘牌：${r.campaign}/${r.list}/${r.entry}，${r.date}，${r.reason} / revoked on ${r.date}`);
    });
}

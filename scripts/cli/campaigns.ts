/** Campaigns and voting: `migrate`, `import <file>`, `open|close <campaign>/<list>`. */
import type { Command } from "commander";
import { importCampaign, setVoting, validateCampaign } from "../../api/services/campaigns.ts";
import { readCampaignFile } from "../../api/services/demo.ts";
import { CliError } from "./errors.ts";
import { count, withElapsed } from "./progress.ts";
import { actor, campaignList, instant, withDatabase } from "./shared.ts";

export function registerCampaigns(program: Command): void {
  program
    .command("migrate")
    .description("创建或升级数据库 / create or upgrade the database")
    .action(() => withDatabase(async () => console.log("数据库已是最新 / database is up to date")));

  program
    .command("import")
    .description("导入或更新活动文件 / import or update a campaign file")
    .argument("<file>", "活动文件 / the campaign file (.yaml, .json)")
    .action(importCampaignFile);

  program
    .command("open")
    .description("立即开启投票 / open voting now")
    .argument("<campaign/list>", "活动/榜单 / campaign and list slugs", campaignList)
    .option(
      "--until <iso>",
      "本次开启的截止时间（带时区偏移；已过原定截止时间时必填）/ when this reopening ends (required past the scheduled close)",
      instant("--until"),
    )
    .action(async ([campaign, list]: [string, string], opts: { until?: string }) => {
      const r = await withDatabase((ctx) =>
        setVoting(ctx, { campaign, list, state: "open", actor: actor(), ...(opts.until !== undefined ? { closesAt: opts.until } : {}) }),
      );
      console.log(`${campaign}/${list} 投票已开启（${r.at}${r.closesAt ? `，至 ${r.closesAt}` : ""}）`);
    });

  program
    .command("close")
    .description("立即截止投票，此后收到的票不计入 / close voting now")
    .argument("<campaign/list>", "活动/榜单 / campaign and list slugs", campaignList)
    .action(async ([campaign, list]: [string, string]) => {
      const r = await withDatabase((ctx) => setVoting(ctx, { campaign, list, state: "closed", actor: actor() }));
      console.log(`${campaign}/${list} 投票已截止（${r.at}）`);
    });
}

async function importCampaignFile(file: string): Promise<void> {
  let input: unknown;
  try {
    input = readCampaignFile(file);
  } catch (error) {
    throw new CliError(`无法读取 ${file}：${error instanceof Error ? error.message : String(error)}`);
  }
  const campaign = validateCampaign(input);
  const result = await withDatabase((ctx) => withElapsed("导入中", "importing", () => importCampaign(ctx, { campaign, actor: actor() })));
  const entries = campaign.lists.reduce((n, l) => n + l.entries.length, 0);
  console.log(
    `${result.created ? "已导入" : "已更新"} ${result.slug}（${count(campaign.lists.length)} 个榜单，${count(entries)} 个对象）/ ${result.created ? "imported" : "updated"} ${result.slug}: lists ${count(campaign.lists.length)}, entries ${count(entries)}`,
  );
}

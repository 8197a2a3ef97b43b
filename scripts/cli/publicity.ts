/**
 * `publish <campaign> [--list] --kind preliminary|final [--working-days] [--starts-at] [--ends-at]
 * [--exclude a,b]`: a preliminary (公示) or final list. The publicity modules (the official
 * calendar among them) load only when a publication is made, so every other command starts fast.
 */
import { Option, type Command } from "commander";
import type { ServiceContext } from "../../api/services/context.ts";
import { actor, instant, wholeNumber, withDatabase } from "./shared.ts";

interface PublishOptions {
  list?: string;
  kind: "preliminary" | "final";
  workingDays?: number;
  startsAt?: string;
  endsAt?: string;
  exclude?: string[];
}

const slugs = (value: string) =>
  value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

export function registerPublicity(program: Command): void {
  program
    .command("publish")
    .description("发布公示名单或正式名单 / publish a preliminary or final list")
    .argument("<campaign>", "活动 / campaign slug")
    .option("--list <list>", "只发布这一个榜单 / one list only")
    .addOption(
      new Option("--kind <kind>", "公示名单或正式名单 / preliminary or final").choices(["preliminary", "final"]).makeOptionMandatory(),
    )
    .option(
      "--working-days <n>",
      "公示期工作日数（默认取活动文件，否则 5）/ working days of publicity",
      wholeNumber({ zh: "--working-days ", en: "--working-days" }, 1, 60),
    )
    .option("--starts-at <iso>", "开始时间（带时区偏移）/ start, ISO 8601 with an offset", instant("--starts-at"))
    .option("--ends-at <iso>", "结束时间（带时区偏移）/ end, ISO 8601 with an offset", instant("--ends-at"))
    .option("--exclude <slug,…>", "不列入名单的对象 / entries left out", slugs)
    .action(async (campaign: string, options: PublishOptions) => console.log(await withDatabase((ctx) => publish(ctx, campaign, options))));
}

async function publish(ctx: ServiceContext, campaign: string, o: PublishOptions): Promise<string> {
  const { createPublication, publicationHead } = await import("../../api/services/publicity.ts");
  const p = await createPublication(ctx, {
    campaign,
    kind: o.kind,
    ...(o.list ? { list: o.list } : {}),
    ...(o.startsAt ? { startsAt: o.startsAt } : {}),
    ...(o.endsAt ? { endsAt: o.endsAt } : {}),
    ...(o.workingDays !== undefined ? { workingDays: o.workingDays } : {}),
    ...(o.exclude ? { exclude: o.exclude } : {}),
    actor: actor(),
  });
  const catalog = ctx.catalog;
  const timeZone = catalog.current.campaign(campaign)?.timezone ?? "Asia/Shanghai";
  const head = publicationHead(p, timeZone, ctx.clock.now());
  const what = o.kind === "final" ? "正式名单" : "公示名单";
  const scope = o.list ? `${campaign}/${o.list}` : campaign;
  const period = o.kind === "final" ? head.startsAt : `${head.startsAt} 至 ${head.endsAt}（${head.workingDays} 个工作日）`;
  return `已发布${what} #${p.id}（${scope}）：${period}\nsha256 ${p.sha256}`;
}

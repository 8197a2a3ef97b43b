/**
 * The CLI's publicity commands: `calendar period-end` and `publish`. Bad arguments are AppErrors,
 * which the CLI prints as one Chinese line and exits non-zero.
 */
import { parseArgs } from "node:util";
import { officialCalendar } from "../api/ports/calendar.ts";
import { CatalogStore } from "../api/read/catalog-store.ts";
import { periodEndDay, isCalendarDay, UnknownCalendarYearError } from "../api/domain/working-days.ts";
import { AppError } from "../api/errors.ts";
import { Leaderboards } from "../api/read/leaderboard.ts";
import type { Core } from "../api/services/campaigns.ts";
import { createPublication, publicationHead, unknownYearError } from "../api/services/publicity.ts";

const bad = (zh: string, en: string) => new AppError("invalid_request", { zh, en });

/** `calendar period-end <date> <n>` → YYYY-MM-DD. */
export function calendarPeriodEnd(args: string[]): string {
  const [sub, date, n] = args;
  if (sub !== "period-end") throw bad("用法：calendar period-end <YYYY-MM-DD> <工作日数>", "usage: calendar period-end <YYYY-MM-DD> <n>");
  if (!date || !isCalendarDay(date)) throw bad(`日期须为 YYYY-MM-DD 格式的有效日期，收到 ${date ?? "（空）"}`, "the date must be a real YYYY-MM-DD date");
  const days = Number(n);
  if (!n || !/^\d+$/.test(n) || days < 1 || days > 366) throw bad(`工作日数须为 1 到 366 之间的整数，收到 ${n ?? "（空）"}`, "n must be a whole number from 1 to 366");
  try {
    return periodEndDay(officialCalendar(), date, days);
  } catch (error) {
    if (error instanceof UnknownCalendarYearError) throw unknownYearError(error.year);
    throw error;
  }
}

const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** `publish <campaign> [--list] --kind … [--working-days] [--starts-at] [--ends-at] [--exclude a,b]`. */
export async function publishFromCli(core: Core, args: string[], actor: string): Promise<string> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      list: { type: "string" },
      kind: { type: "string" },
      "working-days": { type: "string" },
      "starts-at": { type: "string" },
      "ends-at": { type: "string" },
      exclude: { type: "string" },
    },
    allowPositionals: true,
  });
  const campaign = positionals[0];
  if (!campaign) throw bad("需要活动标识：publish <campaign> --kind preliminary|final", "a campaign is required");
  const kind = values.kind;
  if (kind !== "preliminary" && kind !== "final") throw bad("--kind 须为 preliminary 或 final", "--kind must be preliminary or final");
  let workingDays: number | undefined;
  if (values["working-days"] !== undefined) {
    workingDays = Number(values["working-days"]);
    if (!/^\d+$/.test(values["working-days"]) || workingDays < 1 || workingDays > 60) throw bad("--working-days 须为 1 到 60 的整数", "--working-days must be 1–60");
  }
  for (const flag of ["starts-at", "ends-at"] as const) {
    const v = values[flag];
    if (v !== undefined && (!iso.test(v) || Number.isNaN(Date.parse(v)))) throw bad(`--${flag} 须为带时区偏移的 ISO 8601 时间`, `--${flag} must be ISO 8601 with an offset`);
  }
  const catalog = new CatalogStore(core.db);
  await catalog.reload();
  const deps = { db: core.db, clock: core.clock, catalog, leaderboards: new Leaderboards(core.db.read, core.clock) };
  const p = await createPublication(
    deps,
    campaign,
    {
      kind,
      ...(values.list ? { list: values.list } : {}),
      ...(values["starts-at"] ? { startsAt: values["starts-at"] } : {}),
      ...(values["ends-at"] ? { endsAt: values["ends-at"] } : {}),
      ...(workingDays !== undefined ? { workingDays } : {}),
      ...(values.exclude ? { exclude: values.exclude.split(",").map((s) => s.trim()).filter(Boolean) } : {}),
    },
    actor,
  );
  const timeZone = catalog.current.campaign(campaign)?.timezone ?? "Asia/Shanghai";
  const head = publicationHead(p, timeZone, core.clock.now());
  const what = kind === "final" ? "正式名单" : "公示名单";
  const scope = values.list ? `${campaign}/${values.list}` : campaign;
  const period = kind === "final" ? head.startsAt : `${head.startsAt} 至 ${head.endsAt}（${head.workingDays} 个工作日）`;
  return `已发布${what} #${p.id}（${scope}）：${period}\nsha256 ${p.sha256}`;
}

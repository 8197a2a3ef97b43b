/**
 * `purge`: removes personal data whose period has ended (the rules: api/domain/retention.ts; the
 * promise: the privacy notice). Run by the CLI (`purge [--dry-run]`) and daily by the Node server
 * (`schedulePurge`). Every run that changes something, and every run by a person, writes one audit
 * record with its counts. The chained ledger is never touched: `verify` still passes after it.
 *
 * The steps are a list: a new kind of data with a retention period adds its step with
 * `registerPurgeStep` (its rule beside the others in retention.ts, its removal in db/retention.ts).
 */
import {
  appendAudit,
  clearVoteAdvisoryHashes,
  countRefusalCountsUpTo,
  countIdempotencyUpTo,
  countObjectionsToRedact,
  countVoteAdvisoryHashes,
  purgeRefusalCounts,
  deleteIdempotencyUpTo,
  finalPublicationTimes,
  redactObjections,
  type Tx,
} from "../../db/index.ts";
import { purgePlan, type CampaignSchedule, type PurgePlan } from "../domain/retention.ts";
import type { ServiceContext } from "./context.ts";

/** Rows per writer job: a few milliseconds each, so votes wait little for the write lock. */
const PIECE = 5000;

export interface PurgeStep {
  /** the key in the report and the audit record */
  name: string;
  title: { zh: string; en: string };
  /** how many rows a run now would change */
  count(ctx: ServiceContext, plan: PurgePlan): Promise<number>;
  /** changes them, in bounded writer jobs; returns how many */
  run(ctx: ServiceContext, plan: PurgePlan): Promise<number>;
}

/** Runs `piece` as writer jobs until one changes fewer than PIECE rows; the total. */
async function inPieces(ctx: ServiceContext, piece: (tx: Tx) => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await ctx.db.writer.run(piece);
    total += n;
    if (n < PIECE) return total;
  }
}

const steps: PurgeStep[] = [
  {
    name: "objections",
    title: {
      zh: "异议人姓名、联系方式、理由与 IP 哈希（正式名单发布 1 年后）",
      en: "objectors' names, contacts, reasons and IP hashes (1 year after the final list)",
    },
    count: (ctx, plan) => countObjectionsToRedact(ctx.db.read, plan.objectionCampaignIds),
    run: (ctx, plan) =>
      plan.objectionCampaignIds.length ? ctx.db.writer.run((tx) => redactObjections(tx, plan.objectionCampaignIds)) : Promise.resolve(0),
  },
  {
    name: "vote_advisory_hashes",
    title: {
      zh: "投票的设备哈希与 IP 网段哈希（活动结束 90 天后）",
      en: "votes' device and IP-prefix hashes (90 days after the campaign's end)",
    },
    count: (ctx, plan) => countVoteAdvisoryHashes(ctx.db.read, plan.advisoryCampaignIds),
    async run(ctx, plan) {
      if (plan.advisoryCampaignIds.length === 0) return 0;
      let after = 0;
      let total = 0;
      for (;;) {
        const { changed, lastSeq } = await ctx.db.writer.run((tx) => clearVoteAdvisoryHashes(tx, plan.advisoryCampaignIds, after, PIECE));
        total += changed;
        if (changed < PIECE) return total;
        after = lastSeq;
      }
    },
  },
  {
    name: "idempotency",
    title: { zh: "防重复提交的应答记录（2 天后）", en: "idempotent answers (after 2 days)" },
    count: (ctx, plan) => countIdempotencyUpTo(ctx.db.read, plan.idempotencyUpTo),
    run: (ctx, plan) => inPieces(ctx, (tx) => deleteIdempotencyUpTo(tx, plan.idempotencyUpTo, PIECE)),
  },
  {
    // failed bot checks and refused organizer calls, counted per minute (api/services/refusals.ts)
    name: "refusal_counts",
    title: { zh: "人机验证未通过与被拒请求的计数（7 天后）", en: "counts of failed bot checks and refused calls (after 7 days)" },
    count: (ctx, plan) => countRefusalCountsUpTo(ctx.db.read, plan.botFailuresUpTo),
    run: (ctx, plan) => ctx.db.writer.run((tx) => purgeRefusalCounts(tx, plan.botFailuresUpTo + 1)),
  },
];

/** Adds a step (a table another part of the code keeps with a retention period of its own). */
export function registerPurgeStep(step: PurgeStep): void {
  steps.push(step);
}

export function purgeSteps(): readonly PurgeStep[] {
  return steps;
}

/** Each campaign's lists and final publications, as the retention rules read them. */
async function schedules(ctx: ServiceContext): Promise<CampaignSchedule[]> {
  const finals = await finalPublicationTimes(ctx.db.read);
  return ctx.catalog.current.campaigns.map((c) => ({
    id: c.id,
    lists: c.lists.map((l) => ({ slug: l.slug, window: l.window, overrides: l.overrides })),
    finals: finals.filter((f) => f.campaignId === c.id).map((f) => ({ listSlug: f.listSlug, at: f.at })),
  }));
}

export interface PurgeReport {
  dryRun: boolean;
  at: string;
  steps: { name: string; title: { zh: string; en: string }; rows: number }[];
  total: number;
}

export async function purge(
  ctx: ServiceContext,
  input: { actor: string; dryRun?: boolean; /** the daily job: no audit record when nothing changed */ quietWhenEmpty?: boolean },
): Promise<PurgeReport> {
  const now = ctx.clock.now();
  const plan = purgePlan(now, await schedules(ctx));
  const dryRun = input.dryRun === true;
  const done: PurgeReport["steps"] = [];
  for (const step of steps)
    done.push({ name: step.name, title: step.title, rows: await (dryRun ? step.count(ctx, plan) : step.run(ctx, plan)) });
  const total = done.reduce((n, s) => n + s.rows, 0);
  if (!(input.quietWhenEmpty && total === 0)) {
    await ctx.db.writer.run((tx) =>
      appendAudit(tx, {
        at: now,
        actor: input.actor,
        action: dryRun ? "purge.dry_run" : "purge",
        details: {
          rows: Object.fromEntries(done.map((s) => [s.name, s.rows])),
          campaigns: { advisory: plan.advisoryCampaignIds, objections: plan.objectionCampaignIds },
        },
      }),
    );
  }
  return { dryRun, at: new Date(now).toISOString(), steps: done, total };
}

/**
 * The daily job of a running server: a first run a minute after the start (so a server restarted
 * more often than daily still purges), then every `everyMs`. Returns what stops it, once a run in
 * flight has finished.
 */
export function schedulePurge(ctx: ServiceContext, options: { everyMs?: number; log: (line: string) => void }): () => Promise<void> {
  const every = options.everyMs ?? 86_400_000;
  let running: Promise<void> | undefined;
  const run = () => {
    running ??= purge(ctx, { actor: "system:purge", quietWhenEmpty: true })
      .then((r) => {
        if (r.total > 0) options.log(`purge: ${r.steps.map((s) => `${s.name} ${s.rows}`).join(", ")}`);
      })
      .catch((error: unknown) => options.log(`purge failed: ${String(error)}`))
      .finally(() => (running = undefined));
  };
  let interval: NodeJS.Timeout | undefined;
  const first = setTimeout(
    () => {
      run();
      interval = setInterval(run, every);
      interval.unref();
    },
    Math.min(60_000, every),
  );
  first.unref();
  return async () => {
    clearTimeout(first);
    clearInterval(interval);
    await running;
  };
}

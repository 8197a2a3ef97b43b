/**
 * Organizer operations on campaigns, shared by the admin API and the CLI: import a campaign file,
 * open and close a list's voting, set its window. Each one is a single writer job with its audit
 * record, so the change and its trace commit together.
 */
import {
  appendAudit,
  findList,
  hasFinalPublication,
  setListWindow,
  OrphanedVotesError,
  addListOverride,
  storedForReimport,
  upsertCampaign,
  type CampaignImport,
  type StoredList,
  type Tx,
} from "../../db/index.ts";
import { parseCampaign, type CampaignFile } from "../domain/campaign.ts";
import { reimportConflicts } from "../domain/campaign-reimport.ts";
import { reopeningNeedsEnd } from "../domain/voting.ts";
import { AppError } from "../errors.ts";
import type { ServiceContext } from "./context.ts";

/**
 * Voting may be reopened, and its window changed, only before the list's final list is published
 * (a final publication of that list or of the whole campaign): the result must stay the result.
 */
async function refuseAfterFinal(ctx: ServiceContext, found: StoredList, campaign: string, list: string): Promise<void> {
  if (await hasFinalPublication(ctx.db.read, found.campaignId, list)) {
    throw new AppError("conflict", {
      zh: `${campaign}/${list} 已发布最终名单，不能再开启投票或修改投票时间`,
      en: `The final list of ${campaign}/${list} is published; voting can no longer be reopened or rescheduled`,
    });
  }
}

export function toImport(campaign: CampaignFile): CampaignImport {
  return {
    slug: campaign.slug,
    timezone: campaign.timezone,
    definition: campaign,
    dimensions: campaign.dimensions,
    components: campaign.components,
    lists: campaign.lists.map((l) => ({
      slug: l.slug,
      title: l.title,
      ranking: l.ranking,
      revealScores: l.revealScores,
      window: l.voting ? { opensAt: Date.parse(l.voting.opensAt), closesAt: Date.parse(l.voting.closesAt) } : null,
      perDay: l.voting?.perDay ?? 3,
      perEntryPerDay: l.voting?.perEntryPerDay ?? 1,
      entries: l.entries.map(({ slug, ...data }) => ({ slug, data: { ...data } })),
    })),
  };
}

/** Validates a campaign file: a 422 listing every problem by path, or the parsed campaign. */
export function validateCampaign(input: unknown): CampaignFile {
  const parsed = parseCampaign(input);
  if (!parsed.ok) {
    const first = parsed.problems[0]!;
    throw new AppError(
      "unprocessable",
      {
        zh: `活动文件有 ${parsed.problems.length} 处错误，首个在 ${first.path}：${first.message}`,
        en: `The campaign file has ${parsed.problems.length} problem(s); first at ${first.path}: ${first.message}`,
      },
      { body: { problems: parsed.problems } },
    );
  }
  return parsed.campaign;
}

/** What the audit log says of an import other than a campaign file's (a list's entries from a spreadsheet). */
export interface ImportAudit {
  action: string;
  target: string;
  details: Record<string, unknown>;
}

/**
 * Writes a validated campaign and its audit record in the caller's writer job, so an operation that
 * reads the stored definition and merges into it (api/services/entries.ts) does all in one job.
 */
export async function writeCampaign(
  tx: Tx,
  campaign: CampaignFile,
  actor: string,
  now: number,
  audit?: ImportAudit,
): Promise<{ created: boolean }> {
  const next = toImport(campaign);
  await refuseForbiddenChanges(tx, next);
  try {
    const r = await upsertCampaign(tx, next, now);
    await appendAudit(tx, {
      at: now,
      actor,
      ...(audit ?? {
        action: r.created ? "campaign.create" : "campaign.replace",
        target: campaign.slug,
        details: { lists: campaign.lists.length, entries: campaign.lists.reduce((n, l) => n + l.entries.length, 0) },
      }),
    });
    return r;
  } catch (error) {
    if (error instanceof OrphanedVotesError) {
      // the field: a kept list's `entries`, or `lists` when the whole list is gone
      const fieldOf = (list: string) => {
        const i = campaign.lists.findIndex((l) => l.slug === list);
        return i < 0 ? "lists" : `lists[${i}].entries`;
      };
      const fields = [...new Set(error.dropped.map((d) => fieldOf(d.list)))];
      const names = error.dropped.map((d) => `${d.list}/${d.entry ?? ""}（${d.votes} 票）`).join("、");
      throw new AppError(
        "conflict",
        {
          zh: `${fields.join("、")}：新定义删去了已有投票的对象，投票将无处归属：${names}`,
          en: `${fields.join(", ")}: the new definition drops entries that have votes: ${names}`,
        },
        { body: { dropped: error.dropped, fields } },
      );
    }
    throw error;
  }
}

/**
 * A re-import may not do what the voting controls refuse: move or reopen a window after its final
 * list, or change `ranking` or `timezone` once votes exist. A 409 naming each field, nothing written.
 */
async function refuseForbiddenChanges(tx: Tx, next: CampaignImport): Promise<void> {
  const stored = await storedForReimport(tx, next.slug);
  if (!stored) return;
  const conflicts = reimportConflicts(stored, next);
  if (conflicts.length === 0) return;
  const fields = conflicts.map((c) => c.field);
  throw new AppError(
    "conflict",
    {
      zh: conflicts.map((c) => `${c.field}：${c.zh}`).join("；"),
      en: conflicts.map((c) => `${c.field}: ${c.en}`).join("; "),
    },
    { body: { fields } },
  );
}

export async function importCampaign(
  ctx: ServiceContext,
  input: { campaign: CampaignFile; actor: string },
): Promise<{ slug: string; created: boolean }> {
  const { campaign, actor } = input;
  const now = ctx.clock.now();
  const result = await ctx.db.writer.run((tx) => writeCampaign(tx, campaign, actor, now));
  return { slug: campaign.slug, created: result.created };
}

async function requireList(ctx: ServiceContext, campaign: string, list: string) {
  const found = await findList(ctx.db.read, campaign, list);
  if (!found) throw new AppError("not_found", { zh: `找不到榜单 ${campaign}/${list}`, en: `No such list ${campaign}/${list}` });
  return found;
}

/**
 * A reopening's end: the `closesAt` given (which must lie ahead), or none while the scheduled close
 * is still ahead; once it has passed, an end is required (422 naming `closesAt`), so that no
 * reopening lasts for ever.
 */
function reopeningUntil(window: { opensAt: number; closesAt: number }, closesAt: string | undefined, now: number): number | undefined {
  if (closesAt !== undefined) {
    const until = Date.parse(closesAt);
    if (Number.isNaN(until) || until <= now) {
      throw new AppError("unprocessable", {
        zh: `closesAt 须为将来的时间（收到 ${closesAt}）`,
        en: `closesAt must be a time in the future (got ${closesAt})`,
      });
    }
    return until;
  }
  if (reopeningNeedsEnd(window, now)) {
    throw new AppError("unprocessable", {
      zh: "投票已过原定截止时间，重新开启须给出新的截止时间 closesAt",
      en: "Voting is past its scheduled close: reopening needs an end time, closesAt",
    });
  }
  return undefined;
}

/**
 * Opens or closes a list's voting at once. The change takes effect at the instant it is recorded,
 * and joins the list's history: the writer judges every vote by when it was received against every
 * open and close committed. A reopening ends at `closesAt` when given (required once the scheduled
 * close has passed), else at the scheduled close.
 */
export async function setVoting(
  ctx: ServiceContext,
  input: { campaign: string; list: string; state: "open" | "closed"; actor: string; closesAt?: string },
) {
  const { campaign, list, state, actor } = input;
  const found = await requireList(ctx, campaign, list);
  if (found.opensAt === null || found.closesAt === null) {
    throw new AppError("conflict", { zh: "该榜单不设网络投票，无法开启或关闭", en: "This list has no public vote" });
  }
  const window = { opensAt: found.opensAt, closesAt: found.closesAt };
  if (state === "open") await refuseAfterFinal(ctx, found, campaign, list);
  // The instant is taken once this transaction holds the write lock: every vote committed before it
  // was received earlier, and every vote judged after it sees the change.
  const done = await ctx.db.writer.run(async (tx) => {
    const now = ctx.clock.now();
    const until = state === "open" ? reopeningUntil(window, input.closesAt, now) : undefined;
    await addListOverride(tx, { listId: found.id, kind: state === "closed" ? "close" : "open", at: now, until, actor });
    await appendAudit(tx, {
      at: now,
      actor,
      action: state === "closed" ? "voting.close" : "voting.open",
      target: `${campaign}/${list}`,
      ...(until !== undefined ? { details: { closesAt: new Date(until).toISOString() } } : {}),
    });
    return { at: now, until };
  });
  return {
    campaign,
    list,
    state,
    at: new Date(done.at).toISOString(),
    ...(done.until !== undefined ? { closesAt: new Date(done.until).toISOString() } : {}),
  };
}

/** Sets a list's scheduled window; from now on it decides alone (earlier opens and closes still judge earlier votes). */
export async function setWindow(
  ctx: ServiceContext,
  input: { campaign: string; list: string; window: { opensAt: string; closesAt: string }; actor: string },
) {
  const { campaign, list, window, actor } = input;
  const found = await requireList(ctx, campaign, list);
  const opensAt = Date.parse(window.opensAt);
  const closesAt = Date.parse(window.closesAt);
  if (!(opensAt < closesAt))
    throw new AppError("invalid_request", { zh: "closesAt 必须晚于 opensAt", en: "closesAt must be after opensAt" });
  await refuseAfterFinal(ctx, found, campaign, list);
  await ctx.db.writer.run(async (tx) => {
    const at = ctx.clock.now();
    await setListWindow(tx, { listId: found.id, opensAt, closesAt, at, actor });
    await appendAudit(tx, { at, actor, action: "voting.window", target: `${campaign}/${list}`, details: window });
  });
  return { campaign, list, opensAt: new Date(opensAt).toISOString(), closesAt: new Date(closesAt).toISOString() };
}

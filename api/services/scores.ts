/**
 * Organizers' score imports and the full scoring they see, shared by the admin API and the CLI.
 * An import is all-or-nothing: any bad row refuses the whole file, listing every bad row and
 * column; a good file is written in one writer job with its audit record and a catalog bump (so
 * pages rebuild and leaderboards re-rank).
 */
import { appendAudit, bumpCatalogVersion, listScores, listTallies, upsertScores, type Tx } from "../../db/index.ts";
import type { CatalogCampaign } from "../read/catalog.ts";
import { checkScoreRows, scoreHeader, type RoundScoreCell, type RowProblem } from "../domain/score-rows.ts";
import { roundsOf } from "../domain/expert-scoring.ts";
import { round2 } from "../domain/scoring.ts";
import { AppError } from "../errors.ts";
import { sheetOf } from "./indicators.ts";
import { fullScoring, scoresRevealed, scoringRules } from "../read/score-reveal.ts";
import { looksLikeZip, readScoreFile, refusedFile, type ScoreFileFormat } from "./score-file.ts";
import type { ServiceContext } from "./context.ts";

/** Largest scores file we take: 10 MB is ~200k rows of CSV, far beyond any campaign. */
export const MAX_SCORE_FILE_BYTES = 10 * 1024 * 1024;

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The file's format from its Content-Type (and, for a generic binary type, its ZIP signature). */
export function scoreFormatOf(contentType: string, bytes: Uint8Array): ScoreFileFormat | undefined {
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  if (type === "text/csv" || type === "text/plain" || type === "application/csv") return "csv";
  if (type === XLSX_TYPE) return "xlsx";
  if (type === "application/octet-stream" && looksLikeZip(bytes)) return "xlsx";
  return undefined;
}

/** A file path's format: by extension, else by content. */
export function scoreFormatOfPath(path: string, bytes: Uint8Array): ScoreFileFormat {
  if (/\.xlsx$/i.test(path) || looksLikeZip(bytes)) return "xlsx";
  return "csv";
}

const refused = (problems: RowProblem[]) => refusedFile({ zh: "成绩文件", en: "scores file" }, { zh: "成绩" }, problems);

export interface ScoreImportResult {
  imported: number;
  inserted: number;
  replaced: number;
}

export async function importScores(
  ctx: ServiceContext,
  input: { campaign: string; bytes: Uint8Array; format: ScoreFileFormat; actor: string },
): Promise<ScoreImportResult> {
  const { campaign: campaignSlug, bytes, format, actor } = input;
  const catalog = ctx.catalog.current;
  const campaign = catalog.campaign(campaignSlug);
  if (!campaign) throw new AppError("not_found", { zh: `找不到活动 ${campaignSlug}`, en: `No such campaign ${campaignSlug}` });
  if (bytes.byteLength > MAX_SCORE_FILE_BYTES) throw new AppError("payload_too_large");
  const file = await readScoreFile(bytes, format);
  if (!file.ok) throw refused(file.problems);
  const header = scoreHeader(file.header);
  if (!header.ok) throw refused(header.problems);
  const checked = checkScoreRows(shapeOf(campaign), header.index, file.rows);
  if (!checked.ok) throw refused(checked.problems);

  const at = ctx.clock.now();
  const written = await ctx.db.writer.run(async (tx) => {
    const result = await writeScoreCells(tx, campaign, checked.cells, at);
    await appendAudit(tx, {
      at,
      actor,
      action: "scores.import",
      target: campaign.slug,
      details: { format, rows: checked.cells.length, inserted: result.inserted, replaced: result.replaced, lists: result.perList },
    });
    await bumpCatalogVersion(tx);
    return { inserted: result.inserted, replaced: result.replaced };
  });
  return { imported: checked.cells.length, ...written };
}

/**
 * Writes checked score cells into `scores`: the one path by which a scores file's rows and an
 * expert's submitted sheet become the rows the composite reads, so the two can never differ.
 */
export async function writeScoreCells(tx: Tx, campaign: CatalogCampaign, cells: readonly RoundScoreCell[], at: number) {
  const listOf = new Map(campaign.lists.flatMap((l) => l.entries.map((e) => [e.id, l] as const)));
  const rows = cells.map((c) => ({ ...c, listId: listOf.get(c.entryId)!.id }));
  const perList: Record<string, number> = {};
  for (const c of cells) {
    const slug = listOf.get(c.entryId)!.slug;
    perList[slug] = (perList[slug] ?? 0) + 1;
  }
  const result = await upsertScores(tx, campaign.id, rows, at);
  return { ...result, perList };
}

function shapeOf(campaign: CatalogCampaign) {
  return {
    components: campaign.definition.components,
    rounds: campaign.definition.rounds ? roundsOf(campaign.definition).map((r) => ({ key: r.key, stored: r.stored })) : undefined,
    lists: campaign.lists.map((l) => ({
      slug: l.slug,
      dimensions: scoringRules(l).dimensions,
      // judged indicators (综合评分) are imported as scores with the indicator's key as the dimension
      judged: (sheetOf(l)?.items ?? []).filter((i) => i.judged).map((i) => ({ key: i.key })),
      entries: l.entries.map((e) => ({ id: e.id, slug: e.slug })),
    })),
  };
}

/**
 * Every list's full scoring, whatever `revealScores` says: for organizers (the admin API and
 * organizer exports). Totals at full precision, with `totalRounded` beside them.
 */
export async function campaignScoring(ctx: ServiceContext, input: { campaign: string }) {
  const { campaign: campaignSlug } = input;
  const db = ctx.db.read;
  const catalog = ctx.catalog.current;
  const now = ctx.clock.now();
  const campaign = catalog.campaign(campaignSlug);
  if (!campaign) throw new AppError("not_found", { zh: `找不到活动 ${campaignSlug}`, en: `No such campaign ${campaignSlug}` });
  const lists = [];
  for (const list of campaign.lists) {
    const [tallies, cells] = await Promise.all([listTallies(db, list.id), listScores(db, list.id)]);
    const rules = scoringRules(list);
    lists.push({
      list: list.slug,
      ranking: list.ranking,
      revealScores: list.revealScores,
      revealed: scoresRevealed(list, now),
      dimensions: rules.dimensions,
      components: rules.components,
      entries: fullScoring(list, tallies, cells).map((s) => ({
        id: s.id,
        slug: s.entry.slug,
        name: s.entry.name.zh,
        votes: s.votes,
        complete: s.complete,
        missing: s.missing,
        voteScore: s.voteScore,
        cells: s.cells,
        ...(s.score ? { score: s.score, totalRounded: round2(s.score.total) } : {}),
      })),
    });
  }
  return { campaign: campaign.slug, lists };
}

/**
 * The `scores` export: every entry's full breakdown, whatever `revealScores` says (organizers and
 * auditors only). One row per entry and dimension, since lists may score on dimensions of their
 * own: the dimension's score, each component's cell (mean after trimming, how many scorers, whether
 * trimmed) and the entry's total and rank repeated on each of its rows, so a filter in Excel on one
 * dimension still shows the whole result. Unranked lists get no rank here either.
 *
 * Every round of expert scoring is here: the final round's rows first (the composite), then each
 * earlier round's rows computed from that round's scores alone, each row naming its round (the
 * final by its declared key, or empty when the campaign declares none), when the experts who scored
 * the entry submitted (the latest), and their comments (`name：comment`, joined by ；).
 */
import { campaignSheets, listScores, listTallies, scorerTokens, tokensDrafts, type Queryable, type StoredScore } from "../../db/index.ts";
import { roundsOf, type RoundView } from "../domain/expert-scoring.ts";
import type { CatalogCampaign } from "../read/catalog.ts";
import { fullScoring, scoringRules } from "../read/score-reveal.ts";
import { rankByTotal, round2, VOTE_COMPONENT } from "../domain/scoring.ts";
import type { ExportKind } from "./exports.ts";

export const scoresExport: ExportKind = {
  kind: "scores",
  title: { zh: "成绩明细", en: "Scores" },
  role: "auditor",
  async open({ db, campaign }) {
    const components = campaign.definition.components;
    const scored = components.filter((c) => c.key !== VOTE_COMPONENT);
    const hasVote = components.some((c) => c.key === VOTE_COMPONENT);
    const lists = await scoredLists(db, campaign);
    const rows = lists.reduce((n, l) => n + l.results.length * l.rules.dimensions.length, 0);
    const notes = await expertNotes(db, campaign);
    return {
      columns: scoresColumns(
        scored.map((c) => c.key),
        hasVote,
      ),
      rows,
      labels: Object.fromEntries(
        scored.flatMap((c) => [
          [c.key, c.title.zh],
          [`${c.key}_scorers`, `${c.title.zh}评分人数`],
          [`${c.key}_trimmed`, `${c.title.zh}去极值`],
        ]),
      ),
      async *read() {
        for (const { list, rules, results, ranks, round } of lists) {
          for (const s of results) {
            const note = notes.get(`${round.stored}\u0000${s.id}`);
            const tail = [round.key, note?.submittedAt, note?.comments.join("；") || undefined];
            const head = [
              campaign.slug,
              list.slug,
              list.title.zh,
              list.ranking,
              list.revealScores,
              s.id,
              s.entry.slug,
              s.entry.name.zh,
              s.complete ? "yes" : "no",
              s.missing.map((m) => `${m.dimension}/${m.component}`).join(" "),
              s.score?.total,
              s.score ? round2(s.score.total).toFixed(2) : undefined,
              ranks.get(s.id),
              s.votes,
              ...(hasVote ? [s.voteScore] : []),
            ];
            for (const d of rules.dimensions) {
              const cellsOf = (component: string) => s.cells.find((c) => c.dimension === d.key && c.component === component);
              yield [
                ...head,
                d.key,
                d.title.zh,
                d.weight,
                s.score?.dimensions[d.key],
                ...scored.flatMap((c) => {
                  const cell = cellsOf(c.key);
                  return cell ? [cell.value, cell.scorers, cell.trimmed ? "yes" : "no"] : [undefined, 0, undefined];
                }),
                ...tail,
              ];
            }
          }
        }
      },
    };
  },
};

/** The export's columns: the entry, its total and rank, the dimension, each scored component's cell, then the round's. */
function scoresColumns(scored: string[], hasVote: boolean): string[] {
  return [
    "campaign",
    "list",
    "list_title",
    "ranking",
    "reveal_scores",
    "entry_id",
    "entry_slug",
    "entry_name",
    "complete",
    "missing",
    "total",
    "total_rounded",
    "rank",
    "votes",
    ...(hasVote ? ["vote_score"] : []),
    "dimension",
    "dimension_title",
    "dimension_weight",
    "dimension_score",
    ...scored.flatMap((key) => [key, `${key}_scorers`, `${key}_trimmed`]),
    "round",
    "submitted_at",
    "comment",
  ];
}

/**
 * Each list's full scoring per round, whatever the public may see, and its ranks where the list is
 * ranked: the final round (the composite) first, then each earlier round from its own scores, on
 * the entries that have scores in it.
 */
async function scoredLists(db: Queryable, campaign: CatalogCampaign) {
  const rounds = roundsOf(campaign.definition);
  const final = rounds[rounds.length - 1]!;
  const earlier = rounds.slice(0, -1);
  const out = await Promise.all(campaign.lists.map((list) => scoredList(db, list, final, undefined)));
  for (const round of earlier)
    for (const list of campaign.lists) {
      const cells = await listScores(db, list.id, round.stored);
      if (cells.length > 0) out.push(await scoredList(db, list, round, cells));
    }
  return out;
}

/** One list's scoring in one round: the final round from the stored composite's rows, an earlier one from `roundCells`. */
async function scoredList(db: Queryable, list: CatalogCampaign["lists"][number], round: RoundView, roundCells: StoredScore[] | undefined) {
  const [tallies, cells] = await Promise.all([listTallies(db, list.id), roundCells ?? listScores(db, list.id)]);
  const rules = scoringRules(list);
  const results = fullScoring(list, tallies, cells);
  const ranks = new Map<number, number>();
  if (list.ranking === "ranked") {
    for (const r of rankByTotal(
      results.map((s) => ({ ...s, name: s.entry.name.zh })),
      rules.components,
    ))
      ranks.set(r.id, r.rank);
  }
  const kept = roundCells ? results.filter((r) => roundCells.some((c) => c.entryId === r.id)) : results;
  return { list, rules, results: kept, ranks, round };
}

/** Per (stored round, entry): the latest submission of the experts who scored it, and their comments. */
async function expertNotes(db: Queryable, campaign: CatalogCampaign) {
  const tokens = await scorerTokens(db, campaign.slug);
  const [sheets, drafts] = await Promise.all([
    campaignSheets(db, campaign.id),
    tokensDrafts(
      db,
      tokens.map((t) => t.id),
    ),
  ]);
  const notes = new Map<string, { submittedAt?: string; comments: string[] }>();
  for (const d of drafts) {
    const sheet = sheets.find((s) => s.tokenId === d.tokenId && s.round === d.round);
    if (sheet?.status !== "submitted" || sheet.submittedAt === null) continue;
    const name = tokens.find((t) => t.id === d.tokenId)!.name;
    const key = `${d.round}\u0000${d.entryId}`;
    const note = notes.get(key) ?? { comments: [] };
    const at = new Date(sheet.submittedAt).toISOString();
    if (!note.submittedAt || at > note.submittedAt) note.submittedAt = at;
    if (d.comment) note.comments.push(`${name}：${d.comment}`);
    notes.set(key, note);
  }
  return notes;
}

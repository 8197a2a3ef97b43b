/**
 * The `scores` export: every entry's full breakdown, whatever `revealScores` says (organizers and
 * auditors only). One row per entry and dimension, since lists may score on dimensions of their
 * own: the dimension's score, each component's cell (mean after trimming, how many scorers, whether
 * trimmed) and the entry's total and rank repeated on each of its rows, so a filter in Excel on one
 * dimension still shows the whole result. Unranked lists get no rank here either.
 */
import { listScores, listTallies, type Queryable } from "../../db/index.ts";
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
    return {
      columns: [
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
        ...scored.flatMap((c) => [c.key, `${c.key}_scorers`, `${c.key}_trimmed`]),
      ],
      rows,
      labels: Object.fromEntries(
        scored.flatMap((c) => [
          [c.key, c.title.zh],
          [`${c.key}_scorers`, `${c.title.zh}评分人数`],
          [`${c.key}_trimmed`, `${c.title.zh}去极值`],
        ]),
      ),
      async *read() {
        for (const { list, rules, results, ranks } of lists) {
          for (const s of results) {
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
              ];
            }
          }
        }
      },
    };
  },
};

/** Each list's full scoring, whatever the public may see, and its ranks where the list is ranked. */
async function scoredLists(db: Queryable, campaign: CatalogCampaign) {
  return Promise.all(
    campaign.lists.map(async (list) => {
      const [tallies, cells] = await Promise.all([listTallies(db, list.id), listScores(db, list.id)]);
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
      return { list, rules, results, ranks };
    }),
  );
}

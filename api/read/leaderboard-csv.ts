/**
 * The leaderboard as the public CSV feed: UTF-8 with BOM and CRLF so Excel opens Chinese correctly,
 * Excel-safe cells (the same rule as the organizer exports), English machine headers.
 */
import { csvLine, CSV_BOM } from "../domain/export-format.ts";
import { round2 } from "../domain/scoring.ts";
import type { LeaderboardView } from "./leaderboard.ts";

export function leaderboardCsv(board: LeaderboardView): string {
  const ranked = board.ranking === "ranked";
  // once scores are revealed the total (two decimals, as ranked) follows the votes
  const total = ranked && board.orderedBy === "total";
  const header = ranked
    ? ["rank", "name", "region", "sector", "votes", "voided", ...(total ? ["total"] : []), "id", "slug"]
    : ["name", "region", "sector", "id", "slug"];
  let text = CSV_BOM + header.join(",") + "\r\n";
  for (const e of board.entries) {
    const cells = ranked
      ? [
          e.rank,
          e.name,
          e.region,
          e.sector,
          e.votes,
          e.voided,
          ...(total ? [e.score ? round2(e.score.total).toFixed(2) : ""] : []),
          e.id,
          e.slug,
        ]
      : [e.name, e.region, e.sector, e.id, e.slug];
    text += csvLine(cells);
  }
  return text;
}

/** Words the server-drawn embeds use (images, oEmbed), zh first, English mirror. */
import { formatInstant, ui } from "../../common/i18n.ts";
import { noVotesYet, placeText } from "../../common/ranks.ts";
import { round2 } from "../domain/scoring.ts";
import type { VotingState } from "../domain/voting.ts";

export type EmbedLang = "zh" | "en";

export const embedText = {
  zh: {
    states: { open: "投票进行中", scheduled: "投票未开始", closed: "投票已截止", none: "不设投票" } as Record<VotingState, string>,
    topN: (shown: number, total: number) => (shown < total ? `前 ${shown} 名（共 ${total} 个）` : `共 ${total} 个`),
    /** a ranked list without places yet: how many are listed, with no "前 N 名" */
    count: (shown: number, total: number) => (shown < total ? `列出 ${shown} 个（共 ${total} 个）` : `共 ${total} 个`),
    noVotes: noVotesYet.zh,
    /** drawn small before a shared rank's figure: 并列3 */
    tiedMark: { text: "并列", size: 11 },
    tiedLine: (rank: number) => placeText(rank, true, "zh"),
    unranked: "按名称拼音排序，排列不分先后",
    votes: (n: number) => `${n.toLocaleString("zh-CN")} 票`,
    score: (total: number) => `${round2(total).toFixed(2)} 分`,
    asOf: (at: string) => `数据截至 ${at}`,
    empty: "暂无入围对象",
    provider: "榜单 bangdan",
  },
  en: {
    states: { open: "Voting open", scheduled: "Voting not open yet", closed: "Voting closed", none: "No public vote" } as Record<
      VotingState,
      string
    >,
    topN: (shown: number, total: number) => (shown < total ? `Top ${shown} of ${total}` : `${total} entries`),
    count: (shown: number, total: number) => (shown < total ? `${shown} of ${total} entries` : `${total} entries`),
    noVotes: noVotesYet.en,
    /** drawn before a shared rank's figure, as sports tables do: =3 */
    tiedMark: { text: "=", size: 18 },
    tiedLine: (rank: number) => placeText(rank, true, "en"),
    unranked: "In pinyin order of name, in no order of merit",
    votes: (n: number) => `${n.toLocaleString("en")} ${n === 1 ? "vote" : "votes"}`,
    score: (total: number) => `${round2(total).toFixed(2)} pts`,
    asOf: (at: string) => `As of ${at}`,
    empty: "No entries yet",
    provider: "bangdan",
  },
};

/**
 * "2024年10月10日 12:00（北京时间）" / "10 Oct 2024, 12:00 (Beijing time)", in the campaign's zone:
 * the site's own wording, so an image says the time as the pages do.
 */
export function formatAsOf(iso: string, timeZone: string, lang: EmbedLang): string {
  return formatInstant(iso, timeZone, lang) + ui[lang].zoneNote(timeZone);
}

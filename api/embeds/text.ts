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

/** Words of the share images (poster, share cards, portrait leaderboard). */
export const shareText = {
  zh: {
    brand: "榜单 bangdan",
    /** the poster's call to action, by the list's state: a first line, then the accent line */
    cta: {
      open: ["长按识别二维码", "为TA投票"],
      scheduled: ["长按识别二维码", "投票即将开始，敬请关注"],
      closed: ["投票已结束", "长按识别查看详情"],
      none: ["长按识别二维码", "查看详情"],
    } as Record<VotingState, [string, string]>,
    /** the portrait leaderboard's call to action */
    listCta: {
      open: ["长按识别二维码", "查看完整榜单并投票"],
      scheduled: ["长按识别二维码", "查看榜单，投票即将开始"],
      closed: ["投票已结束", "长按识别查看完整榜单"],
      none: ["长按识别二维码", "查看完整榜单"],
    } as Record<VotingState, [string, string]>,
    perDay: (n: number) => `每人每天可投 ${n} 票`,
    organizer: (o: string) => `主办：${o}`,
    shortlisted: "入围对象",
    firstVote: "快来投出第一票",
    opens: (at: string) => `${at}开始投票`,
    more: (n: number) => `等 ${n} 个`,
  },
  en: {
    brand: "bangdan",
    cta: {
      open: ["Scan the QR code", "Vote for this entry"],
      scheduled: ["Scan the QR code", "Voting opens soon"],
      closed: ["Voting has ended", "Scan the QR code for details"],
      none: ["Scan the QR code", "See the details"],
    } as Record<VotingState, [string, string]>,
    listCta: {
      open: ["Scan the QR code", "See the full list and vote"],
      scheduled: ["Scan the QR code", "See the list; voting opens soon"],
      closed: ["Voting has ended", "Scan the QR code for the full list"],
      none: ["Scan the QR code", "See the full list"],
    } as Record<VotingState, [string, string]>,
    perDay: (n: number) => `${n} ${n === 1 ? "vote" : "votes"} per person per day`,
    organizer: (o: string) => `Organized by ${o}`,
    shortlisted: "Shortlisted",
    firstVote: "Be the first to vote",
    opens: (at: string) => `Voting opens ${at}`,
    more: (n: number) => `${n} in all`,
  },
};

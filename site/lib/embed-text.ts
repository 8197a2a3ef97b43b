/**
 * Words of the embed page and the list page's embed box, both languages. The embed page's inline
 * script gets its share as JSON, so the page ships no bundle.
 */
import { escapeHtml } from "../../common/escape";
import type { Lang } from "../../common/i18n";
import { noVotesYet } from "../../common/ranks";

export const embedUi = {
  zh: {
    states: { open: "投票进行中", scheduled: "投票未开始", closed: "投票已截止", none: "不设投票" },
    publicityUntil: "公示中，至 {end}",
    publicityEnded: "公示期已结束，最终名单待发布",
    final: "最终名单",
    frozen: "公示名单存档（{kind}）",
    kinds: { preliminary: "公示名单", final: "最终名单" },
    unranked: "按名称拼音排序，排列不分先后",
    votes: "{n} 票",
    score: "{n} 分",
    // places as common/ranks.ts words them (placeText), for the script's redraw
    rank: "第 {n} 名",
    rankTied: "并列第 {n} 名",
    /** shown small above a shared rank's figure */
    tiedMark: "并列",
    noVotes: noVotesYet.zh,
    asOf: "数据截至 {at}",
    publishedAt: "发布于 {at}",
    full: "查看完整榜单",
    fullVote: "查看完整榜单并投票",
    more: "另有 {n} 个",
    empty: "暂无入围对象",
    unavailable: "该存档不可用",
    zone: "北京时间",
    brand: "榜单 bangdan",
    // S3: prefix of a designation on a preliminary list
    designationProposed: "拟认定为：",
    // S3: an entry on a final list that has lost its designation since (摘牌), with its date
    revoked: "已摘牌 {date}",
  },
  en: {
    states: { open: "Voting open", scheduled: "Voting not open yet", closed: "Voting closed", none: "No public vote" },
    publicityUntil: "In publicity until {end}",
    publicityEnded: "Publicity over; final list to follow",
    final: "Final list",
    frozen: "Archived publication ({kind})",
    kinds: { preliminary: "preliminary list", final: "final list" },
    unranked: "In pinyin order of name, in no order of merit",
    votes: "{n} votes",
    score: "{n} pts",
    rank: "No. {n}",
    rankTied: "Joint No. {n}",
    /** shown before a shared rank's figure, as sports tables do: =3 */
    tiedMark: "=",
    noVotes: noVotesYet.en,
    asOf: "As of {at}",
    publishedAt: "Published {at}",
    full: "See the full list",
    fullVote: "See the full list and vote",
    more: "{n} more",
    empty: "No entries yet",
    unavailable: "This archived list is not available",
    zone: "Beijing time",
    brand: "bangdan",
    // S3: prefix of a designation on a preliminary list
    designationProposed: "To be recognised as: ",
    revoked: "Revoked {date}",
  },
} satisfies Record<Lang, unknown>;

export const embedCodeUi = {
  zh: {
    title: "嵌入本榜单",
    intro: "将下面的代码粘贴到文章中，榜单会随投票实时更新，高度自动适应内容。",
    label: "嵌入代码",
    copy: "复制代码",
    copied: "已复制",
    options: "可选参数：limit（显示前 N 名，1–50）、theme（light / dark / auto）、lang（zh / en）；at=公示编号 可固定显示某次公示的名单。",
    oembed: "支持 oEmbed 的内容管理系统，直接粘贴本页网址即可自动嵌入。",
    feeds: "图片与数据：",
  },
  en: {
    title: "Embed this list",
    intro: "Paste this code into your article: the list updates as votes come in and the frame sizes itself to its content.",
    label: "Embed code",
    copy: "Copy code",
    copied: "Copied",
    options:
      "Options: limit (top N, 1–50), theme (light / dark / auto), lang (zh / en); at=<publication id> shows one publication's list for good.",
    oembed: "A CMS that speaks oEmbed embeds it when you paste this page's address.",
    feeds: "Images and data: ",
  },
} satisfies Record<Lang, unknown>;

export const EMBED_DEFAULT_LIMIT = 10;

/** The iframe snippet for a list; `origin` empty gives site-relative URLs (filled in by the page's script). */
export function embedSnippet(origin: string, lang: Lang, campaign: string, list: string, title: string): string {
  const path = `${lang === "en" ? "/en" : ""}/embed/${campaign}/${list}/`;
  return (
    `<iframe src="${escapeHtml(origin + path)}" title="${escapeHtml(title)}" data-bangdan-embed width="640" height="${150 + EMBED_DEFAULT_LIMIT * 48}" ` +
    `style="border:0;width:100%;max-width:640px" loading="lazy"></iframe>\n` +
    `<script async src="${escapeHtml(origin)}/embed.js"></script>`
  );
}

/**
 * Every page's meta description, in both languages, in one place. Search results and share
 * previews show it under the title, so each one says what the page holds that the title does not:
 * how many entries a list has, whether voting is open and how it is ordered; which list and
 * campaign an entry is in, and its one-line summary. Figures are as of the build (the site
 * rebuilds on every import, open, close and publication).
 */
import { entriesCountOf, formatCount, formatInstant, pick, t, type Lang } from "../../common/i18n";
import type { SnapshotCampaign, SnapshotEntry, SnapshotList } from "../../common/snapshot";
import { currentPublications, formatEnd, formatStart } from "./publicity";

/**
 * At most this many characters, the rest cut with "…": a little more than search results show
 * (about 155 Latin characters, half as many Chinese ones, which are twice as wide), so they cut it
 * where it suits them, and a long summary never fills the page's head.
 */
const MAX: Record<Lang, number> = { zh: 120, en: 240 };

export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const chars = Array.from(flat);
  return chars.length <= max ? flat : chars.slice(0, max - 1).join("") + "…";
}

const words = {
  zh: {
    brand: "榜单 bangdan",
    sep: " · ",
    colon: "：",
    stop: "。",
    comma: "，",
    then: "",
    entries: (n: string) => `${n} 个入围对象`,
    entriesPlain: (n: string) => `${n} 个对象`,
    lists: (n: string, names: string) => `${n} 个榜单（${names}）`,
    open: "公开投票中",
    scheduled: (at: string) => `${at}开始投票`,
    closed: "投票已截止",
    byTotal: "按综合得分排名",
    byVotes: "按网络投票排名",
    byScore: "按评审得分排名",
    unranked: "不排名，按名称拼音排序",
    organizer: (o: string) => `${o}主办`,
    shortlisted: (list: string, campaign: string) => `${campaign} · ${list}入围对象`,
    listed: (list: string, campaign: string) => `${campaign} · ${list}`,
    home: (titles: string) => `榜单 bangdan：${titles}的入围名单、网络投票与公示。`,
    homeEmpty: "榜单 bangdan：评选活动的入围名单、网络投票与公示。",
    publicity: (c: string, scope: string, from: string, to: string) =>
      `${c}公示名单（${scope}）：公示期 ${from} 至 ${to}；公示期内可实名提出异议。`,
    publicityNone: (c: string) => `${c}公示：初步名单发布后在此公示，公示期内可实名提出异议。`,
    results: (c: string, lists: string, n: string, at: string) => `${c}正式名单：${lists}，共 ${n} 个入选对象，${at}发布。`,
    resultsNone: (c: string) => `${c}正式名单：公示期结束、异议处理完毕后在此发布。`,
    allLists: "全部榜单",
    privacy: "榜单 bangdan 隐私说明：投票和提出异议时保存哪些信息、保存多久、谁能看到，以及如何联系主办方。",
    embed: (c: string, l: string, n: string) => `${c} · ${l}实时榜单，供新闻页面嵌入：${n}。`,
    admin: "榜单 bangdan 主办方管理台：导入名单和评分、开关投票、审查异常、导出与公示。",
    score: "榜单 bangdan 专家评审：凭评审令牌登录，逐项评分并提交评分表。",
    listJoin: "、",
    more: "等",
  },
  en: {
    brand: "bangdan",
    sep: " · ",
    colon: ": ",
    stop: ".",
    comma: ", ",
    then: " ",
    entries: (n: string) => `${n} shortlisted ${n === "1" ? "entry" : "entries"}`,
    entriesPlain: (n: string) => `${n} ${n === "1" ? "entry" : "entries"}`,
    lists: (n: string, names: string) => `${n} ${n === "1" ? "list" : "lists"} (${names})`,
    open: "public vote open",
    scheduled: (at: string) => `voting opens ${at}`,
    closed: "voting closed",
    byTotal: "ranked by composite score",
    byVotes: "ranked by online votes",
    byScore: "ranked by the judges' scores",
    unranked: "not ranked, in pinyin order of name",
    organizer: (o: string) => `organized by ${o}`,
    shortlisted: (list: string, campaign: string) => `shortlisted in ${list}, ${campaign}`,
    listed: (list: string, campaign: string) => `in ${list}, ${campaign}`,
    home: (titles: string) => `bangdan: shortlists, public votes and publicity for ${titles}.`,
    homeEmpty: "bangdan: shortlists, public votes and publicity for award and benchmark campaigns.",
    publicity: (c: string, scope: string, from: string, to: string) =>
      `${c}: preliminary list (${scope}) for publicity from ${from} to ${to}; objections may be raised, under a real name, within the period.`,
    publicityNone: (c: string) => `${c}: the preliminary list is published here for publicity; objections may be raised within the period.`,
    results: (c: string, lists: string, n: string, at: string) => `${c}, final list: ${lists}, ${n} entries, published ${at}.`,
    resultsNone: (c: string) => `${c}, final list: published here once the publicity period has ended and objections are resolved.`,
    allLists: "all lists",
    privacy: "bangdan privacy notice: what is kept when you vote or raise an objection, for how long, who can see it, and whom to ask.",
    embed: (c: string, l: string, n: string) => `Live leaderboard of ${l}, ${c}, for news pages to embed: ${n}.`,
    admin: "bangdan organizer console: import shortlists and scores, open and close voting, review anomalies, export and publish.",
    score: "bangdan expert review: sign in with your scorer token, score each entry by dimension and submit your sheet.",
    listJoin: ", ",
    more: ", …",
  },
} as const;

/** The 404 page serves both languages at once, so its description does too. */
export const notFoundDescription =
  "页面不存在：返回榜单 bangdan 首页，查看全部评选活动。Page not found: the home page lists every campaign.";

/** "甲、乙、丙等" / "A, B, C, …": the first few names, then a mark that there are more. */
function some(names: string[], lang: Lang, max = 3): string {
  const w = words[lang];
  return names.slice(0, max).join(w.listJoin) + (names.length > max ? w.more : "");
}

/** Where the list's voting stands, or nothing for a list without voting. */
function votingPhrase(campaign: SnapshotCampaign, list: SnapshotList, lang: Lang): string | undefined {
  const w = words[lang];
  switch (list.voting?.state) {
    case "open":
      return w.open;
    case "scheduled":
      return w.scheduled(formatInstant(list.voting.opensAt, campaign.timezone, lang));
    case "closed":
      return w.closed;
    default:
      return undefined;
  }
}

function orderPhrase(list: SnapshotList, lang: Lang): string {
  const w = words[lang];
  if (list.ranking === "unranked") return w.unranked;
  if (list.scoring?.revealed && list.scoring.orderedBy === "total") return w.byTotal;
  return list.voting ? w.byVotes : w.byScore;
}

export function homeDescription(campaigns: SnapshotCampaign[], lang: Lang): string {
  const w = words[lang];
  if (campaigns.length === 0) return w.homeEmpty;
  const titles = some(
    campaigns.map((c) => t(c.title, lang)),
    lang,
  );
  return clip(w.home(titles), MAX[lang]);
}

export function campaignDescription(campaign: SnapshotCampaign, lang: Lang): string {
  const w = words[lang];
  const entries = campaign.lists.reduce((n, l) => n + l.entries.length, 0);
  const organizer = campaign.organizer ? w.organizer(t(campaign.organizer, lang)) : undefined;
  const lists = w.lists(
    formatCount(campaign.lists.length, lang),
    some(
      campaign.lists.map((l) => t(l.title, lang)),
      lang,
    ),
  );
  const open = campaign.lists.some((l) => l.voting?.state === "open") ? w.open : undefined;
  const shortlist = campaign.lists.some((l) => l.voting || l.ranking === "ranked");
  const facts = [lists, (shortlist ? w.entries : w.entriesPlain)(formatCount(entries, lang)), open].filter(Boolean).join(w.comma);
  return clip(`${t(campaign.title, lang)}${organizer ? w.comma + organizer : ""}${w.colon}${facts}${w.stop}`, MAX[lang]);
}

/**
 * "2024寻找中国新质生产力标杆 · 高科技标杆：12 个入围对象，公开投票中，按网络投票排名。" and the list's
 * own description. The count names the entries as the page does: a list nobody votes on or ranks
 * has no shortlist ("8 个县域").
 */
export function listDescription(campaign: SnapshotCampaign, list: SnapshotList, lang: Lang): string {
  const w = words[lang];
  const facts = [entriesCountOf(list, lang), votingPhrase(campaign, list, lang), orderPhrase(list, lang)];
  const head = `${t(campaign.title, lang)}${w.sep}${t(list.title, lang)}${w.colon}${facts.filter(Boolean).join(w.comma)}${w.stop}`;
  return clip(list.description ? head + w.then + t(list.description, lang) : head, MAX[lang]);
}

/** The entry, its list and campaign, then its summary (or the start of its description). */
export function entryDescription(campaign: SnapshotCampaign, list: SnapshotList, entry: SnapshotEntry, lang: Lang): string {
  const w = words[lang];
  const where = lang === "zh" && entry.region ? `（${entry.region}）` : "";
  const shortlist = list.voting || list.ranking === "ranked";
  const inList = (shortlist ? w.shortlisted : w.listed)(t(list.title, lang), t(campaign.title, lang));
  const head = `${pick(entry.name, lang).text}${w.colon}${inList}${where}${w.stop}`;
  const about = entry.summary ?? entry.description;
  return clip(about ? head + w.then + t(about, lang) : head, MAX[lang]);
}

export function publicityDescription(campaign: SnapshotCampaign, lang: Lang): string {
  const w = words[lang];
  const title = t(campaign.title, lang);
  const order = { open: 0, upcoming: 1, ended: 2 } as const;
  const current = currentPublications(campaign, "preliminary").sort((a, b) => order[a.state] - order[b.state] || b.id - a.id)[0];
  if (!current) return clip(w.publicityNone(title), MAX[lang]);
  const list = current.list ? campaign.lists.find((l) => l.slug === current.list) : undefined;
  const scope = list ? t(list.title, lang) : (current.list ?? w.allLists);
  const tz = campaign.timezone;
  return clip(w.publicity(title, scope, formatStart(current.startsAt, tz, lang), formatEnd(current.endsAt, tz, lang)), MAX[lang]);
}

export function resultsDescription(campaign: SnapshotCampaign, lang: Lang): string {
  const w = words[lang];
  const title = t(campaign.title, lang);
  const finals = currentPublications(campaign, "final");
  if (finals.length === 0) return clip(w.resultsNone(title), MAX[lang]);
  const lists = finals.flatMap((p) => p.lists);
  const names = lists.map((l) => (lang === "en" && l.titleEn ? l.titleEn : l.title));
  const count = lists.reduce((n, l) => n + l.entries.length, 0);
  const newest = finals.map((p) => p.startsAt).sort()[finals.length - 1]!;
  const at = formatStart(newest, campaign.timezone, lang);
  return clip(w.results(title, some(names, lang), formatCount(count, lang), at), MAX[lang]);
}

export function privacyDescription(lang: Lang): string {
  return words[lang].privacy;
}

export function embedDescription(campaign: SnapshotCampaign, list: SnapshotList, lang: Lang): string {
  const w = words[lang];
  return clip(w.embed(t(campaign.title, lang), t(list.title, lang), entriesCountOf(list, lang)), MAX[lang]);
}

export function adminDescription(lang: Lang): string {
  return words[lang].admin;
}

export function scoreDescription(lang: Lang): string {
  return words[lang].score;
}

/**
 * Page text and formatting for both languages (zh-CN first, English mirror under /en/).
 * Island text lives beside the islands so this file never ships to the browser.
 */
import type { Localized, SnapshotCampaign, SnapshotList, VotingState } from "./snapshot";

export type Lang = "zh" | "en";

/** The `lang` attribute for each site language. */
export const htmlLang: Record<Lang, string> = { zh: "zh-CN", en: "en" };

/** The English text where there is one, else the Chinese; `lang` says which one came back. */
export function pick(value: Localized | undefined, lang: Lang): { text: string; lang: Lang } {
  if (!value) return { text: "", lang };
  if (lang === "en" && value.en) return { text: value.en, lang: "en" };
  return { text: value.zh, lang: "zh" };
}

/** The `lang` attribute text picked by `pick` needs on a page in `pageLang`: none unless it fell back. */
export function langAttr(picked: { lang: Lang }, pageLang: Lang): string | undefined {
  return picked.lang === pageLang ? undefined : htmlLang[picked.lang];
}

export function t(value: Localized | undefined, lang: Lang): string {
  return pick(value, lang).text;
}

/** Site path for a language: href("en", "c", "l") → "/en/c/l/" (trailing slash always). */
export function href(lang: Lang, ...segments: string[]): string {
  const parts = lang === "en" ? ["en", ...segments] : segments;
  return parts.length === 0 ? "/" : `/${parts.map(encodeURIComponent).join("/")}/`;
}

export const stages = ["collecting", "reviewing", "voting", "publicity", "published"] as const;
export type Stage = (typeof stages)[number];

/**
 * The stage the organizer set; failing that, "publicity" while a preliminary list's period is open,
 * "published" once a final list is out, "publicity" after a period until then, "voting" while any
 * list is open. (Publication states are as of the build.)
 */
export function currentStage(campaign: SnapshotCampaign): Stage | undefined {
  if (campaign.stage) return campaign.stage;
  const publications = campaign.publications ?? [];
  if (publications.some((p) => p.kind === "preliminary" && p.state === "open")) return "publicity";
  if (publications.some((p) => p.kind === "final")) return "published";
  if (publications.some((p) => p.kind === "preliminary" && p.state === "ended")) return "publicity";
  return campaign.lists.some((l) => l.voting?.state === "open") ? "voting" : undefined;
}

export function listState(list: SnapshotList): VotingState {
  return list.voting?.state ?? "none";
}

const zhKinds: Record<string, string> = {
  enterprise: "企业",
  park: "园区",
  person: "人物",
  team: "团队",
  product: "产品",
  block: "街区",
  case: "案例",
  county: "县域",
  city: "城市",
};
const enKinds: Record<string, string> = {
  enterprise: "Enterprise",
  park: "Park",
  person: "Person",
  team: "Team",
  product: "Product",
  block: "Innovation block",
  case: "Case",
  county: "County",
  city: "City",
};

export const ui = {
  zh: {
    skip: "跳到正文",
    switchTo: "English",
    switchLang: "en" as Lang,
    home: "首页",
    breadcrumbs: "面包屑导航",
    campaigns: "评选活动",
    homeIntro: "入围名单、网络投票与公示。",
    noCampaigns: "暂无评选活动。",
    listsCount: (n: number) => `${n} 个榜单`,
    organizer: "主办",
    organizerSection: "主办与联系方式",
    contact: "联系方式",
    stage: "当前阶段",
    stageUnknown: "未公布",
    stageNames: { collecting: "征集", reviewing: "评审", voting: "投票", publicity: "公示", published: "发布" } as Record<Stage, string>,
    stageBar: "活动进程",
    stageNow: "当前",
    today: "今天",
    lists: "榜单",
    list: "所属榜单",
    rules: "投票规则",
    campaignRules: "活动规则",
    privacy: "隐私说明",
    entriesCount: (n: number) => `${n} 个入围对象`,
    ranked: "按得分排名",
    unranked: "按名称拼音排序，排列不分先后",
    states: { open: "投票进行中", scheduled: "投票未开始", closed: "投票已截止", none: "不设投票" } as Record<VotingState, string>,
    window: (from: string, to: string) => `${from} 至 ${to}`,
    perDayRule: (perDay: number, perEntry: number) => `每人每天最多可为 ${perDay} 个不同对象投票，同一对象每天限投 ${perEntry} 票。`,
    dayRule: (zone: string) => `“每天”按${zone}自然日计算，票数于每天零点重置。`,
    windowRule: (w: string) => `投票时间：${w}。`,
    botRule: "每次投票都需要通过人机验证；请勿使用刷票软件，异常投票经核查后作废，作废记录保留备查。",
    noVoting: "本活动的榜单不设网络投票。",
    appliesTo: "适用于：",
    zone: (tz: string) => (tz === "Asia/Shanghai" ? "北京时间" : tz),
    zoneNote: (tz: string) => (tz === "Asia/Shanghai" ? "（北京时间）" : `（${tz}）`),
    search: "搜索",
    searchAndFilter: "搜索与筛选",
    searchPlaceholder: "输入名称或关键词",
    region: "地区",
    sector: "行业",
    all: "全部",
    showing: (shown: number | string, total: number) => `显示 ${shown} / ${total} 个`,
    noMatch: "没有符合条件的对象。",
    rankLabel: "名次",
    votesLabel: "得票",
    rank: (n: number) => `第 ${n} 名`,
    votes: (n: string) => `${n} 票`,
    kind: "类型",
    description: "简介",
    noDescription: "暂无简介。",
    backToList: "返回榜单",
    enableJs: "投票进行中，请启用 JavaScript 后投票",
    generatedAt: (d: string) => `页面数据更新于 ${d}`,
    // --- S3 示范基地: the name a published entry is (to be) recognised under
    designation: "认定命名",
    designationProposed: "拟认定为",
    // ---- S1: indicator tables (list and entry pages) and case pages ----
    sheet: {
      caption: (title: string, latest: string, previous?: string) =>
        previous ? `${title}：${latest}数值，下附${previous}数值与同比变化` : `${title}：${latest}数值`,
      cells: (latest: string, previous?: string) =>
        previous ? `每格为${latest}数值，下附${previous}数值和同比变化。` : `每格为${latest}数值。`,
      hint: "点击表头按该指标排序，再点一次反向；表格可左右滑动。",
      nameColumn: "名称",
      change: "同比",
      changeColumn: "同比变化",
      points: (v: string) => `${v}个百分点`,
      noFigure: "无数据",
      legendTitle: "说明",
      legendMissing: "“—”表示没有数据或无法计算：所需数据缺失，或上年数值为 0 时不计算同比。",
      legendRelative: (latest: string, previous: string) => `同比 = （${latest}数值 − ${previous}数值）÷ ${previous}数值，以百分数表示。`,
      legendDifference: "以百分数填报的比重，同比为两年之差，以百分点计。",
      legendDecimals: "数字保留两位小数，注明的计算指标除外；排序按未舍入的数值。",
      notes: "注",
      mark: (n: number) => `注${n}`,
      computedAs: "本站计算：",
      inputUnit: (title: string, unit: string) => `${title}以${unit}计`,
      inputsJoin: "、",
      sortedBy: (what: string, descending: boolean) => `已按${what}${descending ? "降序" : "升序"}排列`,
      sortName: "名称拼音",
      sortValue: (title: string, period: string) => `“${title}”${period}数值`,
      sortChange: (title: string) => `“${title}”同比变化`,
      entryHeading: "测评指标",
      indicator: "指标",
      unit: "单位",
      note: "说明",
      unitless: "—",
    },
    case: {
      content: "案例内容",
      figures: "案例配图",
      submitter: "填报单位",
      recommender: "推荐单位",
    },
  },
  en: {
    skip: "Skip to content",
    switchTo: "中文",
    switchLang: "zh" as Lang,
    home: "Home",
    breadcrumbs: "Breadcrumbs",
    campaigns: "Campaigns",
    homeIntro: "Shortlists, public votes and publicity.",
    noCampaigns: "No campaigns yet.",
    listsCount: (n: number) => (n === 1 ? "1 list" : `${n} lists`),
    organizer: "Organizer",
    organizerSection: "Organizer and contact",
    contact: "Contact",
    stage: "Current stage",
    stageUnknown: "not announced",
    stageNames: {
      collecting: "Call for entries",
      reviewing: "Review",
      voting: "Voting",
      publicity: "Publicity",
      published: "Published",
    } as Record<Stage, string>,
    stageBar: "Campaign progress",
    stageNow: "now",
    today: "today",
    lists: "Lists",
    list: "List",
    rules: "Voting rules",
    campaignRules: "Campaign rules",
    privacy: "Privacy",
    entriesCount: (n: number) => (n === 1 ? "1 entry" : `${n} entries`),
    ranked: "Ranked by score",
    unranked: "In pinyin order of name, in no order of merit",
    states: { open: "Voting open", scheduled: "Voting not open yet", closed: "Voting closed", none: "No public vote" } as Record<
      VotingState,
      string
    >,
    window: (from: string, to: string) => `${from} – ${to}`,
    perDayRule: (perDay: number, perEntry: number) =>
      `Each voter may vote for up to ${perDay} different entries a day, at most ${perEntry === 1 ? "once" : `${perEntry} times`} per entry a day.`,
    dayRule: (zone: string) => `A day is a calendar day in ${zone}; votes renew at midnight.`,
    windowRule: (w: string) => `Voting window: ${w}.`,
    botRule:
      "Every vote passes a bot check. Do not use vote bots: anomalous votes are reviewed and voided, and the voiding is kept on record.",
    noVoting: "This campaign's lists have no public vote.",
    appliesTo: "Applies to: ",
    zone: (tz: string) => (tz === "Asia/Shanghai" ? "Beijing time (Asia/Shanghai)" : tz),
    zoneNote: (tz: string) => (tz === "Asia/Shanghai" ? " (Beijing time)" : ` (${tz})`),
    search: "Search",
    searchAndFilter: "Search and filter",
    searchPlaceholder: "Name or keyword",
    region: "Region",
    sector: "Sector",
    all: "All",
    showing: (shown: number | string, total: number) => `Showing ${shown} of ${total}`,
    noMatch: "No entries match.",
    rankLabel: "Rank",
    votesLabel: "Votes",
    rank: (n: number) => `No. ${n}`,
    votes: (n: string) => `${n} votes`,
    kind: "Kind",
    description: "About",
    noDescription: "No description yet.",
    backToList: "Back to the list",
    enableJs: "Voting is open: enable JavaScript to vote",
    generatedAt: (d: string) => `Data as of ${d}`,
    // --- S3 demonstration bases: the name a published entry is (to be) recognised under
    designation: "Recognised as",
    designationProposed: "To be recognised as",
    // ---- S1: indicator tables (list and entry pages) and case pages ----
    sheet: {
      caption: (title: string, latest: string, previous?: string) =>
        previous ? `${title}: ${latest} figures, with ${previous} and the year-on-year change below each` : `${title}: ${latest} figures`,
      cells: (latest: string, previous?: string) =>
        previous ? `Each cell shows ${latest}, with ${previous} and the change below.` : `Each cell shows ${latest}.`,
      hint: "Tap a column heading to sort by it, again to reverse; swipe the table sideways.",
      nameColumn: "Name",
      change: "YoY",
      changeColumn: "Year-on-year change",
      points: (v: string) => `${v} pp`,
      noFigure: "no figure",
      legendTitle: "Notes on the table",
      legendMissing:
        "“—” means there is no figure or it cannot be computed: data is missing, or the previous year is 0 so there is no change.",
      legendRelative: (latest: string, previous: string) => `YoY = (${latest} − ${previous}) ÷ ${previous}, in percent.`,
      legendDifference: "Shares entered in percent change by the difference between the years, in percentage points (pp).",
      legendDecimals: "Figures have two decimals unless a derived indicator's note says otherwise; sorting uses the unrounded values.",
      notes: "Notes",
      mark: (n: number) => `Note ${n}`,
      computedAs: "Computed here as: ",
      inputUnit: (title: string, unit: string) => `${title} in ${unit}`,
      inputsJoin: "; ",
      sortedBy: (what: string, descending: boolean) => `Sorted by ${what}, ${descending ? "descending" : "ascending"}`,
      sortName: "name (pinyin)",
      sortValue: (title: string, period: string) => `${title} (${period})`,
      sortChange: (title: string) => `${title}, year-on-year change`,
      entryHeading: "Indicators",
      indicator: "Indicator",
      unit: "Unit",
      note: "Note",
      unitless: "—",
    },
    case: {
      content: "The case",
      figures: "Figures",
      submitter: "Submitted by",
      recommender: "Recommended by",
    },
  },
};

export function kindLabel(kind: string, lang: Lang): string {
  return (lang === "en" ? enKinds : zhKinds)[kind] ?? kind;
}

// One formatter a language and zone: making one costs far more than formatting (the site build
// formats an instant on each of its thousands of pages).
const instantFormats = new Map<string, Intl.DateTimeFormat>();

/** "2025年5月20日 09:00" / "20 May 2025, 09:00", in the campaign's time zone. */
export function formatInstant(iso: string, timeZone: string, lang: Lang): string {
  const key = `${lang}|${timeZone}`;
  let format = instantFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "zh-CN", {
      timeZone,
      year: "numeric",
      month: lang === "en" ? "short" : "long",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    instantFormats.set(key, format);
  }
  return format.format(new Date(iso));
}

/** The voting window with its time zone, or null for a list without voting. */
export function votingWindow(list: SnapshotList, timeZone: string, lang: Lang): string | null {
  if (!list.voting) return null;
  const u = ui[lang];
  return (
    u.window(formatInstant(list.voting.opensAt, timeZone, lang), formatInstant(list.voting.closesAt, timeZone, lang)) + u.zoneNote(timeZone)
  );
}

/**
 * "12 个入围对象" where a list is voted on or ranked; elsewhere what the entries are ("8 个县域",
 * "12 个案例"): a list nobody votes on or ranks has no shortlist.
 */
export function entriesCountOf(list: SnapshotList, lang: Lang): string {
  const n = list.entries.length;
  if (list.voting || list.ranking === "ranked") return ui[lang].entriesCount(n);
  const kinds = new Set(list.entries.map((e) => e.kind));
  const kind = kinds.size === 1 ? [...kinds][0]! : undefined;
  if (lang === "en") {
    const word = kind ? enKinds[kind]?.toLowerCase() : undefined;
    if (!word) return ui.en.entriesCount(n);
    if (n === 1) return `1 ${word}`;
    return `${n} ${word === "person" ? "people" : word.endsWith("y") ? `${word.slice(0, -1)}ies` : `${word}s`}`;
  }
  return `${n} 个${(kind && zhKinds[kind]) || "对象"}`;
}

export function formatCount(n: number, lang: Lang): string {
  return n.toLocaleString(lang === "en" ? "en" : "zh-CN");
}

/** Splits a description into paragraphs on blank lines (or single newlines). */
export function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n|\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

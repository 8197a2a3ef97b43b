/**
 * Publicity pages: which publications they show, the period in words, and what changed from the
 * preliminary list to the final one. Page text for both languages lives here, beside the helpers.
 */
import type { Lang } from "../../common/i18n";
import type { SnapshotCampaign, SnapshotPublication } from "../../common/snapshot";

type Scope = string | undefined;

/** The newest publication of `kind` per scope (one list, or the whole campaign), newest first. */
export function currentPublications(campaign: SnapshotCampaign, kind: "preliminary" | "final"): SnapshotPublication[] {
  const seen = new Set<Scope>();
  const out: SnapshotPublication[] = [];
  for (const p of campaign.publications ?? []) {
    if (p.kind !== kind || seen.has(p.list)) continue;
    seen.add(p.list);
    out.push(p);
  }
  return out;
}

/**
 * What changed from the preliminary lists to a final one: per list of the final publication, the
 * newest earlier preliminary publication that covered it (that list alone, or the whole campaign).
 */
export function changes(campaign: SnapshotCampaign, final: SnapshotPublication) {
  type Named = { id: number; name: string; nameEn?: string };
  const dropped: Named[] = [];
  const added: Named[] = [];
  let compared = false;
  for (const list of final.lists) {
    const before = (campaign.publications ?? [])
      .filter((p) => p.kind === "preliminary" && p.id < final.id && (p.list === undefined || p.list === list.slug))
      .map((p) => p.lists.find((l) => l.slug === list.slug))
      .find((l) => l !== undefined);
    if (!before) continue;
    compared = true;
    const after = new Set(list.entries.map((e) => e.id));
    const earlier = new Set(before.entries.map((e) => e.id));
    dropped.push(...before.entries.filter((e) => !after.has(e.id)));
    added.push(...list.entries.filter((e) => !earlier.has(e.id)));
  }
  return { compared, dropped, added };
}

function parts(iso: string, timeZone: string, lang: Lang, withTime: boolean): string {
  return new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "zh-CN", {
    timeZone,
    year: "numeric",
    month: lang === "en" ? "short" : "long",
    day: "numeric",
    ...(withTime ? { hour: "2-digit", minute: "2-digit", hourCycle: "h23" as const } : {}),
  }).format(new Date(iso));
}

/** A period's end written as 24:00 of its last day ("2024年10月15日 24:00"), as notices do. */
export function formatEnd(iso: string, timeZone: string, lang: Lang): string {
  const at = Date.parse(iso);
  const local = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(at));
  if (local === "00:00") return `${parts(new Date(at - 1).toISOString(), timeZone, lang, false)} 24:00`;
  return parts(iso, timeZone, lang, true);
}

export function formatStart(iso: string, timeZone: string, lang: Lang): string {
  return parts(iso, timeZone, lang, true);
}

export const publicityText = {
  zh: {
    publicity: "公示",
    results: "结果",
    publicityTitle: "公示名单",
    resultsTitle: "正式名单",
    allLists: "全部榜单",
    noPublicity: "本活动尚未发布公示名单。",
    noResults: "本活动尚未发布正式名单。",
    period: "公示期",
    periodText: (from: string, to: string, n: number) => `${from} 至 ${to}，共 ${n} 个工作日（按国家法定工作日计算）`,
    zone: (tz: string) => (tz === "Asia/Shanghai" ? "北京时间" : tz),
    publishedAt: "发布时间",
    checksum: "名单校验值（SHA-256）",
    json: "名单数据（JSON）",
    objectTitle: "提出异议",
    objectIntro: "对公示名单中的对象有异议的，请在公示期内以真实姓名提出，并留下联系方式，以便核实和答复。匿名异议不予受理。",
    objectOther: (contact: string) => `也可以通过主办方联系方式提出：${contact}`,
    objectNoScript: "在线提交异议需要启用 JavaScript（用于人机验证）。",
    objectEnded: "公示期已结束，不再受理异议。",
    objectPrivacy: "您的姓名和联系方式仅主办方可见，不会公开。详见",
    privacy: "隐私说明",
    rank: (n: number) => `第 ${n} 名`,
    votes: (n: number) => `${n.toLocaleString("zh-CN")} 票`,
    unrankedNote: "按名称拼音排序，排列不分先后",
    changesTitle: "与公示名单相比",
    noChanges: "与公示名单相比，没有变化。",
    dropped: "未列入正式名单",
    added: "新列入",
    noPreliminary: "此前未发布公示名单。",
    viewPublicity: "查看公示名单",
    viewResults: "查看正式名单",
  },
  en: {
    publicity: "Publicity",
    results: "Results",
    publicityTitle: "Preliminary list for publicity",
    resultsTitle: "Final list",
    allLists: "All lists",
    noPublicity: "No list has been published for publicity yet.",
    noResults: "No final list has been published yet.",
    period: "Publicity period",
    periodText: (from: string, to: string, n: number) =>
      `${from} – ${to}, ${n} working day${n === 1 ? "" : "s"} on China's official calendar`,
    zone: (tz: string) => (tz === "Asia/Shanghai" ? "Beijing time" : tz),
    publishedAt: "Published",
    checksum: "Checksum of the list (SHA-256)",
    json: "The list as data (JSON)",
    objectTitle: "Raise an objection",
    objectIntro:
      "If you object to an entry on the list, raise it during the publicity period under your real name, with a way to reach you so it can be checked and answered. Anonymous objections are not accepted.",
    objectOther: (contact: string) => `You can also object through the organizer: ${contact}`,
    objectNoScript: "Submitting online needs JavaScript (for the bot check).",
    objectEnded: "The publicity period has ended; objections are no longer accepted.",
    objectPrivacy: "Only the organizers see your name and contact; they are never published. See the",
    privacy: "privacy notice",
    rank: (n: number) => `No. ${n}`,
    votes: (n: number) => `${n.toLocaleString("en")} votes`,
    unrankedNote: "In pinyin order of name, in no order of merit",
    changesTitle: "Changes from the preliminary list",
    noChanges: "No changes from the preliminary list.",
    dropped: "Not on the final list",
    added: "Added",
    noPreliminary: "No preliminary list was published before.",
    viewPublicity: "See the preliminary list",
    viewResults: "See the final list",
  },
};

/**
 * The campaign page's notice sections in both languages: how to take part, who may apply, how
 * entries are judged, whom to ask. The components' weights and trimming are put in words here.
 */
import { t, type Lang } from "../../common/i18n";
import type { Localized, SnapshotCampaign } from "../../common/snapshot";

const pct = (w: number) => `${Number((w * 100).toFixed(2))}%`;

export const noticeText = {
  zh: {
    sections: "活动通知",
    apply: "参与方式",
    channel: "报名入口",
    mailbox: "报名邮箱",
    subject: "邮件主题",
    deadlines: "截止时间",
    recommender: "推荐",
    fee: "费用",
    passed: "已截止",
    requirements: "申报要求",
    judging: "评审办法",
    judgingLink: "评审办法与各维度说明",
    composite: (parts: string) => `每个维度的得分由${parts}构成；总分为各维度得分的平均值。`,
    compositeSingle: (title: string) => `每个维度由${title}评分；总分为各维度得分的平均值。`,
    // unranked campaigns (S3): the weights as the notice gives them, and that no marks are published
    unrankedComposite: (parts: string) => `综合评价由${parts}构成。名单不分先后，不公布评分。`,
    part: (title: string, w: number) => `${title}（${pct(w)}）`,
    join: "、",
    trim: (title: string) => `${title}：评分人在 5 位及以上时，去掉一个最高分和一个最低分后取平均。`,
    voteNormalize: (max: boolean) =>
      max ? "网络投票得分 = 100 × 该对象的有效票数 ÷ 本榜单得票最多对象的有效票数。" : "网络投票得分按得票名次折算。",
    noScoring: "本活动不计算综合得分，名单不分先后。",
    dimensions: (n: number) => `评价维度（${n} 个）`,
    listDimensions: (list: string, n: number) => `${list}的评价维度（${n} 个）`,
    weighted: (w: number) => `权重 ${w}`,
    organizerChoice: "主办方的选择",
    organizerChoices: "以下规则为主办方的选择，活动通知中没有：",
    contacts: "联系方式",
    call: (n: string) => `拨打 ${n}`,
    write: (e: string) => `发邮件至 ${e}`,
  },
  en: {
    sections: "From the notice",
    apply: "How to take part",
    channel: "Where to apply",
    mailbox: "Application email",
    subject: "Email subject",
    deadlines: "Deadlines",
    recommender: "Recommendation",
    fee: "Fee",
    passed: "passed",
    requirements: "Who may apply",
    judging: "How entries are judged",
    judgingLink: "How entries are judged",
    composite: (parts: string) => `Each dimension's score is made of ${parts}; the total is the mean of the dimension scores.`,
    compositeSingle: (title: string) => `Each dimension is scored by ${title}; the total is the mean of the dimension scores.`,
    unrankedComposite: (parts: string) => `The assessment weighs ${parts}. Lists are in no order of merit and no marks are published.`,
    part: (title: string, w: number) => `${title} (${pct(w)})`,
    join: ", ",
    trim: (title: string) => `${title}: with five or more scorers, the highest and the lowest score are dropped before averaging.`,
    voteNormalize: (max: boolean) =>
      max
        ? "Online vote score = 100 × the entry's valid votes ÷ the most valid votes of any entry in the list."
        : "The online vote score follows the entry's place by votes.",
    noScoring: "No composite score is computed; the lists are in no order of merit.",
    dimensions: (n: number) => `Dimensions (${n})`,
    listDimensions: (list: string, n: number) => `${list}: its own dimensions (${n})`,
    weighted: (w: number) => `weight ${w}`,
    organizerChoice: "the organizer's choice",
    organizerChoices: "These rules are the organizer's choice; the campaign's notice does not contain them:",
    contacts: "Contacts",
    call: (n: string) => `Call ${n}`,
    write: (e: string) => `Email ${e}`,
  },
} satisfies Record<Lang, unknown>;

/** The organizer's own rule on a topic, if the campaign marks one. */
export function organizerRule(campaign: SnapshotCampaign, about: "vote" | "trim" | "weights"): Localized | undefined {
  return campaign.organizerRules?.find((r) => r.about === about)?.text;
}

/** The campaign page has a 评审办法 section: components, dimensions or category values that say what they mean. */
export function hasJudging(campaign: SnapshotCampaign): boolean {
  return (
    campaign.components.length > 0 ||
    campaign.dimensions.length > 0 ||
    (campaign.categories ?? []).some((c) => c.values.some((v) => v.description))
  );
}

/**
 * The campaign's contacts in one line ("咨询（组委会） 010-…、139…；监督 010-…"), for the places that
 * quote the organizer's contact in a sentence: the single `contact` of an older file wins.
 */
export function contactText(campaign: SnapshotCampaign, lang: Lang): string | undefined {
  if (campaign.contact) return campaign.contact;
  if (!campaign.contacts) return undefined;
  const sep = lang === "en" ? ", " : "、";
  return campaign.contacts
    .map((c) => [t(c.role, lang), c.name, [...(c.phone ?? []), ...(c.email ? [c.email] : [])].join(sep)].filter(Boolean).join(" "))
    .join(lang === "en" ? "; " : "；");
}

/** A phone number as a tel: URI: digits and a leading +. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^0-9+]/g, "")}`;
}

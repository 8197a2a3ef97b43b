/**
 * What a campaign's notice tells a visitor beyond the lists: its stages with dates (`timeline`),
 * how and by when to apply (`apply`), who may apply (`requirements`), whom to ask (`contacts`), and
 * the rules a demo or an organizer adds that the notice does not contain (`organizerRules`).
 * The campaign page is built from these; see docs/decisions/027-the-notice-on-the-page.md.
 */
import { z } from "zod";
import { isoInstant, key, localized, uniqueBy } from "./campaign-fields.ts";

/** The stages the live state knows: a timeline stage names the one it is, so a running 公示 is current. */
export const phases = ["collecting", "reviewing", "voting", "publicity", "published"] as const;
export type Phase = (typeof phases)[number];

/** A calendar day, YYYY-MM-DD, in the campaign's time zone. */
export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "须为 YYYY-MM-DD 格式的日期，如 2024-10-08")
  .refine((s) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return true; // reported by the pattern alone
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "不是有效的日期");

export const timelineStage = z
  .object({
    key,
    title: localized,
    /** which live stage this is (collecting … published); a stage without one is marked by its dates alone */
    phase: z.enum(phases).optional(),
    from: calendarDate,
    /** the last day, inclusive; absent for a one-day stage or one whose end the notice leaves open */
    to: calendarDate.optional(),
    /** the notice's words about the stage ("2024年10月底~11月", "即日起") */
    note: localized.optional(),
  })
  .strict()
  .refine((s) => !s.to || s.to >= s.from, { message: "to 不能早于 from", path: ["to"] });

export const timeline = z
  .array(timelineStage)
  .min(1, "至少需要一个阶段")
  .superRefine(uniqueBy((s: { key: string }) => s.key))
  .superRefine((stages, ctx) => {
    stages.forEach((s, i) => {
      const before = stages[i - 1];
      if (before && s.from < before.from)
        ctx.addIssue({ code: "custom", path: [i, "from"], message: `阶段须按时间先后排列：早于上一阶段（${before.from}）` });
    });
    const seen = new Set<string>();
    stages.forEach((s, i) => {
      if (!s.phase) return;
      if (seen.has(s.phase)) ctx.addIssue({ code: "custom", path: [i, "phase"], message: `重复的阶段类型：${s.phase}` });
      seen.add(s.phase);
    });
  });

const httpsUrl = z
  .string()
  .trim()
  .regex(/^https?:\/\/\S+$/, "须为以 http:// 或 https:// 开头的网址");

const email = z
  .string()
  .trim()
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "不是有效的电子邮箱");

/** digits with the separators people write (010-67410642, +86 139 1050 0297); tel: links drop them */
const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ()\-]{4,24}[0-9]$/, "电话只能包含数字、空格、括号、连字符和开头的 +");

export const deadline = z.object({ title: localized, at: isoInstant }).strict();

export const apply = z
  .object({
    /** how to take part, in the notice's words */
    how: localized.optional(),
    /** where: the application page */
    url: httpsUrl.optional(),
    /** where: the mailbox applications go to */
    email: email.optional(),
    /** the email subject rule (S1: 数据/案例名称+单位+联系人+联系方式) */
    subject: localized.optional(),
    deadlines: z.array(deadline).optional(),
    /** who may recommend (S0: 地方行业主管部门、行业商（协）会) */
    recommender: localized.optional(),
    fee: localized.optional(),
  })
  .strict()
  .refine((a) => Object.values(a).some((v) => v !== undefined), { message: "apply 至少需要一项内容" });

export const contact = z
  .object({
    /** 咨询, 监督, 征集申报 … */
    role: localized,
    name: z.string().trim().min(1).optional(),
    phone: z
      .array(phone)
      .min(1)
      .or(phone.transform((p) => [p]))
      .optional(),
    email: email.optional(),
    /** shown beside the contact: for a demo, that its numbers are placeholders (示例) */
    note: localized.optional(),
  })
  .strict()
  .refine((c) => c.phone !== undefined || c.email !== undefined, { message: "联系方式至少需要电话或电子邮箱之一", path: ["phone"] });

/** Which rule an organizer added: the public vote, trimming expert scores, the components' weights, or another. */
export const organizerRuleTopics = ["vote", "trim", "weights", "other"] as const;

export const organizerRule = z.object({ about: z.enum(organizerRuleTopics), text: localized }).strict();

export const noticeFields = {
  timeline: timeline.optional(),
  apply: apply.optional(),
  requirements: z.array(localized).min(1, "至少需要一条").optional(),
  contacts: z.array(contact).min(1, "至少需要一个联系方式").optional(),
  /** rules this campaign has that its notice does not contain; each is marked on the page as the organizer's choice */
  organizerRules: z.array(organizerRule).optional(),
};

export type TimelineStage = z.infer<typeof timelineStage>;
export type ApplyDefinition = z.infer<typeof apply>;
export type ContactDefinition = z.infer<typeof contact>;
export type OrganizerRule = z.infer<typeof organizerRule>;

/**
 * The checks across fields: no 投票 stage and no vote rule where the campaign has no vote, no trim
 * rule where no component trims.
 */
export function checkNotice(
  c: {
    timeline?: TimelineStage[];
    organizerRules?: OrganizerRule[];
    components: { key: string; trim: boolean }[];
    lists: { voting?: unknown }[];
  },
  ctx: z.RefinementCtx,
): void {
  const hasVote = c.lists.some((l) => l.voting) || c.components.some((x) => x.key === "vote");
  c.timeline?.forEach((s, i) => {
    if (s.phase === "voting" && !hasVote) {
      ctx.addIssue({ code: "custom", path: ["timeline", i, "phase"], message: "本活动没有设置投票的榜单，不能有投票阶段" });
    }
  });
  const seen = new Set<string>();
  c.organizerRules?.forEach((r, i) => {
    if (r.about !== "other" && seen.has(r.about)) {
      ctx.addIssue({ code: "custom", path: ["organizerRules", i, "about"], message: `重复的规则：${r.about}` });
    }
    seen.add(r.about);
    if (r.about === "vote" && !hasVote) {
      ctx.addIssue({ code: "custom", path: ["organizerRules", i, "about"], message: "本活动不设投票，不能说明投票规则的来源" });
    }
    if (r.about === "trim" && !c.components.some((x) => x.trim)) {
      ctx.addIssue({ code: "custom", path: ["organizerRules", i, "about"], message: "没有设置 trim 的组成部分" });
    }
  });
}

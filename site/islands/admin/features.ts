/**
 * Every part of the console beyond the lists, registered here once: where it lives in the address and
 * its label; each is its own chunk, loaded when first opened.
 *   scope "global"   → #/<key>                     (the small menu: tokens, audit log, campaign file)
 *   scope "campaign" → #/c/<campaign>/<key>        (the campaign's tabs)
 *   scope "list"     → #/c/<campaign>/l/<list>/<key> (the list panel's tabs)
 */
import type { JSX } from "solid-js";
import type { Console } from "./client";
import type { AdminCampaign, AdminList } from "./types";

export interface FeatureProps {
  c: Console;
  campaign?: AdminCampaign;
  list?: AdminList;
  /** refetch campaigns after a change */
  changed: () => void;
}
export interface Feature {
  key: string; // used in the address: #/c/<campaign>/<key>, #/c/<campaign>/l/<list>/<key>, #/<key>
  scope: "global" | "campaign" | "list";
  title: { zh: string; en: string }; // the tab / menu label
  load: () => Promise<{ default: (p: FeatureProps) => JSX.Element }>; // dynamic import: one chunk per feature
  /** offered only where this holds (e.g. eligibility needs an indicator sheet); always when absent */
  offered?: (campaign?: AdminCampaign, list?: AdminList) => boolean;
  /** the whole screen is for organizers (an upload, the tokens): not offered to a read-only token */
  organizers?: true;
}

export const features: Feature[] = [
  { key: "anomalies", scope: "campaign", title: { zh: "异常复核", en: "Anomalies" }, load: () => import("./Anomalies") },
  { key: "exports", scope: "campaign", title: { zh: "导出", en: "Exports" }, load: () => import("./Exports") },
  {
    key: "eligibility",
    scope: "campaign",
    title: { zh: "资格核对", en: "Eligibility" },
    load: () => import("./Eligibility"),
    offered: (c) => c?.indicators === true,
  },
  { key: "audit", scope: "global", title: { zh: "审计日志", en: "Audit log" }, load: () => import("./Audit") },
  {
    key: "import",
    scope: "global",
    title: { zh: "上传活动文件", en: "Upload a campaign file" },
    load: () => import("./CampaignFile"),
    organizers: true,
  },
  {
    key: "definition",
    scope: "campaign",
    title: { zh: "更新活动文件", en: "Campaign file" },
    load: () => import("./CampaignFile"),
    organizers: true,
  },
  {
    key: "scores",
    scope: "campaign",
    title: { zh: "评分表", en: "Scores" },
    load: () => import("./Uploads").then((m) => ({ default: m.Scores })),
    organizers: true,
  },
  {
    key: "indicators",
    scope: "campaign",
    title: { zh: "指标表", en: "Indicators" },
    load: () => import("./Uploads").then((m) => ({ default: m.Indicators })),
    organizers: true,
    offered: (c) => c?.indicators !== false,
  },
  {
    key: "entries",
    scope: "list",
    title: { zh: "参评对象表", en: "Entries file" },
    load: () => import("./Uploads").then((m) => ({ default: m.Entries })),
    organizers: true,
  },
  {
    key: "scoring",
    scope: "campaign",
    title: { zh: "专家评审", en: "Expert scoring" },
    load: () => import("./Scoring"),
    offered: (c) => c?.scoring === true,
  },
  { key: "tokens", scope: "global", title: { zh: "管理令牌", en: "Admin tokens" }, load: () => import("./Tokens"), organizers: true },
  { key: "publish", scope: "campaign", title: { zh: "公示与结果", en: "Publicity and results" }, load: () => import("./Publish") },
  { key: "objections", scope: "campaign", title: { zh: "异议处理", en: "Objections" }, load: () => import("./Objections") },
  { key: "revocations", scope: "campaign", title: { zh: "摘牌", en: "Revocation" }, load: () => import("./Revocations") },
];

/**
 * How a revocation (摘牌) reads on the results and entry pages: the badge, the dated line with the
 * reason, and the note that the final list stays as it was published.
 */
import type { Lang } from "../../common/i18n";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** A YYYY-MM-DD day as the page writes it: 2027年3月1日, 1 March 2027 (no zone: it is a calendar day). */
export function formatDay(day: string, lang: Lang): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return lang === "en" ? `${d} ${MONTHS[m - 1]} ${y}` : `${y}年${m}月${d}日`;
}

export const revocationText = {
  zh: {
    badge: "已摘牌",
    line: (day: string) => `${formatDay(day, "zh")}摘牌：`,
    kept: "正式名单按发布时原样保留，校验值不变；此后摘牌的对象在名单中另行标注。",
    count: (n: number) => `本名单发布后，有 ${n} 个对象被取消认定命名并摘牌。`,
    entryNote: "该对象已被取消认定命名。原正式名单按发布时原样保留：",
    results: "查看正式名单",
  },
  en: {
    badge: "Revoked",
    line: (day: string) => `Designation revoked on ${formatDay(day, "en")}: `,
    kept: "The final list stays as it was published, with the same checksum; entries revoked since are marked on it.",
    count: (n: number) => `Since this list was published, ${n} ${n === 1 ? "entry has" : "entries have"} lost the designation.`,
    entryNote: "This entry no longer holds its designation. The final list stays as it was published:",
    results: "see the final list",
  },
} as const;

/** The vote islands' words for every state, in Chinese and English. */
import type { Lang } from "./props";

export const strings = {
  zh: {
    vote: "投票",
    again: "再投一票",
    voted: "已投票",
    usedUp: "今日票数已用完",
    closed: "投票已截止",
    scheduled: "投票未开始",
    none: "不设投票",
    busy: "投票中…",
    wait: "请稍候",
    forEntry: (name: string) => `：${name}`,
    count: (n: string) => `${n} 票`,
    rank: (n: number) => `第 ${n} 名`,
    remaining: (n: number) => `今日还可投 ${n} 票`,
    perDay: (n: number) => `每人每天可投 ${n} 票`,
    done: (n: number) => `投票成功！今日还可投 ${n} 票。`,
    meFailed: "暂时无法获取今日余票",
    network: "网络异常，投票未完成。请检查网络后重试。",
    httpError: (status: number) => `投票暂时无法完成（${status}），请稍后重试。`,
    botFail: "人机验证未完成，请检查网络后重试。",
    botWait: "请完成下方的人机验证…",
  },
  en: {
    vote: "Vote",
    again: "Vote again",
    voted: "Voted",
    usedUp: "No votes left today",
    closed: "Voting closed",
    scheduled: "Voting not open yet",
    none: "No public vote",
    busy: "Voting…",
    wait: "Please wait",
    forEntry: (name: string) => ` for ${name}`,
    count: (n: string) => `${n} votes`,
    rank: (n: number) => `No. ${n}`,
    remaining: (n: number) => (n === 1 ? "1 vote left today" : `${n} votes left today`),
    perDay: (n: number) => `${n} votes per person per day`,
    done: (n: number) => `Vote recorded. ${n === 1 ? "1 vote" : `${n} votes`} left today.`,
    meFailed: "Votes left today: unavailable",
    network: "Network error: the vote did not go through. Check your connection and try again.",
    httpError: (status: number) => `The vote could not be completed (${status}). Please try again later.`,
    botFail: "The bot check did not complete. Check your connection and try again.",
    botWait: "Please complete the check below…",
  },
};

export function formatCount(n: number, lang: Lang): string {
  return n.toLocaleString(lang === "en" ? "en" : "zh-CN");
}

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
    remaining: (n: number) => `今日还可投 ${n} 票`,
    perDay: (n: number) => `每人每天可投 ${n} 票`,
    done: (n: number) => (n > 0 ? `投票成功！今日还可投 ${n} 票。` : "投票成功！今日票数已用完，明天再来。"),
    usedUpTomorrow: (n: number) => `明天可再投 ${n} 票`,
    noVotes: "暂无投票",
    liveAt: (time: string) => `实时名次 · ${time} 更新`,
    asOf: (time: string) => `名次截至 ${time}`,
    updated: (time: string) => `${time} 更新`,
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
    remaining: (n: number) => (n === 1 ? "1 vote left today" : `${n} votes left today`),
    perDay: (n: number) => `${n} votes per person per day`,
    done: (n: number) =>
      n > 0
        ? `Vote recorded. ${n === 1 ? "1 vote" : `${n} votes`} left today.`
        : "Vote recorded. That was your last vote today; come back tomorrow.",
    usedUpTomorrow: (n: number) => (n === 1 ? "1 more vote tomorrow" : `${n} more votes tomorrow`),
    noVotes: "No votes yet",
    liveAt: (time: string) => `Live places · updated ${time}`,
    asOf: (time: string) => `Places as of ${time}`,
    updated: (time: string) => `updated ${time}`,
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

/** Shared by the publicity islands: the live state of a period and its words. */
export type Lang = "zh" | "en";
export type PeriodState = "upcoming" | "open" | "ended";

export function periodState(startsAt: string, endsAt: string, now: number): PeriodState {
  if (now < Date.parse(startsAt)) return "upcoming";
  if (now < Date.parse(endsAt)) return "open";
  return "ended";
}

/** "3 天 4 小时" / "3 days 4 hours": whole days and hours, minutes on the last hour. */
export function remaining(ms: number, lang: Lang): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (lang === "en") {
    const unit = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
    if (d > 0) return `${unit(d, "day")} ${unit(h, "hour")}`;
    if (h > 0) return `${unit(h, "hour")} ${unit(m, "minute")}`;
    return unit(m, "minute");
  }
  if (d > 0) return `${d} 天 ${h} 小时`;
  if (h > 0) return `${h} 小时 ${m} 分钟`;
  return `${m} 分钟`;
}

export const clockText = {
  zh: {
    upcoming: (left: string) => `公示尚未开始，距开始还有 ${left}`,
    open: (left: string) => `公示中，距结束还有 ${left}`,
    ended: "公示期已结束",
  },
  en: {
    upcoming: (left: string) => `Publicity has not started; it starts in ${left}`,
    open: (left: string) => `Publicity is open; it ends in ${left}`,
    ended: "The publicity period has ended",
  },
};

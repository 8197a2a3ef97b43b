/**
 * Working days on China's official calendar, as plain functions over a calendar's data: weekends
 * are rest days, public holidays are rest days, make-up workdays (调休) are working days even on a
 * weekend. A day in a year whose official schedule the data does not have is not guessed: the
 * arithmetic refuses it, naming the year, so an organizer can give an explicit end instead.
 *
 * Days are `YYYY-MM-DD` strings (calendar days, no time zone); instants are epoch ms.
 */

export interface OfficialCalendarData {
  /** years whose State Council holiday schedule the data holds */
  years: ReadonlySet<number>;
  /** public holidays (rest days), YYYY-MM-DD */
  holidays: ReadonlySet<string>;
  /** make-up workdays (调休上班), YYYY-MM-DD, usually a Saturday or Sunday */
  makeUpWorkdays: ReadonlySet<string>;
}

export type DayKind = "workday" | "makeUpWorkday" | "weekend" | "holiday";

export class UnknownCalendarYearError extends Error {
  constructor(readonly year: number) {
    super(`the official holiday schedule for ${year} is not in the calendar data`);
  }
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `day` is a real calendar day written YYYY-MM-DD. */
export function isCalendarDay(day: string): boolean {
  const m = DAY.exec(day);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === day;
}

/** The day after `day` (UTC arithmetic on a calendar date: no time zone can shift it). */
export function nextDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** What kind of day `day` is; throws UnknownCalendarYearError outside the data's years. */
export function dayKind(calendar: OfficialCalendarData, day: string): DayKind {
  const year = Number(day.slice(0, 4));
  if (!calendar.years.has(year)) throw new UnknownCalendarYearError(year);
  if (calendar.makeUpWorkdays.has(day)) return "makeUpWorkday";
  if (calendar.holidays.has(day)) return "holiday";
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return weekday === 0 || weekday === 6 ? "weekend" : "workday";
}

export function isWorkingDay(calendar: OfficialCalendarData, day: string): boolean {
  const kind = dayKind(calendar, day);
  return kind === "workday" || kind === "makeUpWorkday";
}

/** The first working day on or after `day`. */
export function firstWorkingDayFrom(calendar: OfficialCalendarData, day: string): string {
  let d = day;
  while (!isWorkingDay(calendar, d)) d = nextDay(d);
  return d;
}

/**
 * The last day of a period of `n` working days beginning on `start`; `start` counts when it is a
 * working day. (A 5-working-day period starting on a make-up Sunday ends four working days later.)
 */
export function periodEndDay(calendar: OfficialCalendarData, start: string, n: number): string {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError("a period has at least one working day");
  let d = start;
  let counted = 0;
  for (;;) {
    if (isWorkingDay(calendar, d)) {
      counted += 1;
      if (counted === n) return d;
    }
    d = nextDay(d);
  }
}

/** The working days of a period, in order (for pages that list them). */
export function periodWorkingDays(calendar: OfficialCalendarData, start: string, n: number): string[] {
  const days: string[] = [];
  let d = start;
  while (days.length < n) {
    if (isWorkingDay(calendar, d)) days.push(d);
    d = nextDay(d);
  }
  return days;
}

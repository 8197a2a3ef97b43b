/**
 * China's official working-day calendar from the maintained `chinese-days` package (its JSON data:
 * the State Council's holidays and make-up workdays per year, imported as a module so every runtime
 * bundles it), behind the small interface the
 * domain's working-day arithmetic takes. Replacing the source means replacing this file.
 */
import chineseDays from "chinese-days/dist/chinese-days.json" with { type: "json" };
import type { OfficialCalendarData } from "../domain/working-days.ts";

interface ChineseDaysJson {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

let loaded: OfficialCalendarData | undefined;

/** The calendar data, read once. A year counts as known when the data lists a holiday in it. */
export function officialCalendar(): OfficialCalendarData {
  if (!loaded) {
    const data = chineseDays as ChineseDaysJson;
    const holidays = new Set(Object.keys(data.holidays));
    loaded = {
      years: new Set([...holidays].map((d) => Number(d.slice(0, 4)))),
      holidays,
      makeUpWorkdays: new Set(Object.keys(data.workdays)),
    };
  }
  return loaded;
}

/** The first and last year the calendar knows (for messages). */
export function calendarYears(calendar: OfficialCalendarData = officialCalendar()): { first: number; last: number } {
  const years = [...calendar.years].sort((a, b) => a - b);
  return { first: years[0]!, last: years.at(-1)! };
}

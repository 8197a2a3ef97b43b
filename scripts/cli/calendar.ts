/**
 * `calendar period-end <date> <n>` → YYYY-MM-DD alone on stdout: the last day of a publicity period
 * of n working days on China's official calendar. No database; the calendar's data loads only here.
 */
import { InvalidArgumentError, type Command } from "commander";
import { isCalendarDay, periodEndDay, UnknownCalendarYearError } from "../../api/domain/working-days.ts";
import { wholeNumber } from "./shared.ts";

function calendarDate(value: string): string {
  if (!isCalendarDay(value))
    throw new InvalidArgumentError(`日期须为 YYYY-MM-DD 格式的有效日期，收到 ${value} / the date must be a real YYYY-MM-DD date`);
  return value;
}

export function registerCalendar(program: Command): void {
  program
    .command("calendar")
    .description("法定工作日 / official working days")
    .command("period-end")
    .description("公示期最后一天（法定工作日，含调休）/ last of n working days")
    .argument("<date>", "开始日期，为工作日则计入 / first day, YYYY-MM-DD, counted if a working day", calendarDate)
    .argument("<n>", "工作日数 / working days, 1–366", wholeNumber({ zh: "工作日数", en: "n" }, 1, 366))
    .action(async (date: string, days: number) => {
      const [{ officialCalendar }, { unknownYearError }] = await Promise.all([
        import("../../api/ports/calendar.ts"),
        import("../../api/services/publicity.ts"),
      ]);
      try {
        console.log(periodEndDay(officialCalendar(), date, days));
      } catch (error) {
        // a year the State Council has not published yet: the operation fails (exit 1), naming it
        if (error instanceof UnknownCalendarYearError) throw unknownYearError(error.year);
        throw error;
      }
    });
}

/**
 * What the CLI prints when it stops, and with which exit code: 1 when the operation failed (a bad
 * file, a refused import, a bad row found by verify, a refusal from the services), 2 when the
 * command line itself is wrong, found before anything is opened. One reason, Chinese first.
 */
import { CommanderError } from "commander";
import { ConfigError } from "../../api/config.ts";
import { AppError } from "../../api/errors.ts";

/** A command line that cannot be run as given (a bad --filter, say): exit 2, like commander's own. */
export class UsageError extends Error {}

/** The operation failed for a reason the organizer can act on: exit 1, the message alone. */
export class CliError extends Error {}

export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** Prints the reason for `error` on stderr and returns the exit code. */
export function reportError(error: unknown): number {
  if (error instanceof CommanderError) {
    // help asked for: already printed on stdout
    if (error.exitCode === 0) return 0;
    console.error(usageLine(error));
    return EXIT_USAGE;
  }
  if (error instanceof UsageError) {
    console.error(error.message);
    return EXIT_USAGE;
  }
  console.error(failureMessage(error));
  return EXIT_FAILED;
}

/** commander's usage errors (English, sometimes on two lines) as one line, Chinese first. */
export function usageLine(error: CommanderError): string {
  const en = error.message.replace(/^error: /, "").replace(/\s*\n\s*/g, " ");
  const quoted = /'([^']*)'/.exec(en)?.[1] ?? "";
  const guess = /\(Did you mean (.+)\?\)/.exec(en)?.[1];
  switch (error.code) {
    case "commander.unknownCommand":
      return `未知命令 ${quoted}${guess ? `，是否要用 ${guess}？` : "，--help 列出全部命令"} / ${en}`;
    case "commander.unknownOption":
      return `未知选项 ${quoted}${guess ? `，是否要用 ${guess}？` : ""} / ${en}`;
    case "commander.missingArgument":
      return `缺少参数 <${quoted}> / ${en}`;
    case "commander.optionMissingArgument":
      return `选项 ${quoted} 缺少取值 / ${en}`;
    case "commander.missingMandatoryOptionValue":
      return `缺少选项 ${quoted} / ${en}`;
    case "commander.excessArguments":
      return `参数过多 / ${en}`;
    case "commander.invalidArgument":
      return invalidValueLine(en);
    case "commander.help":
      // a group without its subcommand, or `help` for an unknown one: the help is already on stderr
      return "缺少或未知的子命令，用法见上 / a missing or unknown subcommand, usage above";
    default:
      return en;
  }
}

/**
 * A value refused by `.choices()` (commander's English) or by one of our parsers (whose
 * InvalidArgumentError already says it in both languages, after commander's prefix).
 */
function invalidValueLine(en: string): string {
  const choice = /^option '(\S+)[^']*' argument '([^']*)' is invalid\. Allowed choices are (.+)\.$/.exec(en);
  if (choice) {
    const [, flag, value, choices] = choice;
    return `${flag} 须为 ${choices!.split(", ").join("、")} 之一，收到 ${value} / ${flag} must be one of ${choices}`;
  }
  return /is invalid(?: for argument '[^']*')?\. (.+)$/.exec(en)?.[1] ?? en;
}

/** An operation's failure: the services' Chinese message, with every bad row of a refused file. */
export function failureMessage(error: unknown): string {
  if (error instanceof AppError) return error.message_("zh") + problemLines(error);
  if (error instanceof CliError || error instanceof ConfigError) return error.message;
  return `出错了 / failed: ${error instanceof Error ? error.message : String(error)}`;
}

/** A refused file's bad rows (row 0: an entry already in the list) or a campaign file's problems by path. */
function problemLines(error: AppError): string {
  const rows = error.extra?.body?.rows as { row: number; column: string; message: string }[] | undefined;
  const problems = error.extra?.body?.problems as { path: string; message: string }[] | undefined;
  const lines = [
    ...(rows ?? []).map((r) => `  ${r.row > 0 ? `第 ${r.row} 行 ` : ""}${r.column}：${r.message}`),
    ...(problems ?? []).map((p) => `  ${p.path}: ${p.message}`),
  ];
  return lines.length ? "\n" + lines.join("\n") : "";
}

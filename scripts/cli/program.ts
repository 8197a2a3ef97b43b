/**
 * The command tree on commander. Usage errors do not exit from inside commander: they are thrown
 * (exitOverride) and the entry turns them into one line and exit code 2. Help is bilingual, and the
 * top-level help lists every command with its arguments, subcommands included.
 */
import { Command, Help } from "commander";
import { registerCalendar } from "./calendar.ts";
import { registerCampaigns } from "./campaigns.ts";
import { registerExport } from "./export.ts";
import { registerImports } from "./imports.ts";
import { registerPublicity } from "./publicity.ts";
import { registerPurge } from "./purge.ts";
import { registerReview } from "./review.ts";
import { registerRevoke } from "./revoke.ts";
import { registerTokens } from "./tokens.ts";
import { registerVerify } from "./verify.ts";

const titles: Record<string, string> = {
  "Usage:": "用法 / Usage:",
  "Arguments:": "参数 / Arguments:",
  "Options:": "选项 / Options:",
  "Commands:": "命令 / Commands:",
};

const plain = new Help();

/** The commands to list under `cmd`: a group's subcommands in its place, without their own `help`. */
function listed(cmd: Command, top = true): Command[] {
  return plain.visibleCommands(cmd).flatMap((c) => (c.commands.length > 0 ? listed(c, false) : !top && c.name() === "help" ? [] : [c]));
}

/** `token create --name <name> --role <role>`: the full path, the arguments and the options it needs. */
function term(cmd: Command): string {
  const path: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) path.unshift(c.name());
  if (path.length === 0) path.push(cmd.name());
  const args = cmd.registeredArguments.map((a) => (a.required ? `<${a.name()}>` : `[${a.name()}]`));
  const required = cmd.options.filter((o) => o.mandatory).map((o) => o.flags);
  const more = cmd.options.some((o) => !o.mandatory) ? ["[options]"] : [];
  return [...path, ...args, ...required, ...more].join(" ");
}

export function buildProgram(): Command {
  // configured before any command is added: commands copy these settings when they are created
  const program = new Command("npm run bangdan --")
    .description(
      "榜单组织者命令行：与管理 API 相同的操作，作用于同一数据库，服务运行时也可使用\nthe organizer's terminal: the admin API's operations on the same database, safe while the server runs",
    )
    .usage("<command> [options]")
    .helpOption("-h, --help", "显示帮助 / show help")
    .helpCommand("help [command]", "显示命令的帮助 / show a command's help")
    .configureHelp({ styleTitle: (title) => titles[title] ?? title, visibleCommands: (cmd) => listed(cmd), subcommandTerm: term })
    .configureOutput({ outputError: () => {} })
    .exitOverride()
    .showSuggestionAfterError(true)
    .addHelpText(
      "after",
      "\n退出码 / exit codes: 0 成功 / done · 1 操作失败 / the operation failed · 2 用法错误 / a usage error\n每个命令都有 --help / every command has --help",
    );
  registerCampaigns(program);
  registerImports(program);
  registerTokens(program);
  registerPublicity(program);
  registerRevoke(program);
  registerCalendar(program);
  registerExport(program);
  registerReview(program);
  registerVerify(program);
  registerPurge(program);
  return program;
}

/**
 * Admin tokens: `token create --name <n> --role organizer|auditor`, or a scorer's
 * `token create --name <n> --role scorer --campaign <c> [--lists a,b] [--recuse <slug,…>] [--round <key>]`, `token list` and
 * `token revoke <name>` (or `--name <n>`), by the same rules as the admin API (api/services/tokens.ts):
 * a name belongs to one active token, and the last organizer token stays.
 */
import { Option, type Command } from "commander";
import { createToken, listTokens, revokeToken } from "../../api/services/tokens.ts";
import { UsageError } from "./errors.ts";
import { actor, withDatabase } from "./shared.ts";

export function registerTokens(program: Command): void {
  const token = program.command("token").description("管理令牌 / admin tokens");

  token
    .command("create")
    .description("创建管理令牌（只显示一次）/ create an admin token, shown once")
    .requiredOption("--name <name>", "令牌名称，不可与有效令牌重名 / the token's name, unique among active tokens")
    .addOption(new Option("--role <role>", "角色 / role").choices(["organizer", "auditor", "scorer"]).makeOptionMandatory())
    .option("--campaign <slug>", "评审专家令牌所属活动 / the scorer's campaign")
    .option("--lists <slugs>", "评审专家只评这些榜单（逗号分隔）/ only these lists, comma-separated")
    .option("--recuse <slugs>", "回避的参评对象（slug 或 list/slug，逗号分隔）/ entries to recuse from, comma-separated")
    .option("--round <key>", "评审轮次，默认最后一轮 / the round, the last one by default")
    .action(
      async (options: {
        name: string;
        role: "organizer" | "auditor" | "scorer";
        campaign?: string;
        lists?: string;
        recuse?: string;
        round?: string;
      }) => {
        const { name, role, campaign, round } = options;
        const split = (s: string | undefined) =>
          s === undefined
            ? undefined
            : s
                .split(/[,，]/)
                .map((x) => x.trim())
                .filter((x) => x !== "");
        const scorerOnly = [campaign, options.lists, options.recuse, round].some((x) => x !== undefined);
        if (role !== "scorer" && scorerOnly)
          throw new UsageError("--campaign、--lists、--recuse、--round 只用于 --role scorer / these options are for scorer tokens only");
        const scorer = role === "scorer" ? { campaign, lists: split(options.lists), recuse: split(options.recuse), round } : undefined;
        const created = await withDatabase((ctx) => createToken(ctx, { name, role, actor: actor(), ...(scorer ? { scorer } : {}) }));
        // alone on stdout, so `token=$(npm run bangdan -- token create …)` captures just the token
        process.stdout.write(created.token + "\n");
      },
    );

  token
    .command("list")
    .description("列出有效令牌（名称、角色、创建、最近使用）/ list active tokens: name, role, created, last used")
    .action(async () => {
      const tokens = await withDatabase((ctx) => listTokens(ctx));
      const day = (iso: string | null) => (iso === null ? "从未使用 / never" : iso.slice(0, 16).replace("T", " ") + "Z");
      const rows = [
        ["名称 / name", "角色 / role", "创建 / created", "最近使用 / last used"],
        ...tokens.map((t) => [t.name, t.role, day(t.createdAt), day(t.lastUsedAt)]),
      ];
      const width = (s: string) =>
        [...s].reduce(
          (n, ch) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1),
          0,
        );
      const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => width(r[i]!))));
      for (const r of rows)
        console.log(r.map((cell, i) => (i === r.length - 1 ? cell : cell + " ".repeat(widths[i]! - width(cell)))).join("  "));
    });

  token
    .command("revoke")
    .description("吊销该名称的令牌，立即生效 / revoke the token of that name, at once")
    .argument("[name]", "令牌名称 / the token's name")
    .option("--name <name>", "同上 / the same, as an option")
    .action(async (positional: string | undefined, { name: option }: { name?: string }) => {
      const name = positional ?? option;
      if (name === undefined) throw new UsageError("需要令牌名称：token revoke <name> / the token's name is required");
      await withDatabase((ctx) => revokeToken(ctx, { name, actor: actor() }));
      console.log(`已吊销令牌 ${name} / revoked ${name}`);
    });
}

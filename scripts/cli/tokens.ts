/** Admin tokens: `token create --name <n> --role organizer|auditor` and `token revoke --name <n>`. */
import { Option, type Command } from "commander";
import { newAdminToken, tokenHash } from "../../api/secrets.ts";
import { appendAudit, insertAdminToken, revokeAdminToken } from "../../db/index.ts";
import { CliError } from "./errors.ts";
import { actor, withDatabase } from "./shared.ts";

export function registerTokens(program: Command): void {
  const token = program.command("token").description("管理令牌 / admin tokens");

  token
    .command("create")
    .description("创建管理令牌（只显示一次）/ create an admin token, shown once")
    .requiredOption("--name <name>", "令牌名称 / the token's name")
    .addOption(new Option("--role <role>", "角色 / role").choices(["organizer", "auditor"]).makeOptionMandatory())
    .action(async ({ name, role }: { name: string; role: "organizer" | "auditor" }) => {
      const secret = newAdminToken();
      const at = Date.now();
      const who = actor();
      await withDatabase((ctx) =>
        ctx.db.writer.run(async (tx) => {
          await insertAdminToken(tx, { name, role, tokenHash: tokenHash(secret), at });
          await appendAudit(tx, { at, actor: who, action: "token.create", target: name, details: { role } });
        }),
      );
      // alone on stdout, so `token=$(npm run bangdan -- token create …)` captures just the token
      process.stdout.write(secret + "\n");
    });

  token
    .command("revoke")
    .description("吊销该名称的令牌 / revoke the tokens of that name")
    .requiredOption("--name <name>", "令牌名称 / the token's name")
    .action(async ({ name }: { name: string }) => {
      const at = Date.now();
      const who = actor();
      const n = await withDatabase((ctx) =>
        ctx.db.writer.run(async (tx) => {
          const revoked = await revokeAdminToken(tx, name, at);
          await appendAudit(tx, { at, actor: who, action: "token.revoke", target: name, details: { count: revoked } });
          return revoked;
        }),
      );
      if (n === 0) throw new CliError(`没有名为 ${name} 的有效令牌 / no active token named ${name}`);
      console.log(`已吊销 ${n} 个令牌 / revoked ${n}`);
    });
}

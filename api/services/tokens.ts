/**
 * Admin tokens, shared by the admin API and the CLI: list, create (the token is shown once; only
 * its hash is kept) and revoke. A name belongs to one active token; the last organizer token
 * cannot be revoked, so nobody locks every organizer out. Each change is one writer job with its
 * audit record.
 */
import {
  activeOrganizerCount,
  activeTokens,
  appendAudit,
  findActiveTokenByName,
  insertAdminToken,
  revokeAdminToken,
  type Role,
} from "../../db/index.ts";
import { AppError } from "../errors.ts";
import { newAdminToken, tokenHash } from "../secrets.ts";
import type { ServiceContext } from "./context.ts";

export const TOKEN_ROLES = ["organizer", "auditor"] as const satisfies readonly Role[];
export const TOKEN_NAME_MAX = 40;

/** A token's name: trimmed, 1–40 characters, no control characters and no `/` (it is a path segment). */
export function tokenNameProblem(name: string): { zh: string; en: string } | undefined {
  if (name.length === 0) return { zh: "请填写令牌名称", en: "The token needs a name" };
  if ([...name].length > TOKEN_NAME_MAX)
    return { zh: `令牌名称不能超过 ${TOKEN_NAME_MAX} 个字符`, en: `A token's name is at most ${TOKEN_NAME_MAX} characters` };
  if (/[\u0000-\u001f\u007f/\\]/.test(name))
    return { zh: "令牌名称不能含有控制字符或斜杠", en: "A token's name may not contain control characters or slashes" };
  return undefined;
}

export async function listTokens(ctx: ServiceContext) {
  const rows = await activeTokens(ctx.db.read);
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return rows.map((t) => ({ name: t.name, role: t.role, createdAt: iso(t.createdAt), lastUsedAt: iso(t.lastUsedAt) }));
}

function duplicate(name: string): AppError {
  return new AppError("conflict", {
    zh: `已有名为 ${name} 的令牌，请换一个名称（或先吊销它）`,
    en: `A token named ${name} already exists; choose another name (or revoke it first)`,
  });
}

export async function createToken(
  ctx: ServiceContext,
  input: { name: string; role: Role; actor: string },
): Promise<{ name: string; role: Role; token: string }> {
  const name = input.name.trim();
  const problem = tokenNameProblem(name);
  if (problem) throw new AppError("invalid_request", problem);
  const token = newAdminToken();
  const at = ctx.clock.now();
  await ctx.db.writer.run(async (tx) => {
    if (await findActiveTokenByName(tx, name)) throw duplicate(name);
    try {
      await insertAdminToken(tx, { name, role: input.role, tokenHash: tokenHash(token), at });
    } catch (error) {
      // another process (the CLI beside the server) took the name in between: the unique index says so
      if (/UNIQUE constraint failed: admin_tokens\.name/.test(String((error as { cause?: unknown }).cause ?? error))) throw duplicate(name);
      throw error;
    }
    await appendAudit(tx, { at, actor: input.actor, action: "token.create", target: name, details: { role: input.role } });
  });
  return { name, role: input.role, token };
}

export async function revokeToken(ctx: ServiceContext, input: { name: string; actor: string }): Promise<void> {
  const { name, actor } = input;
  const at = ctx.clock.now();
  await ctx.db.writer.run(async (tx) => {
    const found = await findActiveTokenByName(tx, name);
    if (!found) throw new AppError("not_found", { zh: `没有名为 ${name} 的有效令牌`, en: `No active token named ${name}` });
    if (found.role === "organizer" && (await activeOrganizerCount(tx)) <= 1) {
      throw new AppError("conflict", {
        zh: `${name} 是最后一个主办方令牌，吊销后将无人能管理；请先创建另一个主办方令牌`,
        en: `${name} is the last organizer token: revoking it would leave nobody able to manage; create another organizer token first`,
      });
    }
    await revokeAdminToken(tx, name, at);
    await appendAudit(tx, { at, actor, action: "token.revoke", target: name, details: { role: found.role } });
  });
}

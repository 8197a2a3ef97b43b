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
  type ScorerScope,
} from "../../db/index.ts";
import { expertComponents, findRound, roundsOf } from "../domain/expert-scoring.ts";
import { AppError } from "../errors.ts";
import { newAdminToken, tokenHash } from "../secrets.ts";
import type { ServiceContext } from "./context.ts";

export const TOKEN_ROLES = ["organizer", "auditor", "scorer"] as const satisfies readonly Role[];
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
  return rows.map((t) => ({
    name: t.name,
    role: t.role,
    createdAt: iso(t.createdAt),
    lastUsedAt: iso(t.lastUsedAt),
    ...(t.scope ? { campaign: t.scope.campaign, lists: t.scope.lists, recuse: t.scope.recuse, round: t.scope.round } : {}),
  }));
}

function duplicate(name: string): AppError {
  return new AppError("conflict", {
    zh: `已有名为 ${name} 的令牌，请换一个名称（或先吊销它）`,
    en: `A token named ${name} already exists; choose another name (or revoke it first)`,
  });
}

/** What a scorer token asks for, before it is checked against the campaign. */
export interface ScorerRequest {
  campaign?: string;
  lists?: string[];
  recuse?: string[];
  round?: string;
}

const invalid = (zh: string, en: string) => new AppError("invalid_request", { zh, en });

/**
 * A scorer token's scope, checked against the campaign as it is now: the campaign exists and has a
 * component experts score, the lists are its own, each recusal names one of its entries, and the
 * round is declared (the last one when none is named).
 */
export function scorerScope(ctx: ServiceContext, request: ScorerRequest): ScorerScope {
  const slug = request.campaign?.trim();
  if (!slug) throw invalid("评审专家（scorer）令牌须指定 campaign（活动标识）", "A scorer token needs a campaign");
  const campaign = ctx.catalog.current.campaign(slug);
  if (!campaign) throw invalid(`campaign：找不到活动 ${slug}`, `campaign: no such campaign ${slug}`);
  if (expertComponents(campaign.definition.components).length === 0)
    throw invalid(
      `campaign：活动 ${slug} 没有由专家评分的组成部分（components[].scoredBy: experts）`,
      `campaign: ${slug} has no component scored by experts (components[].scoredBy: experts)`,
    );
  let lists: string[] | null = null;
  if (request.lists && request.lists.length > 0) {
    lists = [...new Set(request.lists.map((l) => l.trim()))];
    const unknown = lists.filter((l) => !campaign.lists.some((x) => x.slug === l));
    if (unknown.length)
      throw invalid(`lists：活动 ${slug} 没有榜单 ${unknown.join("、")}`, `lists: ${slug} has no list ${unknown.join(", ")}`);
  }
  const recuse = [...new Set((request.recuse ?? []).map((r) => r.trim()).filter((r) => r !== ""))];
  for (const r of recuse) {
    const [listSlug, entrySlug] = r.includes("/") ? r.split("/", 2) : [undefined, r];
    const found = campaign.lists.some(
      (l) => (listSlug === undefined || l.slug === listSlug) && l.entries.some((e) => e.slug === entrySlug),
    );
    if (!found) throw invalid(`recuse：活动 ${slug} 没有参评对象 ${r}`, `recuse: ${slug} has no entry ${r}`);
  }
  const rounds = roundsOf(campaign.definition);
  const round = request.round?.trim() ? findRound(campaign.definition, request.round.trim()) : rounds[rounds.length - 1];
  if (!round || (request.round?.trim() && round.key !== request.round.trim()))
    throw invalid(
      `round：活动 ${slug} 没有评审轮次 ${request.round}（可用：${rounds.map((r) => r.key).join("、") || "无"}）`,
      `round: ${slug} has no round ${request.round} (known: ${rounds.map((r) => r.key).join(", ") || "none"})`,
    );
  return { campaign: campaign.slug, lists, recuse, round: round.key };
}

export async function createToken(
  ctx: ServiceContext,
  input: { name: string; role: Role; actor: string; scorer?: ScorerRequest },
): Promise<{ name: string; role: Role; token: string }> {
  const name = input.name.trim();
  const problem = tokenNameProblem(name);
  if (problem) throw new AppError("invalid_request", problem);
  const scope = input.role === "scorer" ? scorerScope(ctx, input.scorer ?? {}) : undefined;
  const token = newAdminToken();
  const at = ctx.clock.now();
  await ctx.db.writer.run(async (tx) => {
    if (await findActiveTokenByName(tx, name)) throw duplicate(name);
    try {
      await insertAdminToken(tx, { name, role: input.role, tokenHash: tokenHash(token), at, ...(scope ? { scope } : {}) });
    } catch (error) {
      // another process (the CLI beside the server) took the name in between: the unique index says so
      if (/UNIQUE constraint failed: admin_tokens\.name/.test(String((error as { cause?: unknown }).cause ?? error))) throw duplicate(name);
      throw error;
    }
    await appendAudit(tx, {
      at,
      actor: input.actor,
      action: "token.create",
      target: name,
      details: { role: input.role, ...(scope ? { scope } : {}) },
    });
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

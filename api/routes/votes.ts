/**
 * POST /api/votes and GET /api/me/votes. The voter is the signed `bd_voter` cookie; both issue it
 * when it is missing, so a page's first read makes the browser a voter before its first vote.
 */
import type { Context, Hono } from "hono";
import { z } from "zod";
import type { AppDeps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { readJson } from "../http/body.ts";
import { clientIp, deviceDescription, voterCookie, voterOf } from "../http/client.ts";
import type { AnswerOf } from "../http/direct.ts";
import { noStore, viaContext, type Answer } from "../http/public.ts";
import { MAX_TOKEN_LENGTH } from "../ports/bot-check.ts";
import { castVote, voterToday } from "../services/votes.ts";

export const voteRequestSchema = z
  .object({
    entryId: z.union([
      z.number().int().positive(),
      z
        .string()
        .regex(/^[1-9]\d{0,15}$/)
        .transform(Number),
    ]),
    token: z.string().min(1, "缺少人机验证令牌").max(MAX_TOKEN_LENGTH, "令牌过长"),
    idempotencyKey: z.string().min(1).max(200).optional(),
  })
  .strict();

export const meVotesQuery = z.object({
  campaign: z.string().min(1, "缺少 campaign 参数").max(64),
  list: z.string().min(1).max(64).optional(),
});

export const VOTES_PATH = "/api/votes";

/**
 * POST /api/votes as plain parts: `Cache-Control: no-store` and a new voter's cookie go into
 * `headers` before anything can fail, so an error answer carries them too. Answered ahead of the
 * middleware (api/app.ts, api/http/direct.ts) and, behind it, by the registered route.
 */
export function voteAnswer(deps: AppDeps): AnswerOf {
  return async (c: Context, headers: Record<string, string>): Promise<Answer> => {
    const receivedAt = deps.clock.now();
    headers["Cache-Control"] = "no-store";
    const voter = voterCookie(c, deps);
    if (voter.setCookie) headers["Set-Cookie"] = voter.setCookie;
    const body = await readJson(c, voteRequestSchema);
    const answer = await castVote(deps, {
      entryId: body.entryId,
      token: body.token,
      idempotencyKey: body.idempotencyKey,
      voterId: voter.id,
      cookieless: voter.issued,
      ip: clientIp(c, deps),
      device: deviceDescription(c),
      receivedAt,
    });
    headers["Content-Type"] = "application/json; charset=UTF-8";
    return { status: answer.status as 201, body: answer.body, headers };
  };
}

export function registerVoteRoutes(app: Hono, deps: AppDeps): void {
  const vote = voteAnswer(deps);
  app.post(VOTES_PATH, async (c) => {
    const headers: Record<string, string> = {};
    try {
      return viaContext(c, await vote(c, headers));
    } catch (error) {
      for (const name in headers) c.header(name, headers[name], { append: name === "Set-Cookie" });
      throw error;
    }
  });

  app.get("/api/me/votes", async (c) => {
    noStore(c);
    const query = meVotesQuery.safeParse(c.req.query());
    if (!query.success) {
      throw new AppError("invalid_request", { zh: query.error.issues[0]!.message, en: "campaign is required" });
    }
    // A browser without a cookie gets one here, so the vote it casts next (and any retry of it)
    // carries a voter id even when the vote's own answer is lost on the way.
    const voter = voterOf(c, deps);
    const known = voter.issued ? undefined : voter.id;
    return c.json(await voterToday(deps, { voterId: known, campaign: query.data.campaign, list: query.data.list, now: deps.clock.now() }));
  });
}

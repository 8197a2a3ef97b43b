/** POST /api/votes and GET /api/me/votes. The voter is the signed `bd_voter` cookie. */
import type { Context, Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import type { AppDeps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { noStore, readJson } from "../http.ts";
import { MAX_TOKEN_LENGTH } from "../ports/bot-check.ts";
import { newVoterId } from "../secrets.ts";
import { castVote, voterToday } from "../services/votes.ts";

export const VOTER_COOKIE = "bd_voter";
const COOKIE_MAX_AGE_S = 400 * 24 * 3600;

export const voteRequestSchema = z
  .object({
    entryId: z.union([z.number().int().positive(), z.string().regex(/^[1-9]\d{0,15}$/).transform(Number)]),
    token: z.string().min(1, "缺少人机验证令牌").max(MAX_TOKEN_LENGTH, "令牌过长"),
    idempotencyKey: z.string().min(1).max(200).optional(),
  })
  .strict();

export const meVotesQuery = z.object({
  campaign: z.string().min(1, "缺少 campaign 参数").max(64),
  list: z.string().min(1).max(64).optional(),
});

/** The voter's id from the cookie, or a new one set on this response. */
function voterId(c: Context, deps: AppDeps, issue: boolean): string | undefined {
  const existing = deps.secrets.verifyVoterCookie(getCookie(c, VOTER_COOKIE));
  if (existing || !issue) return existing;
  const id = newVoterId();
  const secure =
    deps.http.secureCookies === "always" ||
    (deps.http.secureCookies === "auto" &&
      (new URL(c.req.url).protocol === "https:" || (deps.http.ipHeader !== undefined && c.req.header("x-forwarded-proto") === "https")));
  setCookie(c, VOTER_COOKIE, deps.secrets.signVoterId(id), {
    httpOnly: true,
    sameSite: "Lax",
    secure,
    path: "/",
    maxAge: COOKIE_MAX_AGE_S,
  });
  return id;
}

export function clientIp(c: Context, deps: AppDeps): string {
  if (deps.http.ipHeader) {
    const value = c.req.header(deps.http.ipHeader);
    // The proxy we trust appends the address it saw: the last one is the one it vouches for.
    const last = value?.split(",").map((s) => s.trim()).filter(Boolean).at(-1);
    if (last) return last;
  }
  return deps.remoteAddress?.(c.req.raw, c.env) ?? "unknown";
}

/** What the browser tells about itself; hashed with the IP prefix into the vote's device hash. */
export function deviceDescription(c: Context): string {
  const h = (name: string) => (c.req.header(name) ?? "").slice(0, 512);
  return [h("user-agent"), h("accept-language"), h("sec-ch-ua"), h("sec-ch-ua-platform"), h("sec-ch-ua-mobile"), h("sec-ch-ua-model")].join("\n");
}

export function registerVoteRoutes(app: Hono, deps: AppDeps): void {
  app.post("/api/votes", async (c) => {
    const receivedAt = deps.clock.now();
    noStore(c);
    const voter = voterId(c, deps, true)!;
    const body = await readJson(c, voteRequestSchema);
    const answer = await castVote(deps, {
      entryId: body.entryId,
      token: body.token,
      idempotencyKey: body.idempotencyKey,
      voterId: voter,
      ip: clientIp(c, deps),
      device: deviceDescription(c),
      receivedAt,
    });
    return c.body(answer.body, answer.status as 201, { "Content-Type": "application/json; charset=UTF-8" });
  });

  app.get("/api/me/votes", async (c) => {
    noStore(c);
    const query = meVotesQuery.safeParse(c.req.query());
    if (!query.success) {
      throw new AppError("invalid_request", { zh: query.error.issues[0]!.message, en: "campaign is required" });
    }
    const voter = voterId(c, deps, false);
    return c.json(await voterToday(deps, voter, query.data.campaign, query.data.list, deps.clock.now()));
  });
}

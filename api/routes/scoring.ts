/**
 * The scoring API for experts (Authorization: Bearer <scorer token>): their assignments, a draft per
 * entry, and submitting the sheet. No token or an unknown one → 401; an organizer's or auditor's
 * token → 403 (a scorer token is refused by the organizer API in turn, api/http/admin.ts).
 */
import type { Context, Hono, MiddlewareHandler } from "hono";
import { z } from "zod";
import type { AppDeps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { readJson } from "../http/body.ts";
import { clientIp } from "../http/client.ts";
import { noStore } from "../http/public.ts";
import { refuseAnonymous } from "../services/admin-access.ts";
import { assignments, findScorer, saveEntryDraft, submitSheet, type ScorerIdentity } from "../services/expert-scoring.ts";

type ScorerEnv = { Variables: { scorer: ScorerIdentity } };

function requireScorer(deps: AppDeps): MiddlewareHandler<ScorerEnv> {
  return async (c, next) => {
    noStore(c);
    const m = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header("authorization") ?? "");
    const found = m ? await findScorer(deps, m[1]!) : undefined;
    if (!found) {
      // counted and limited per address like the organizer API's calls without a valid token (429 past the limit)
      const url = new URL(c.req.url);
      await refuseAnonymous(deps, { ip: clientIp(c, deps), method: c.req.method, path: url.pathname, search: url.search });
      c.header("WWW-Authenticate", 'Bearer realm="bangdan-scoring"');
      throw new AppError("unauthorized", { zh: "需要有效的评审令牌", en: "A valid scorer token is required" });
    }
    if (found === "other")
      throw new AppError("forbidden", { zh: "评分接口只接受评审专家（scorer）令牌", en: "The scoring API takes scorer tokens only" });
    c.set("scorer", found);
    await next();
  };
}

const scorerOf = (c: Context<ScorerEnv>) => c.get("scorer");

export function registerScoringRoutes(app: Hono, deps: AppDeps): void {
  const guard = requireScorer(deps);
  app.get("/api/scoring/assignments", guard, async (c) => c.json(await assignments(deps, scorerOf(c))));
  app.put("/api/scoring/entries/:id", guard, async (c) => {
    const body = await readJson(c, z.unknown(), 64 * 1024);
    return c.json(await saveEntryDraft(deps, scorerOf(c), { id: Number(c.req.param("id")), body }));
  });
  app.post("/api/scoring/submit", guard, async (c) => {
    const body = await readJson(c, z.object({ campaign: z.string().min(1, "请填写活动标识").max(200) }).strict());
    return c.json(await submitSheet(deps, scorerOf(c), body));
  });
}

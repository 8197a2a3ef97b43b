/** Revocation (摘牌): a designated entry loses its designation; the publications stay as published. */
import { Hono } from "hono";
import type { AppDeps } from "../../deps.ts";
import { actorOf, type AdminEnv } from "../../http/admin.ts";
import { readJson } from "../../http/body.ts";
import { listRevocations, revocationRequestSchema, revokeDesignation } from "../../services/revocations.ts";

export function revocationRoutes(deps: AppDeps): Hono<AdminEnv> {
  const admin = new Hono<AdminEnv>();
  admin.post("/campaigns/:campaign/revocations", async (c) => {
    const body = await readJson(c, revocationRequestSchema);
    const revocation = await revokeDesignation(deps, { ...body, campaign: c.req.param("campaign"), actor: actorOf(c) });
    await deps.catalog.reload();
    return c.json({ revocation }, 201);
  });
  admin.get("/campaigns/:campaign/revocations", async (c) => {
    return c.json({ revocations: await listRevocations(deps, { campaign: c.req.param("campaign") }) });
  });
  return admin;
}

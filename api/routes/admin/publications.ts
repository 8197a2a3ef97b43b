/** Publishing preliminary and final lists; objections with names and contacts, and their resolution. */
import { Hono } from "hono";
import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { actorOf, type AdminEnv } from "../../http/admin.ts";
import { readJson } from "../../http/body.ts";
import { idParam, isoWithOffset, slugField, textField } from "../../http/params.ts";
import { previewPublication } from "../../services/publication-preview.ts";
import { campaignObjections, createPublication, publicationBody, resolveObjection } from "../../services/publicity.ts";

export const publishSchema = z
  .object({
    kind: z.enum(["preliminary", "final"], "kind 须为 preliminary 或 final"),
    list: slugField.optional(),
    startsAt: isoWithOffset.optional(),
    workingDays: z.number().int().min(1).max(60).optional(),
    endsAt: isoWithOffset.optional(),
    exclude: z
      .array(z.union([z.number().int().positive(), slugField]))
      .max(1000)
      .optional(),
    /** a preview: the period and counts the publication would have, nothing written */
    dryRun: z.boolean().optional(),
  })
  .strict();

const resolveSchema = z
  .object({
    resolution: z.enum(["upheld", "rejected"], "resolution 须为 upheld 或 rejected"),
    note: textField(2000, "处理意见"),
  })
  .strict();

export function publicationRoutes(deps: AppDeps): Hono<AdminEnv> {
  const admin = new Hono<AdminEnv>();

  admin.post("/campaigns/:campaign/publications", async (c) => {
    const { dryRun, ...body } = await readJson(c, publishSchema);
    if (dryRun) {
      c.set("preview", true);
      return c.json(await previewPublication(deps, { ...body, campaign: c.req.param("campaign") }));
    }
    const p = await createPublication(deps, { ...body, campaign: c.req.param("campaign"), actor: actorOf(c) });
    await deps.catalog.reload();
    return c.body(await publicationBody(deps, { id: p.id }), 201, { "Content-Type": "application/json; charset=UTF-8" });
  });

  admin.get("/objections", async (c) => {
    const campaign = c.req.query("campaign");
    const objections = await campaignObjections(deps, { campaign: campaign || undefined });
    // Names and contacts are for organizers: an auditor checks the handling, not the people
    // (the objections export is organizers-only for the same reason).
    if (c.get("admin").role !== "organizer")
      return c.json({ objections: objections.map(({ name: _name, contact: _contact, ...rest }) => rest) });
    return c.json({ objections });
  });

  admin.post("/objections/:id/resolve", async (c) => {
    const body = await readJson(c, resolveSchema);
    return c.json({ objection: await resolveObjection(deps, { ...body, id: idParam(c, "id"), actor: actorOf(c) }) });
  });
  return admin;
}

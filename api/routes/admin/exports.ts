/**
 * Exports: GET /api/admin/campaigns/{c}/export?kind=&format= streams the file with its manifest in
 * the `X-Bangdan-Manifest` header (all but the sha256, which is known only at the end);
 * GET /api/admin/exports lists the manifests with their sha256 once written (decision 010).
 */
import { Hono } from "hono";
import type { AppDeps } from "../../deps.ts";
import { AppError } from "../../errors.ts";
import { actorOf, type AdminEnv } from "../../http/admin.ts";
import { exportManifests, prepareExport } from "../../services/exports.ts";

/** JSON safe for an HTTP header: ASCII only, everything else as \u escapes. */
export function headerJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (ch) => "\\u" + ch.charCodeAt(0).toString(16).padStart(4, "0"));
}

export function exportRoutes(deps: AppDeps): Hono<AdminEnv> {
  const admin = new Hono<AdminEnv>();

  admin.get("/campaigns/:campaign/export", async (c) => {
    const prepared = await prepareExport(deps, {
      campaign: c.req.param("campaign"),
      kind: c.req.query("kind") ?? "tallies",
      format: c.req.query("format") ?? "csv",
      headers: c.req.query("headers"),
      actor: actorOf(c),
      role: c.get("admin").role,
    });
    const iterator = prepared.body[Symbol.asyncIterator]();
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const next = await iterator.next();
          if (next.done) controller.close();
          else controller.enqueue(next.value);
        } catch (error) {
          controller.error(error);
        }
      },
      async cancel() {
        await iterator.return?.();
      },
    });
    c.header("Content-Type", prepared.contentType);
    c.header("Content-Disposition", `attachment; filename="${prepared.filename}"`);
    c.header("X-Bangdan-Manifest", headerJson(prepared.manifest));
    c.header("X-Export-Id", String(prepared.manifest.id));
    c.header("Access-Control-Expose-Headers", "X-Bangdan-Manifest, X-Export-Id, Content-Disposition");
    return c.body(stream);
  });

  admin.get("/exports", async (c) => {
    const id = c.req.query("id");
    if (id !== undefined && !/^[1-9]\d{0,15}$/.test(id))
      throw new AppError("invalid_request", { zh: "id 须为正整数", en: "id must be a positive integer" });
    return c.json({
      exports: await exportManifests(deps, { id: id === undefined ? undefined : Number(id), campaign: c.req.query("campaign") }),
    });
  });
  return admin;
}

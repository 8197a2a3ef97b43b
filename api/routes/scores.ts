/**
 * Organizer score routes: import a scores file (CSV or XLSX as the raw body) and read the full
 * scoring whatever the public may see. Behind requireAdmin like every /api/admin route.
 */
import type { Context, Hono } from "hono";
import type { AppDeps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { readBody } from "../http.ts";
import { actorOf, type AdminEnv } from "./admin.ts";
import type { ScoreFileFormat } from "../services/score-file.ts";
import { campaignScoring, importScores, MAX_SCORE_FILE_BYTES, scoreFormatOf, XLSX_TYPE } from "../services/scores.ts";

const ACCEPTED = ["text/csv", "text/plain", "application/csv", XLSX_TYPE, "application/octet-stream"];

/**
 * An organizer's spreadsheet sent as the raw body (scores, indicator figures, cases): 415 unless it
 * is CSV or XLSX, 413 over the size limit. `what` names the file in the 415 message.
 */
export async function spreadsheetBody(c: Context, what: { zh: string; en: string }): Promise<{ bytes: Uint8Array; format: ScoreFileFormat }> {
  const unsupported = () =>
    new AppError("unsupported_media_type", {
      zh: `请以 CSV（Content-Type: text/csv）或 XLSX（application/vnd.openxmlformats-officedocument.spreadsheetml.sheet）提交${what.zh}`,
      en: `Send the ${what.en} as CSV (Content-Type: text/csv) or XLSX`,
    });
  const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!ACCEPTED.includes(type)) throw unsupported();
  const bytes = await readBody(c, MAX_SCORE_FILE_BYTES);
  const format = scoreFormatOf(type, bytes);
  if (!format) throw unsupported();
  return { bytes, format };
}

export function registerScoreRoutes(hono: Hono, deps: AppDeps): void {
  // registered after registerAdminRoutes, whose requireAdmin guards every /api/admin/* path
  const app = hono as unknown as Hono<AdminEnv>;
  app.post("/api/admin/campaigns/:campaign/scores", async (c) => {
    const { bytes, format } = await spreadsheetBody(c, { zh: "成绩文件", en: "scores file" });
    const result = await importScores(deps, deps.catalog.current, c.req.param("campaign"), bytes, format, actorOf(c));
    // This process follows at once; other processes within a poll (the catalog version moved).
    await deps.catalog.reload();
    deps.leaderboards.invalidate();
    return c.json(result);
  });

  app.get("/api/admin/campaigns/:campaign/scoring", async (c) => {
    return c.json(await campaignScoring(deps.db.read, deps.catalog.current, c.req.param("campaign"), deps.clock.now()));
  });
}

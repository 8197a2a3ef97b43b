/**
 * A list's entries from an organizer's spreadsheet (S2's city cases): merged into the list by slug,
 * checked as the whole campaign would then be (schema, lengths, quotas), all or nothing. Shared by
 * the admin API and the CLI.
 *
 * The stored definition is read, merged and written back in one writer job, so an import never
 * builds on a definition another import has replaced meanwhile.
 */
import { findList, storedDefinition } from "../../db/index.ts";
import { checkEntryImport } from "../domain/case-rows.ts";
import type { CampaignFile } from "../domain/campaign.ts";
import { AppError } from "../errors.ts";
import { writeCampaign } from "./campaigns.ts";
import { readScoreFile, refusedFile, type ScoreFileFormat } from "./score-file.ts";
import { MAX_SCORE_FILE_BYTES } from "./scores.ts";
import type { ServiceContext } from "./context.ts";

const refused = (problems: Parameters<typeof refusedFile>[2]) =>
  refusedFile({ zh: "名单文件", en: "entries file" }, { zh: "对象" }, problems);

export interface EntryImportResult {
  /** rows imported: added (new slugs) and replaced (slugs the list had) */
  imported: number;
  added: number;
  replaced: number;
}

export async function importEntries(
  ctx: ServiceContext,
  input: { campaign: string; list: string; bytes: Uint8Array; format: ScoreFileFormat; actor: string },
): Promise<EntryImportResult> {
  const { campaign: campaignSlug, list: listSlug, bytes, format, actor } = input;
  const notFound = () =>
    new AppError("not_found", { zh: `找不到榜单 ${campaignSlug}/${listSlug}`, en: `No such list ${campaignSlug}/${listSlug}` });
  if (!(await findList(ctx.db.read, campaignSlug, listSlug))) throw notFound();
  if (bytes.byteLength > MAX_SCORE_FILE_BYTES) throw new AppError("payload_too_large");
  const file = await readScoreFile(bytes, format);
  if (!file.ok) throw refused(file.problems);

  const at = ctx.clock.now();
  return ctx.db.writer.run(async (tx) => {
    const stored = await storedDefinition(tx, campaignSlug);
    if (!stored || stored.windows[listSlug] === undefined) throw notFound();
    const checked = checkEntryImport({
      campaign: stored.definition as CampaignFile,
      list: listSlug,
      windows: stored.windows,
      header: file.header,
      rows: file.rows,
    });
    if (!checked.ok) throw refused(checked.problems);
    const { imported, added, replaced } = checked;
    await writeCampaign(tx, checked.campaign, actor, at, {
      action: "entries.import",
      target: `${campaignSlug}/${listSlug}`,
      details: { format, imported, added, replaced },
    });
    return { imported, added, replaced };
  });
}

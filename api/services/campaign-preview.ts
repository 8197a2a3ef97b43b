/**
 * A campaign file's preview (`POST /api/admin/campaigns?dryRun=1`): what the import would change,
 * found by running the import itself in a writer job that is then rolled back. So the preview
 * refuses exactly what the import refuses (a 409 where votes would be orphaned, the re-import
 * rules), and nothing stays written, not even the audit record.
 */
import { storedDefinition } from "../../db/index.ts";
import { campaignChanges, type CampaignChanges } from "../domain/campaign-diff.ts";
import type { CampaignFile } from "../domain/campaign.ts";
import type { ServiceContext } from "./context.ts";
import { writeCampaign } from "./campaigns.ts";

export interface CampaignPreview {
  dryRun: true;
  campaign: string;
  exists: boolean;
  changes: CampaignChanges;
  warnings: { zh: string; en: string }[];
}

/** Thrown at the end of the preview's job: the job's savepoint rolls back, carrying what it found out. */
class RollBack extends Error {
  constructor(readonly preview: CampaignPreview) {
    super("preview rolled back");
  }
}

export async function previewCampaignImport(
  ctx: ServiceContext,
  input: { campaign: CampaignFile; actor: string },
): Promise<CampaignPreview> {
  const { campaign, actor } = input;
  const now = ctx.clock.now();
  try {
    await ctx.db.writer.run(async (tx) => {
      const stored = await storedDefinition(tx, campaign.slug);
      await writeCampaign(tx, campaign, actor, now);
      const changes = campaignChanges(stored?.definition as CampaignFile | undefined, campaign);
      throw new RollBack({ dryRun: true, campaign: campaign.slug, exists: stored !== undefined, changes, warnings: warningsOf(changes) });
    });
  } catch (error) {
    if (error instanceof RollBack) return error.preview;
    throw error;
  }
  /* c8 ignore next */
  throw new Error("unreachable: the preview's job always rolls back");
}

/** What an organizer should read twice before applying: what goes away. */
function warningsOf(changes: CampaignChanges): { zh: string; en: string }[] {
  const warnings: { zh: string; en: string }[] = [];
  const { lists, entries } = changes;
  if (lists.removed.length)
    warnings.push({
      zh: `将删除 ${lists.removed.length} 个榜单：${lists.removed.join("、")}`,
      en: `${lists.removed.length} list(s) will be removed: ${lists.removed.join(", ")}`,
    });
  const dropped = entries.removed.filter((e) => !lists.removed.includes(e.slice(0, e.indexOf("/"))));
  if (dropped.length)
    warnings.push({
      zh: `将从保留的榜单中删除 ${dropped.length} 个对象：${dropped.join("、")}`,
      en: `${dropped.length} entr(y/ies) will be removed from kept lists: ${dropped.join(", ")}`,
    });
  return warnings;
}

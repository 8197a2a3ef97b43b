/**
 * The current stage in words, for the header, footer and home page: the timeline's current stage
 * (common/timeline.ts) where the campaign has a timeline, else the organizer's stage name.
 */
import { currentStage, pick, ui, type Lang } from "../../common/i18n";
import type { SnapshotCampaign } from "../../common/snapshot";
import { currentStageTitle, dayIn } from "../../common/timeline";
import { loadSnapshot } from "./data";

/** The snapshot's day in the campaign's time zone: "today" for the pages built from it. */
export function snapshotDay(campaign: SnapshotCampaign): string {
  return dayIn(Date.parse(loadSnapshot().generatedAt), campaign.timezone);
}

export function stageLabel(campaign: SnapshotCampaign, lang: Lang): { text: string; lang: Lang } {
  if (campaign.timeline) {
    const title = currentStageTitle(campaign, snapshotDay(campaign));
    return title ? pick(title, lang) : { text: ui[lang].stageUnknown, lang };
  }
  const stage = currentStage(campaign);
  return { text: stage ? ui[lang].stageNames[stage] : ui[lang].stageUnknown, lang };
}

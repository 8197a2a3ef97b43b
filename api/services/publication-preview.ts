/**
 * A publication's preview (`dryRun`): the period and counts `createPublication` would record now,
 * from the same plan (same calendar, defaults, exclusions and refusals), with nothing written.
 */
import { isoInZone } from "../domain/voting.ts";
import type { ServiceContext } from "./context.ts";
import { planPublication, type PublishInput } from "./publicity.ts";

export interface PublicationPreview {
  dryRun: true;
  kind: "preliminary" | "final";
  list?: string;
  startsAt: string;
  endsAt: string;
  workingDays: number;
  /** entries the snapshot would hold */
  entries: number;
  /** entries left out: upheld objections and exclusions */
  excluded: number;
}

export async function previewPublication(ctx: ServiceContext, input: PublishInput & { campaign: string }): Promise<PublicationPreview> {
  const { campaign, startsAt, endsAt, workingDays, dropped, snapshot } = await planPublication(ctx, input);
  return {
    dryRun: true,
    kind: input.kind,
    ...(input.list !== undefined ? { list: input.list } : {}),
    startsAt: isoInZone(startsAt, campaign.timezone),
    endsAt: isoInZone(endsAt, campaign.timezone),
    workingDays,
    entries: snapshot.lists.reduce((n, l) => n + l.entries.length, 0),
    excluded: dropped.size,
  };
}

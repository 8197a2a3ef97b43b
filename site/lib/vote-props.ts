/** Island props from the snapshot, built in one place for the list page, its cards and the entry page. */
import type { VoteEntryProps, VoteListProps } from "../islands/vote-core";
import { formatInstant, listState, t, ui, votingWindow, type Lang } from "../../common/i18n";
import type { SnapshotCampaign, SnapshotEntry, SnapshotList } from "../../common/snapshot";
import { medalOf, placesShown, sharedRanks, type OrderedBy } from "../../common/ranks";

/** Whether a ranked list's places are shown at build time, and which ranks are shared (common/ranks.ts). */
export interface ListPlaces {
  shown: boolean;
  shared: Set<number>;
  orderedBy: OrderedBy;
}

export function listPlaces(list: SnapshotList): ListPlaces {
  const orderedBy = list.scoring?.orderedBy ?? "votes";
  if (list.ranking !== "ranked") return { shown: false, shared: new Set(), orderedBy };
  return { shown: placesShown(list.entries, orderedBy), shared: sharedRanks(list.entries), orderedBy };
}

/** An entry's place as the page shows it, or undefined while places are not shown. */
export function placeOf(entry: SnapshotEntry, places: ListPlaces): { rank: number; tied: boolean; medal?: number } | undefined {
  if (!places.shown || entry.rank === undefined) return undefined;
  return { rank: entry.rank, tied: places.shared.has(entry.rank), medal: medalOf(entry, places.orderedBy) };
}

/** null for a list without voting: such a list gets no vote islands at all. */
export function voteListProps(campaign: SnapshotCampaign, list: SnapshotList, lang: Lang, siteKey: string | null): VoteListProps | null {
  if (!list.voting) return null;
  return {
    campaign: campaign.slug,
    list: list.slug,
    lang,
    siteKey,
    state: list.voting.state,
    opensAt: list.voting.opensAt,
    closesAt: list.voting.closesAt,
    perDay: list.voting.perDay,
    perEntryPerDay: list.voting.perEntryPerDay,
    ranked: list.ranking === "ranked",
  };
}

export function voteEntryProps(listProps: VoteListProps, entry: SnapshotEntry, lang: Lang, places: ListPlaces): VoteEntryProps {
  const props: VoteEntryProps = { ...listProps, entryId: entry.id, entryName: t(entry.name, lang) };
  // Unranked lists never carry figures, even if a snapshot had them by mistake.
  if (listProps.ranked) {
    if (entry.votes !== undefined) props.votes = entry.votes;
    const place = placeOf(entry, places);
    if (place) {
      props.rank = place.rank;
      if (place.tied) props.tied = true;
      if (place.medal) props.medal = place.medal;
    }
  }
  return props;
}

/** The countdown island's props while a list's window is ahead or running, else null (see Countdown.tsx). */
export function countdownProps(campaign: SnapshotCampaign, list: SnapshotList, lang: Lang) {
  const state = listState(list);
  const dates = votingWindow(list, campaign.timezone, lang);
  if (!list.voting || !dates || (state !== "open" && state !== "scheduled")) return null;
  const at = (iso: string) => formatInstant(iso, campaign.timezone, lang) + ui[lang].zoneNote(campaign.timezone);
  return {
    lang,
    state,
    opensAt: list.voting.opensAt,
    closesAt: list.voting.closesAt,
    dates,
    opensText: at(list.voting.opensAt),
    closesText: at(list.voting.closesAt),
  };
}

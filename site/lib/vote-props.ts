/** Island props from the snapshot, built in one place for the list page, its cards and the entry page. */
import type { VoteEntryProps, VoteListProps } from "../islands/vote-core";
import { t, type Lang } from "../../common/i18n";
import type { SnapshotCampaign, SnapshotEntry, SnapshotList } from "../../common/snapshot";

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

export function voteEntryProps(listProps: VoteListProps, entry: SnapshotEntry, lang: Lang): VoteEntryProps {
  const props: VoteEntryProps = { ...listProps, entryId: entry.id, entryName: t(entry.name, lang) };
  // Unranked lists never carry figures, even if a snapshot had them by mistake.
  if (listProps.ranked) {
    if (entry.votes !== undefined) props.votes = entry.votes;
    if (entry.rank !== undefined) props.rank = entry.rank;
  }
  return props;
}

/** Props every vote island gets from the snapshot (site/lib/vote-props.ts builds them). */
export type Lang = "zh" | "en";
export type VotingState = "none" | "scheduled" | "open" | "closed";

export interface VoteListProps {
  campaign: string;
  list: string;
  lang: Lang;
  /** the bot check's site key; null → test mode (../bot-check/port.ts) */
  siteKey: string | null;
  state: VotingState;
  opensAt: string;
  closesAt: string;
  perDay: number;
  perEntryPerDay: number;
  ranked: boolean;
}

export interface VoteEntryProps extends VoteListProps {
  entryId: number;
  entryName: string;
  /** ranked lists only: the snapshot's figures, shown until the live ones arrive */
  votes?: number;
  /** absent while places are not shown (nobody has voted on a list ordered by votes) */
  rank?: number;
  /** another entry holds the same rank: read as 并列 */
  tied?: boolean;
  /** the top three's medal, where places are shown */
  medal?: number;
}

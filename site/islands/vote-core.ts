/**
 * What the vote islands share, imported from here: the props (./vote/props.ts), the words
 * (./vote/words.ts), the page's store of live state (./vote/live.ts), and a button's casting of a
 * vote (./vote/cast.ts) with its bot check (./bot-check/port.ts). It all ships as one chunk (see
 * astro.config.mjs), so the list page's JavaScript budget does not depend on how it is split.
 */
export type { Lang, VoteEntryProps, VoteListProps, VotingState } from "./vote/props";
export { formatCount, strings } from "./vote/words";
export { liveList, todayText, useLiveList, type ListLive } from "./vote/live";
export { useVote, type ButtonStatus } from "./vote/cast";

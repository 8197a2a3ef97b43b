/** The list page's "今日还可投 N 票" line; it also starts the page's one /api/me/votes request early. */
import { todayText, useLiveList, type VoteListProps } from "./vote-core";
import "./vote.css";

export default function VoteStatus(props: VoteListProps) {
  const text = todayText(props, useLiveList(props));
  return <p class="vstatus">{text()}</p>;
}

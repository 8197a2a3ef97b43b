/** The vote button itself, shared by the card's action row and the entry page's bar. */
import { strings, type useVote, type VoteEntryProps } from "./vote-core";

export default function VoteAction(props: {
  entry: VoteEntryProps;
  vote: ReturnType<typeof useVote>;
  botBox: () => HTMLDivElement;
  bar?: boolean;
}) {
  const s = strings[props.entry.lang];
  const v = props.vote;
  return (
    // aria-disabled, not disabled: the button keeps focus when it turns into 已投票
    <button
      type="button"
      class="vote-btn"
      classList={{ "vote-btn--bar": props.bar === true, "is-done": v.status() === "voted" }}
      aria-disabled={!v.enabled()}
      aria-busy={v.status() === "busy"}
      onClick={() => void v.vote(props.botBox())}
    >
      {v.label()}
      <span class="sr-only">{s.forEntry(props.entry.entryName)}</span>
    </button>
  );
}

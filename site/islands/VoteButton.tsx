/**
 * The action row of an entry card: live rank and count (ranked lists only) and the vote button,
 * with a polite live region for the answer. Renders from its props until mounted (see useLiveList).
 */
import { Show } from "solid-js";
import { formatCount, strings, useVote, type VoteEntryProps } from "./vote-core";
import VoteAction from "./VoteAction";
import "./vote.css";

export default function VoteButton(props: VoteEntryProps) {
  const s = strings[props.lang];
  const v = useVote(props);
  let botBox!: HTMLDivElement;
  return (
    <div class="va">
      <div class="va-row">
        <p class="va-figures">
          <Show when={props.ranked}>
            <span class="va-place" classList={{ "va-leader": v.rank() === 1 }}>
              {v.rank() !== undefined ? s.rank(v.rank()!) : ""}
            </span>
            <span class="va-count">{v.count() !== undefined ? s.count(formatCount(v.count()!, props.lang)) : ""}</span>
          </Show>
        </p>
        <VoteAction entry={props} vote={v} botBox={() => botBox} />
      </div>
      <div class="va-bot" ref={botBox} />
      <p class="va-msg" role="status">
        {v.message()}
      </p>
    </div>
  );
}

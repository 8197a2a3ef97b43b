/**
 * The action row of an entry card: live place and count (ranked lists only), the vote button, and
 * the page's vote answer when it is about this entry. Renders from its props until mounted (see
 * useLiveList), so the hydrated DOM matches the server's HTML.
 */
import { Show } from "solid-js";
import { formatCount, strings, useVote, type VoteEntryProps } from "./vote-core";
import { placeText } from "../../common/ranks";
import VoteAction from "./VoteAction";
import "./vote.css";

export default function VoteButton(props: VoteEntryProps) {
  const s = strings[props.lang];
  const v = useVote(props);
  let botBox!: HTMLDivElement;
  const medal = v.medal;
  return (
    <div class="va">
      <div class="va-row">
        <Show when={props.ranked}>
          <p class="va-figures">
            <span class="va-place">
              <Show when={medal()}>
                <span class={`va-badge va-badge--${medal()}`} aria-hidden="true">
                  {medal()}
                </span>
              </Show>
              {v.rank() !== undefined ? placeText(v.rank()!, v.tied(), props.lang) : s.noVotes}
            </span>
            <span class="va-count">
              {v.rank() !== undefined && v.count() !== undefined ? s.count(formatCount(v.count()!, props.lang)) : ""}
            </span>
          </p>
        </Show>
        <VoteAction entry={props} vote={v} botBox={() => botBox} />
      </div>
      <div class="va-bot" ref={botBox} />
      <p class="va-msg" role="status">
        {v.message()}
      </p>
    </div>
  );
}

/**
 * The entry page's vote bar, fixed to the bottom of the screen: live count and rank (ranked lists
 * only), what is left today, and the vote button. Answers and the bot check appear just above it.
 */
import { createEffect, onCleanup, Show } from "solid-js";
import { formatCount, strings, todayText, useVote, type VoteEntryProps } from "./vote-core";
import VoteAction from "./VoteAction";
import { placeText } from "../../common/ranks";
import "./vote.css";

export default function VoteBar(props: VoteEntryProps) {
  const s = strings[props.lang];
  const v = useVote(props);
  const todayLine = todayText(props, v);
  // The button already says 今日票数已用完: the line under the figures says when voting comes back.
  const today = () => (v.status() === "usedUp" ? s.usedUpTomorrow(v.today()?.perDay ?? props.perDay) : todayLine());
  let botBox!: HTMLDivElement;
  // The answer floats over the page just above the bar: let it go after a while.
  createEffect(() => {
    if (!v.message() || v.status() === "busy") return;
    const timer = setTimeout(v.clearMessage, 8000);
    onCleanup(() => clearTimeout(timer));
  });
  return (
    <div class="vbar">
      <div class="vbar-above">
        <div class="va-bot" ref={botBox} />
        <p class="vbar-msg" role="status">
          {v.message()}
        </p>
      </div>
      <div class="vbar-inner">
        <div class="vbar-info">
          <Show when={props.ranked}>
            <p class="vbar-count">
              <Show when={v.rank() !== undefined} fallback={<span class="va-count">{s.noVotes}</span>}>
                <span class="va-count">{v.count() !== undefined ? s.count(formatCount(v.count()!, props.lang)) : ""}</span>
                <span class="va-place">{placeText(v.rank()!, v.tied(), props.lang)}</span>
              </Show>
            </p>
          </Show>
          <p class="vbar-today">{today()}</p>
        </div>
        <VoteAction entry={props} vote={v} botBox={() => botBox} bar />
      </div>
    </div>
  );
}

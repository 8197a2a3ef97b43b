/**
 * The entry page's vote bar, fixed to the bottom of the screen: live count and rank (ranked lists
 * only), what is left today, and the vote button. Answers and the bot check appear just above it.
 */
import { createEffect, onCleanup, Show } from "solid-js";
import { formatCount, strings, todayText, useVote, type VoteEntryProps } from "./vote-core";
import VoteAction from "./VoteAction";
import "./vote.css";

export default function VoteBar(props: VoteEntryProps) {
  const s = strings[props.lang];
  const v = useVote(props);
  const today = todayText(props, v);
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
              <span class="va-count">{v.count() !== undefined ? s.count(formatCount(v.count()!, props.lang)) : ""}</span>
              <span class="va-place" classList={{ "va-leader": v.rank() === 1 }}>
                {v.rank() !== undefined ? s.rank(v.rank()!) : ""}
              </span>
            </p>
          </Show>
          <p class="vbar-today">{today()}</p>
        </div>
        <VoteAction entry={props} vote={v} botBox={() => botBox} bar />
      </div>
    </div>
  );
}

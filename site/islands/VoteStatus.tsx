/**
 * The list page's status strip: what this voter has left today, and on ranked lists how current the
 * places are — the build's time until the live board arrives ("名次截至 …", also what the page says
 * without JavaScript), then "实时名次 · HH:MM 更新". It is the island that puts the cards in the
 * live board's order (vote/reorder.ts), and it starts the page's live requests early.
 */
import { createEffect, Show } from "solid-js";
import { strings, todayText, useLiveList, type VoteListProps } from "./vote-core";
import { reorderCards } from "./vote/reorder";
import Countdown, { type CountdownProps } from "./Countdown";
import "./vote.css";

export interface VoteStatusProps extends VoteListProps {
  /** when the page's figures were taken (the snapshot's time) */
  asOf: string;
  timeZone: string;
  /** places shown at build time (common/ranks.ts) */
  shown: boolean;
  /** the countdown above the strip, while the window is ahead or running (one island for both) */
  countdown: CountdownProps | null;
  rules: { href: string; text: string };
}

function clock(iso: string | number, p: VoteStatusProps, withDay: boolean): string {
  return new Intl.DateTimeFormat(p.lang === "en" ? "en-GB" : "zh-CN", {
    timeZone: p.timeZone,
    ...(withDay ? { month: p.lang === "en" ? "short" : "numeric", day: "numeric" } : {}),
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(iso));
}

export default function VoteStatus(props: VoteStatusProps) {
  const s = strings[props.lang];
  const live = useLiveList(props);
  const text = todayText(props, live);
  const board = () => live.live()?.board() ?? null;
  createEffect(() => {
    const b = board();
    if (b) reorderCards(b.order);
  });
  const places = () => {
    const b = board();
    const shown = b ? b.shown : props.shown;
    if (b) return shown ? s.liveAt(clock(b.at, props, false)) : `${s.noVotes} · ${s.updated(clock(b.at, props, false))}`;
    return shown ? s.asOf(clock(props.asOf, props, true)) : s.noVotes;
  };
  return (
    <>
      <Show when={props.countdown}>
        {/* props named one by one: a spread would bring Solid's mergeProps onto the list page */}
        <Countdown
          lang={props.countdown!.lang}
          state={props.countdown!.state}
          opensAt={props.countdown!.opensAt}
          closesAt={props.countdown!.closesAt}
          dates={props.countdown!.dates}
          opensText={props.countdown!.opensText}
          closesText={props.countdown!.closesText}
        />
      </Show>
      <div class="today">
        <div class="vstatus">
          <p class="vstatus-today">{text()}</p>
          <Show when={props.ranked}>
            <p class="vstatus-places">{places()}</p>
          </Show>
        </div>
        <a href={props.rules.href}>{props.rules.text}</a>
      </div>
    </>
  );
}

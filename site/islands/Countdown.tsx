/**
 * The time left to voting's open or close, on list and entry pages. Until mounted it shows the
 * window's dates as the page was built with them (what the page says without JavaScript), then
 * "距投票截止还有 3 天 4 小时" by this device's clock, kept current every 30 seconds.
 */
import { createSignal, onCleanup, onMount, Show } from "solid-js";
import { remaining } from "./publicity-core";
import { stateByClock } from "./vote/live";
import type { Lang, VotingState } from "./vote/props";
import "./vote.css";

export interface CountdownProps {
  lang: Lang;
  state: VotingState;
  opensAt: string;
  closesAt: string;
  /** the window's dates, in words (common/i18n.ts votingWindow): what shows until mounted */
  dates: string;
  /** the instants alone, in words with their time zone, for the line under the countdown */
  opensText: string;
  closesText: string;
}

const words = {
  zh: {
    opens: (left: string) => `距投票开始还有 ${left}`,
    closes: (left: string) => `距投票截止还有 ${left}`,
    closed: "投票已截止",
    opensAt: (at: string) => `开始时间：${at}`,
    closesAt: (at: string) => `截止时间：${at}`,
  },
  en: {
    opens: (left: string) => `Voting opens in ${left}`,
    closes: (left: string) => `Voting closes in ${left}`,
    closed: "Voting has closed",
    opensAt: (at: string) => `Opens ${at}`,
    closesAt: (at: string) => `Closes ${at}`,
  },
};

export default function Countdown(props: CountdownProps) {
  const [now, setNow] = createSignal<number | undefined>(undefined);
  onMount(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    onCleanup(() => clearInterval(timer));
  });
  const w = words[props.lang];
  const state = () => {
    const at = now();
    return at === undefined ? undefined : stateByClock(props, at);
  };
  const left = () => {
    const at = now()!;
    const st = state();
    if (st === "scheduled") return w.opens(remaining(Date.parse(props.opensAt) - at, props.lang));
    if (st === "open") return w.closes(remaining(Date.parse(props.closesAt) - at, props.lang));
    return w.closed;
  };
  // Two lines before and after mounting, so nothing below moves when the countdown starts.
  return (
    <p class="countdown">
      <Show when={state()} fallback={props.dates}>
        <strong>{left()}</strong>
        <span class="countdown-at">{state() === "scheduled" ? w.opensAt(props.opensText) : w.closesAt(props.closesText)}</span>
      </Show>
    </p>
  );
}

/**
 * The live state of a publicity period and a countdown. Renders nothing until mounted: the page's
 * static text already gives the period's dates, and a state baked in at build time would go stale.
 */
import { createSignal, onCleanup, onMount, Show } from "solid-js";
import { clockText, periodState, remaining, type Lang } from "./publicity-core";
import "./publicity.css";

interface Props {
  lang: Lang;
  startsAt: string;
  endsAt: string;
}

export default function PublicityClock(props: Props) {
  const [now, setNow] = createSignal<number | undefined>(undefined);
  onMount(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    onCleanup(() => clearInterval(timer));
  });
  const text = () => {
    const at = now();
    if (at === undefined) return "";
    const t = clockText[props.lang];
    const state = periodState(props.startsAt, props.endsAt, at);
    if (state === "upcoming") return t.upcoming(remaining(Date.parse(props.startsAt) - at, props.lang));
    if (state === "open") return t.open(remaining(Date.parse(props.endsAt) - at, props.lang));
    return t.ended;
  };
  return (
    <p class="pc" classList={{ "pc-open": now() !== undefined && periodState(props.startsAt, props.endsAt, now()!) === "open" }}>
      <Show when={now() !== undefined}>{text()}</Show>
    </p>
  );
}

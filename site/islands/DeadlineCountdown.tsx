/**
 * The time left to the next application deadline on the campaign page: "距网上报送截止还有 3 天 4
 * 小时" by this device's clock, kept current every 30 seconds; once every deadline has passed it
 * says so. Until mounted it shows the line the page was built with (what reads without JavaScript).
 */
import { createSignal, onCleanup, onMount, Show } from "solid-js";
import { remaining } from "./publicity-core";

export interface DeadlineCountdownProps {
  lang: "zh" | "en";
  /** in order of time; `title` in the page's language */
  deadlines: { title: string; at: string }[];
  /** the build-time line */
  initial: string;
}

const words = {
  zh: { left: (title: string, left: string) => `距${title}还有 ${left}`, over: "报名已截止" },
  en: { left: (title: string, left: string) => `${left} left until: ${title}`, over: "Applications have closed" },
};

export default function DeadlineCountdown(props: DeadlineCountdownProps) {
  const [now, setNow] = createSignal<number | undefined>(undefined);
  onMount(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    onCleanup(() => clearInterval(timer));
  });
  const w = words[props.lang];
  const text = () => {
    const at = now()!;
    const next = props.deadlines.find((d) => Date.parse(d.at) > at);
    return next ? w.left(next.title, remaining(Date.parse(next.at) - at, props.lang)) : w.over;
  };
  return (
    <p class="deadline-countdown">
      <Show when={now() !== undefined} fallback={props.initial}>
        {text()}
      </Show>
    </p>
  );
}

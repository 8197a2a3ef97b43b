/** What the page listens to outside itself: its address, the connection, and being hidden or left. */
import { onCleanup } from "solid-js";
import type { Saver } from "./saver";

export function listen(saver: () => Saver | undefined, onHash: () => void) {
  const online = () => saver()?.retryAll();
  // hidden or left: whatever waits goes now, and outlives the page (keepalive)
  const hidden = () => document.visibilityState === "hidden" && saver()?.flushAll(true);
  const leaving = () => saver()?.flushAll(true);
  addEventListener("hashchange", onHash);
  addEventListener("online", online);
  addEventListener("pagehide", leaving);
  document.addEventListener("visibilitychange", hidden);
  onCleanup(() => {
    removeEventListener("hashchange", onHash);
    removeEventListener("online", online);
    removeEventListener("pagehide", leaving);
    document.removeEventListener("visibilitychange", hidden);
    saver()?.stop();
  });
}

/** The console's addresses: hash routes, so a phone's back button walks back through the screens. */
import { createSignal } from "solid-js";
/** Where the address points: a campaign, a list in it, and a feature's key, each optional. */
export interface Route {
  campaign?: string;
  list?: string;
  feature?: string;
}

export function parseRoute(hash: string): Route {
  const parts = hash
    .replace(/^#\/?/, "")
    .split("/")
    .filter(Boolean)
    .map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
  if (parts[0] === "c" && parts[1]) {
    if (parts[2] === "l" && parts[3]) return { campaign: parts[1], list: parts[3], feature: parts[4] };
    return { campaign: parts[1], feature: parts[2] };
  }
  return { feature: parts[0] };
}

export function href(route: Route): string {
  const e = encodeURIComponent;
  let path = "#/";
  if (route.campaign) path += `c/${e(route.campaign)}/`;
  if (route.campaign && route.list) path += `l/${e(route.list)}/`;
  if (route.feature) path += `${e(route.feature)}`;
  return path === "#/" ? path : path.replace(/\/$/, "");
}

/** The address as a signal; a new screen starts at its top, as a page would, without the last one's news. */
export function useRoute(moved: () => void) {
  const [route, setRoute] = createSignal(parseRoute(location.hash));
  window.addEventListener("hashchange", () => {
    setRoute(parseRoute(location.hash));
    document.querySelector(".adm-menu")?.removeAttribute("open");
    moved();
    window.scrollTo(0, 0);
  });
  return route;
}

// The islands' hydrator, in place of @astrojs/solid-js/client.js (see astro.config.mjs): the same
// hydration (a Suspense boundary, as the server renders one; `render` for client:only), without
// the solid-js/store that the stock hydrator uses only to push new props into a hydrated island,
// which nothing here does (no view transitions, no props changed after load). Islands take no slots.
import { Suspense } from "solid-js";
import { createComponent, hydrate, render } from "solid-js/web";

export default (element) =>
  (Component, props, _slotted, { client }) => {
    if (!element.hasAttribute("ssr")) return;
    const only = client === "only";
    const dispose = (only ? render : hydrate)(
      () =>
        only
          ? createComponent(Component, props)
          : createComponent(Suspense, {
              get children() {
                return createComponent(Component, props);
              },
            }),
      element,
      { renderId: element.dataset.solidRenderId },
    );
    element.addEventListener("astro:unmount", () => dispose(), { once: true });
  };

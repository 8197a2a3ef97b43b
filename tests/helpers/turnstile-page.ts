/**
 * The page side of the Turnstile tests. Turnstile's script cannot load here, so a browser context
 * gets a stand-in served at the adapter's own script address: the explicit-render API the adapter
 * uses (`turnstile.render(container, options)` → widget id, `turnstile.reset(id)`), each widget a
 * challenge of two buttons the test presses, passed or failed. A passed challenge hands the widget's
 * callback a token the local siteverify (fake-siteverify.ts) verifies for the action it was rendered
 * with, as Cloudflare binds a token to its widget's action: "ok-…" for "vote", "objection-ok-…"
 * for "objection", "wrong-action-…" for anything else.
 */
import type { BrowserContext, Page } from "playwright-core";
import { TURNSTILE_SRC } from "../../site/islands/bot-check/turnstile.ts";

export { TURNSTILE_SRC };

/** What the page asked of the stand-in: every render's options and every reset's widget id. */
export interface StandInLog {
  renders: { widget: string; sitekey: unknown; action: unknown; language: unknown }[];
  resets: string[];
}

/** Labels of the stand-in's challenge buttons, for the test to press. */
export const PASS = "stand-in: pass";
export const FAIL = "stand-in: fail";

const standIn = `(() => {
  const log = { renders: [], resets: [] };
  const widgets = [];
  const tokenFor = (action) => (action === "vote" ? "ok" : action === "objection" ? "objection-ok" : "wrong-action") + "-" + crypto.randomUUID();
  function challenge(w) {
    const pass = document.createElement("button");
    pass.type = "button";
    pass.textContent = ${JSON.stringify(PASS)};
    pass.onclick = () => { w.box.replaceChildren(); w.options.callback(tokenFor(w.options.action)); };
    const fail = document.createElement("button");
    fail.type = "button";
    fail.textContent = ${JSON.stringify(FAIL)};
    fail.onclick = () => w.options["error-callback"]();
    w.box.replaceChildren(pass, fail);
  }
  window.turnstile = {
    render(container, options) {
      const widget = String(widgets.length);
      const box = document.createElement("div");
      container.appendChild(box);
      const w = { box, options };
      widgets.push(w);
      log.renders.push({ widget, sitekey: options.sitekey, action: options.action, language: options.language });
      challenge(w);
      return widget;
    },
    reset(widget) {
      log.resets.push(widget);
      challenge(widgets[Number(widget)]);
    },
  };
  window.__standInTurnstile = log;
})();`;

/**
 * Serves the stand-in at the adapter's script address in this context; `blocked` requests fail
 * first (a network that drops the script), the later ones load. Returns every address the pages
 * asked for under challenges.cloudflare.com.
 */
export async function serveStandInTurnstile(context: BrowserContext, blocked = 0): Promise<string[]> {
  const requested: string[] = [];
  await context.route("https://challenges.cloudflare.com/**", (route) => {
    requested.push(route.request().url());
    if (route.request().url() !== TURNSTILE_SRC) return route.fulfill({ status: 404, body: "" });
    if (requested.length <= blocked) return route.abort("connectionrefused");
    return route.fulfill({ contentType: "text/javascript", body: standIn });
  });
  return requested;
}

/** What the page has asked of the stand-in so far (empty before its script loaded). */
export async function standInLog(page: Page): Promise<StandInLog> {
  return page.evaluate(() => (window as unknown as { __standInTurnstile?: StandInLog }).__standInTurnstile ?? { renders: [], resets: [] });
}

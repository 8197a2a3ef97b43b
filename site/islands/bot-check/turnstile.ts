/**
 * The bot check's provider: Cloudflare Turnstile, its script loaded on the first token asked for
 * (explicit render), one widget per island, reset after each token is spent.
 */
import { BotCheckError, TEST_TOKEN, type BotCheckProvider } from "./port";

/** Turnstile's script, explicit render (exported for the browser tests' stand-in) */
export const TURNSTILE_SRC = "https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit";

interface Turnstile {
  render(container: HTMLElement, options: Record<string, unknown>): string;
  reset(widgetId: string): void;
}
declare global {
  interface Window {
    turnstile?: Turnstile;
  }
}

let turnstileLoading: Promise<Turnstile> | undefined;

function loadTurnstile(): Promise<Turnstile> {
  if (window.turnstile) return Promise.resolve(window.turnstile);
  turnstileLoading ??= new Promise<Turnstile>((resolve, reject) => {
    const s = document.createElement("script");
    s.src = TURNSTILE_SRC;
    s.async = true;
    s.onload = () => (window.turnstile ? resolve(window.turnstile) : reject(new Error("turnstile missing")));
    s.onerror = () => {
      s.remove();
      turnstileLoading = undefined; // the next tap tries again
      reject(new Error("turnstile load failed"));
    };
    document.head.appendChild(s);
  });
  return turnstileLoading;
}

/**
 * One widget, rendered into the container on the first token asked for. A token that arrives while
 * nobody waits (after a reset) is kept until it is asked for or expires.
 */
export const createBotCheck: BotCheckProvider = ({ siteKey, lang }, action, onWaiting) => {
  let widgetId: string | undefined;
  let ready: string | null = null;
  let waiter: { resolve(t: string): void; reject(e: Error): void } | undefined;

  const settle = (fn: (w: NonNullable<typeof waiter>) => void) => {
    const w = waiter;
    waiter = undefined;
    if (w) fn(w);
  };

  return {
    async token(container) {
      if (!siteKey) return TEST_TOKEN;
      let ts: Turnstile;
      try {
        ts = await loadTurnstile();
      } catch {
        throw new BotCheckError("load");
      }
      if (ready) {
        const t = ready;
        ready = null;
        return t;
      }
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => settle((w) => w.reject(new BotCheckError("timeout"))), 90_000); // a challenge left this long fails the tap or submission
        waiter = {
          resolve: (t) => (clearTimeout(timer), resolve(t)),
          reject: (e) => (clearTimeout(timer), reject(e)),
        };
        onWaiting();
        if (widgetId === undefined) {
          widgetId = ts.render(container, {
            sitekey: siteKey,
            action,
            language: lang === "en" ? "en" : "zh-cn",
            callback: (t: string) => {
              if (waiter) settle((w) => w.resolve(t));
              else ready = t;
            },
            "error-callback": () => {
              settle((w) => w.reject(new BotCheckError("failed")));
              return true; // handled: Turnstile need not log it
            },
            "expired-callback": () => {
              ready = null;
            },
          });
        }
      });
    },
    spent() {
      ready = null;
      if (widgetId !== undefined) window.turnstile?.reset(widgetId);
    },
  };
};

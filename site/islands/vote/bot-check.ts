/** The bot check before a vote: Cloudflare Turnstile, loaded on the first tap of any vote button on the page. */
import type { Lang } from "./props";

const DUMMY_TOKEN = "XXXX.DUMMY.TOKEN.XXXX";
const TURNSTILE_SRC = "https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit";

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

/** The bot check did not yield a token (script blocked, challenge failed or timed out). */
export class BotCheckError extends Error {}

/**
 * One Turnstile widget per button, rendered on the first tap. Tokens are single use: `token()` hands
 * one out at most once, and `spent()` resets the widget so the next tap gets a fresh one.
 */
export function createBotCheck(siteKey: string | null, lang: Lang, onWaiting: () => void) {
  let widgetId: string | undefined;
  let ready: string | null = null;
  let waiter: { resolve(t: string): void; reject(e: Error): void } | undefined;

  const settle = (fn: (w: NonNullable<typeof waiter>) => void) => {
    const w = waiter;
    waiter = undefined;
    if (w) fn(w);
  };

  return {
    async token(container: HTMLElement): Promise<string> {
      if (!siteKey) return DUMMY_TOKEN;
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
        const timer = setTimeout(() => settle((w) => w.reject(new BotCheckError("timeout"))), 90_000);
        waiter = {
          resolve: (t) => (clearTimeout(timer), resolve(t)),
          reject: (e) => (clearTimeout(timer), reject(e)),
        };
        onWaiting();
        if (widgetId === undefined) {
          widgetId = ts.render(container, {
            sitekey: siteKey,
            action: "vote",
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
}

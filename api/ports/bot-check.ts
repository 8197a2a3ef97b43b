/**
 * The bot check port: Cloudflare Turnstile's siteverify, or the documented test mode.
 * Tokens are single use, live 300 s and are at most 2048 characters.
 */
import { TEST_BOT_TOKEN } from "../config.ts";

export type BotCheckResult = { ok: true } | { ok: false; reason: "failed" | "unavailable"; codes: string[] };

export interface BotCheckInput {
  token: string;
  remoteIp?: string;
  /** the action the widget was rendered with; siteverify must report exactly this one */
  action: string;
  /** an idempotency key so a network retry of siteverify is not a token reuse */
  idempotencyKey?: string;
}

export interface BotCheck {
  readonly mode: "turnstile" | "test";
  verify(input: BotCheckInput): Promise<BotCheckResult>;
}

export const MAX_TOKEN_LENGTH = 2048;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Test mode: accepts exactly the token Turnstile's test site keys produce, and nothing else. */
export const testBotCheck: BotCheck = {
  mode: "test",
  async verify({ token }) {
    return token === TEST_BOT_TOKEN ? { ok: true } : { ok: false, reason: "failed", codes: ["invalid-input-response"] };
  },
};

export interface TurnstileOptions {
  secret: string;
  verifyUrl: string;
  /**
   * hostnames the widget may run on (PUBLIC_ORIGIN's); siteverify must report one of them. Empty
   * only outside production without PUBLIC_ORIGIN: a hostname must still be reported.
   */
  hostnames: string[];
  timeoutMs?: number;
  fetch?: typeof fetch;
}

interface SiteverifyResponse {
  success?: boolean;
  "error-codes"?: string[];
  hostname?: string;
  action?: string;
  cdata?: string;
}

export function turnstileBotCheck(options: TurnstileOptions): BotCheck {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 4000;
  return {
    mode: "turnstile",
    async verify({ token, remoteIp, action, idempotencyKey }) {
      if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: "failed", codes: ["invalid-input-response"] };
      const form = new URLSearchParams({ secret: options.secret, response: token });
      if (remoteIp) form.set("remoteip", remoteIp);
      // siteverify takes a UUID here (so a retried verification is not a reused token); other keys stay ours
      if (idempotencyKey && UUID.test(idempotencyKey)) form.set("idempotency_key", idempotencyKey);
      let data: SiteverifyResponse;
      try {
        const res = await doFetch(options.verifyUrl, {
          method: "POST",
          body: form,
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (!res.ok) return { ok: false, reason: "unavailable", codes: [`http-${res.status}`] };
        data = (await res.json()) as SiteverifyResponse;
      } catch (error) {
        const name = error instanceof Error ? error.name : "error";
        return { ok: false, reason: "unavailable", codes: [name === "TimeoutError" ? "timeout" : "network-error"] };
      }
      const codes = data["error-codes"] ?? [];
      if (data.success !== true) {
        // Cloudflare's own trouble is not the voter's fault: say so instead of "failed".
        return { ok: false, reason: codes.includes("internal-error") ? "unavailable" : "failed", codes };
      }
      // A token made for another action or another site is not ours, and neither is one whose
      // answer leaves either out: absence is never taken as a match.
      if (typeof data.action !== "string" || data.action !== action) return { ok: false, reason: "failed", codes: ["action-mismatch"] };
      if (typeof data.hostname !== "string" || data.hostname === "") return { ok: false, reason: "failed", codes: ["hostname-mismatch"] };
      if (options.hostnames.length > 0 && !options.hostnames.includes(data.hostname)) {
        return { ok: false, reason: "failed", codes: ["hostname-mismatch"] };
      }
      return { ok: true };
    },
  };
}

/**
 * The page side of the bot check, as a port: what the vote buttons and the objection form ask of it.
 * A provider is one adapter file beside this one exporting `createBotCheck` as a `BotCheckProvider`
 * (./turnstile.ts today); the last line here names it, and swapping providers changes that line and
 * nothing in the islands. The server's half is `api/ports/bot-check.ts`, chosen in `api/runtime.ts`.
 */

/** What the bot check needs from an island's props (the vote islands' and the objection form's). */
export interface BotCheckPage {
  /** the provider's public site key; null → test mode, which the server's test mode answers */
  siteKey: string | null;
  lang: "zh" | "en";
}

/** What the token is for; the server checks that the provider reports exactly this one. */
export type BotCheckAction = "vote" | "objection";

/**
 * One island's bot check. Tokens are single use: `token()` hands one out at most once, and
 * `spent()`, called once the request that carried it has gone, readies the next.
 */
export interface BotCheck {
  /** a token for one request; the provider may show its challenge in `container` */
  token(container: HTMLElement): Promise<string>;
  spent(): void;
}

/**
 * What an adapter file exports as `createBotCheck`: one island's bot check. Without a site key it
 * runs in test mode: `token()` gives TEST_TOKEN at once and loads nothing. `onWaiting` is called when
 * the visitor has a challenge to complete (the island says so); a failure rejects with BotCheckError.
 */
export type BotCheckProvider = (page: BotCheckPage, action: BotCheckAction, onWaiting: () => void) => BotCheck;

/** The token the server's test mode accepts (TEST_BOT_TOKEN in api/config.ts), whatever the provider. */
export const TEST_TOKEN = "XXXX.DUMMY.TOKEN.XXXX";

/** The bot check did not yield a token (script blocked, challenge failed or timed out). */
export class BotCheckError extends Error {}

// The provider: the one line a swap changes.
export { createBotCheck } from "./turnstile";

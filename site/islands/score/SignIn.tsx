/**
 * Signing in with a scorer token. The token lives in sessionStorage (gone when the tab closes) and
 * only in memory where storage is unavailable (private mode); it is kept once the API accepts it.
 */
import { createSignal, Show, type JSX } from "solid-js";
import type { Strings } from "./texts";

const TOKEN_KEY = "bd_score_token";

export function storedToken(): string {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? "";
  } catch {
    return "";
  }
}

export function keepToken(value: string | undefined) {
  try {
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    /* memory only */
  }
}

export function SignIn(props: { s: Strings; message: string; signIn: (token: string) => Promise<void> }) {
  const [busy, setBusy] = createSignal(false);
  const onSubmit: JSX.EventHandler<HTMLFormElement, SubmitEvent> = async (event) => {
    event.preventDefault();
    const value = (new FormData(event.currentTarget).get("token") ?? "").toString().trim();
    if (!value || busy()) return;
    setBusy(true);
    await props.signIn(value);
    setBusy(false);
  };
  return (
    <form class="sc-card sc-signin" onSubmit={onSubmit}>
      <h2>{props.s.signIn}</h2>
      <label for="sc-token">{props.s.token}</label>
      <input
        id="sc-token"
        name="token"
        type="password"
        autocomplete="off"
        autocapitalize="off"
        spellcheck={false}
        required
        aria-describedby="sc-token-hint sc-signin-error"
        aria-invalid={props.message ? "true" : undefined}
      />
      <p id="sc-token-hint" class="sc-hint">
        {props.s.tokenHint}
      </p>
      <p id="sc-signin-error" class="sc-error" role="alert">
        <Show when={props.message}>{props.message}</Show>
      </p>
      <button type="submit" class="sc-btn sc-primary" disabled={busy()}>
        {props.s.signIn}
      </button>
    </form>
  );
}

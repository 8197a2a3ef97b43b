/**
 * Signing in with an admin token. The token lives in sessionStorage (gone when the tab closes) and
 * is kept in memory alone where storage is unavailable (private mode).
 */
import type { JSX } from "solid-js";
import { ApiError, signedInAs, type AdminMe, type Console } from "./client";
import type { AdminCampaign } from "./types";

const TOKEN_KEY = "bd_admin_token";

export function storedToken(): string {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? "";
  } catch {
    return "";
  }
}

export function forgetToken() {
  try {
    sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    /* storage may be unavailable (private mode); the token is then only in memory */
  }
}

function keepToken(value: string) {
  try {
    sessionStorage.setItem(TOKEN_KEY, value);
  } catch {
    /* memory only */
  }
}

/**
 * The form; a token is kept only once the API has accepted it. The check is the console's first
 * round trip, and its answers (the campaigns, and who signed in) are what the console shows.
 */
export function SignIn(props: {
  c: Console;
  setToken: (token: string) => void;
  signedIn: (found: { campaigns: AdminCampaign[]; me: AdminMe }) => void;
}) {
  const s = props.c.s;
  const onSignIn: JSX.EventHandler<HTMLFormElement, SubmitEvent> = async (event) => {
    event.preventDefault();
    const value = (new FormData(event.currentTarget).get("token") ?? "").toString().trim();
    if (!value) return;
    props.setToken(value);
    try {
      const found = await signedInAs(props.c);
      keepToken(value);
      props.signedIn(found);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) props.c.report(error);
    }
  };
  return (
    <form class="adm-card adm-signin" onSubmit={onSignIn}>
      <h2>{s.signIn}</h2>
      <label for="adm-token">{s.token}</label>
      <input id="adm-token" name="token" type="password" autocomplete="off" spellcheck={false} required aria-describedby="adm-token-hint" />
      <p id="adm-token-hint" class="adm-hint">
        {s.tokenHint}
      </p>
      <button type="submit" class="adm-btn adm-primary">
        {s.signIn}
      </button>
    </form>
  );
}

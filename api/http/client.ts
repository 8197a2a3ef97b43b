/** Who is asking: the voter's signed cookie, the client's address, what the browser says of itself. */
import type { Context } from "hono";
import { generateCookie, getCookie } from "hono/cookie";
import type { AppDeps } from "../deps.ts";
import { newVoterId } from "../secrets.ts";

export const VOTER_COOKIE = "bd_voter";
const COOKIE_MAX_AGE_S = 400 * 24 * 3600;

/**
 * The voter's id, and whether it came with the request: without a valid cookie a new id is set on
 * this response (`issued`), so the request is the first one this browser made as that voter.
 */
export function voterOf(c: Context, deps: AppDeps): { id: string; issued: boolean } {
  const voter = voterCookie(c, deps);
  if (voter.setCookie) c.header("Set-Cookie", voter.setCookie, { append: true });
  return voter;
}

/**
 * The voter as `voterOf` finds it, with the Set-Cookie value to send when it was issued here
 * rather than set on the context: for answers that build their headers themselves (api/http/direct.ts).
 */
export function voterCookie(c: Context, deps: AppDeps): { id: string; issued: boolean; setCookie?: string } {
  const existing = deps.secrets.verifyVoterCookie(getCookie(c, VOTER_COOKIE));
  if (existing) return { id: existing, issued: false };
  const id = newVoterId();
  const setCookie = generateCookie(VOTER_COOKIE, deps.secrets.signVoterId(id), {
    httpOnly: true,
    sameSite: "Lax",
    secure: overHttps(c, deps.http),
    path: "/",
    maxAge: COOKIE_MAX_AGE_S,
  });
  return { id, issued: true, setCookie };
}

/**
 * Whether the browser reached us over https (Secure cookies, HSTS): always when PUBLIC_ORIGIN is
 * https (TLS ends in front of us), else the request's own scheme or, behind the proxy we trust, its
 * X-Forwarded-Proto.
 */
export function overHttps(c: Context, http: AppDeps["http"]): boolean {
  if (http.secureCookies !== "auto") return http.secureCookies === "always";
  return c.req.url.startsWith("https:") || (http.ipHeader !== undefined && c.req.header("x-forwarded-proto") === "https");
}

export function clientIp(c: Context, deps: AppDeps): string {
  if (deps.http.ipHeader) {
    const value = c.req.header(deps.http.ipHeader);
    // The proxy we trust appends the address it saw: the last one is the one it vouches for.
    const last = value
      ?.split(",")
      .map((s) => s.trim())
      .filter(Boolean)
      .at(-1);
    if (last) return last;
  }
  return deps.remoteAddress?.(c.req.raw, c.env) ?? "unknown";
}

const DEVICE_HEADERS = ["user-agent", "accept-language", "sec-ch-ua", "sec-ch-ua-platform", "sec-ch-ua-mobile", "sec-ch-ua-model"];

/** What the browser tells about itself; hashed with the IP prefix into the vote's device hash. */
export function deviceDescription(c: Context): string {
  return DEVICE_HEADERS.map((name) => (c.req.header(name) ?? "").slice(0, 512)).join("\n");
}

/** The one place errors become responses, in the caller's language. */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { AppError, errorBody, preferredLang, type ErrorCode, type Lang } from "../errors.ts";

export function langOf(c: Context): Lang {
  return preferredLang(c.req.header("accept-language"));
}

/** The one place errors become responses. */
export function errorResponse(c: Context, err: unknown): Response {
  const lang = langOf(c);
  if (err instanceof AppError) {
    const headers = err.extra?.headers ?? {};
    for (const [k, v] of Object.entries(headers)) c.header(k, v);
    return c.json({ ...errorBody(err.code, lang, err.detail), ...(err.extra?.body ?? {}) }, err.status as 400);
  }
  if (err instanceof HTTPException) {
    const code: ErrorCode = err.status === 413 ? "payload_too_large" : err.status === 401 ? "unauthorized" : "invalid_request";
    return c.json(errorBody(code, lang), err.status);
  }
  console.error(`unhandled error (request ${c.get("requestId") ?? "-"})`, err);
  return c.json(errorBody("internal", lang), 500);
}

/** 405 in the contract's error shape, naming the methods the path takes (hono/method-not-allowed's answer). */
export function methodNotAllowedAnswer(c: Context, allowed: string[]): Response {
  return errorResponse(c, new AppError("method_not_allowed", undefined, { headers: { Allow: allowed.join(", ") } }));
}

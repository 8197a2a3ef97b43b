/** The scoring API as the page calls it: a Bearer token, JSON both ways, errors as ApiError. */
import type { Lang } from "./texts";

/** An error answer (status, the server's message, its body), or status 0 when nothing came back. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body?: unknown,
  ) {
    super(message);
  }
}

/** The request never got an answer (offline, server away) or the server failed: worth retrying. */
export const retryable = (error: unknown) =>
  !(error instanceof ApiError) || error.status === 0 || error.status === 429 || error.status >= 500;

export type Api = <T>(path: string, init?: RequestInit) => Promise<T>;

export function scoringApi(lang: Lang, token: () => string, onUnauthorized: () => void): Api {
  return async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const headers = new Headers(init.headers);
    headers.set("authorization", `Bearer ${token()}`);
    headers.set("accept-language", lang === "en" ? "en" : "zh-CN");
    if (init.body) headers.set("content-type", "application/json");
    let res: Response;
    try {
      res = await fetch(path, { ...init, headers });
    } catch (error) {
      throw new ApiError(0, error instanceof Error ? error.message : String(error));
    }
    const body = (await res.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
    if (!res.ok) {
      if (res.status === 401) onUnauthorized();
      throw new ApiError(res.status, body?.error?.message ?? String(res.status), body);
    }
    return body as T;
  };
}

/** Calling the admin API as an organizer's script would. */
import type { TestServer } from "./server.ts";

export function adminCall(server: TestServer, token: string | undefined) {
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await server.get(path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    const json = (res.headers.get("content-type") ?? "").includes("json");
    return {
      status: res.status,
      headers: res.headers,
      bytes,
      text: bytes.toString("utf8"),
      body: json && bytes.length ? JSON.parse(bytes.toString("utf8")) : undefined,
    };
  };
}

/** Helpers for publicity tests: publish as an organizer, object as a member of the public. */
import { createHash } from "node:crypto";
import { TEST_BOT_TOKEN, type TestServer } from "./server.ts";

export function publish(server: TestServer, token: string, campaign: string, body: Record<string, unknown>) {
  return server.json(`/api/admin/campaigns/${campaign}/publications`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

export function object(server: TestServer, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return server.json("/api/objections", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({
      token: TEST_BOT_TOKEN,
      name: "王小明",
      contact: "13800001234",
      reason: "该单位申报材料中的专利数据有误。",
      ...body,
    }),
  });
}

export function admin(server: TestServer, token: string, method: string, path: string, body?: unknown) {
  return server.json(path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** Every key path in a JSON value whose key is one of `keys`. */
export function findKeys(value: unknown, keys: readonly string[], path = "$"): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => findKeys(v, keys, `${path}[${i}]`));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => [...(keys.includes(k) ? [`${path}.${k}`] : []), ...findKeys(v, keys, `${path}.${k}`)]);
  }
  return [];
}

/** What the revocation (摘牌) tests share: a campaign where one slug is in two lists, and the call. */
import { testCampaign, type TestServer } from "./server.ts";

/**
 * The test campaign with `u1` also on the `later` list, so a bare `u1` names no single entry, and a
 * fourth base `u4` on the unranked list.
 */
export function revocationCampaign() {
  const c = testCampaign();
  const more: Record<string, { slug: string; name: { zh: string } }> = {
    later: { slug: "u1", name: { zh: "同名示例公司" } },
    unranked: { slug: "u4", name: { zh: "江门示例园区" } },
  };
  return { ...c, lists: c.lists.map((l) => (more[l.slug] ? { ...l, entries: [...l.entries, more[l.slug]!] } : l)) };
}

export function revoke(server: TestServer, token: string, campaign: string, body: unknown, headers: Record<string, string> = {}) {
  return server.json(`/api/admin/campaigns/${campaign}/revocations`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** The snapshot text exactly as `GET /api/publications/{id}` serves it (its sha256 is over these bytes). */
export async function servedSnapshotText(server: TestServer, id: number): Promise<string> {
  const text = await (await server.get(`/api/publications/${id}`)).text();
  const at = text.indexOf(',"snapshot":');
  return text.slice(at + ',"snapshot":'.length, -1);
}

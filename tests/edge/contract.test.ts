/**
 * The public contract against `npm run edge`: the Worker and its Durable Object in workerd, the
 * store being the object's own SQLite storage (nothing mocked). The same cases the Node suite
 * holds the API to: the vote loop, idempotent replay, daily limits, rate limits, close, leaderboards,
 * admin auth, exports and publications, and images drawn with fonts from the static assets. One
 * edge process for the file (its start is the cost); every case uses its own list or voter.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_BOT_TOKEN } from "../../api/config.ts";
import { startEdge, type EdgeServer } from "../helpers/edge.ts";

const ADMIN = "edge-contract-admin-token-0123456789abcdef";
let edge: EdgeServer;

beforeAll(async () => {
  edge = await startEdge({ env: { BANGDAN_ADMIN_TOKEN: ADMIN } });
}, 180_000);
afterAll(async () => {
  await edge?.close();
});

/** A browser: keeps its cookie, comes from its own address (the runtime's CF-Connecting-IP). */
class EdgeVoter {
  cookie: string | undefined;
  constructor(readonly ip: string) {}
  async vote(entryId: number, extra: Record<string, unknown> = {}) {
    const res = await fetch(`${edge.url}/api/votes`, {
      method: "POST",
      headers: { "content-type": "application/json", "cf-connecting-ip": this.ip, ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: JSON.stringify({ entryId, token: TEST_BOT_TOKEN, ...extra }),
    });
    const set = res.headers.get("set-cookie");
    if (set) this.cookie = set.split(";")[0];
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  }
}

let ips = 0;
const voter = () => new EdgeVoter(`198.51.100.${++ips}`);

async function json(path: string, init: RequestInit = {}) {
  const res = await fetch(edge.url + path, init);
  const text = await res.text();
  const isJson = res.headers.get("content-type")?.startsWith("application/json");
  return { status: res.status, headers: res.headers, body: isJson ? (JSON.parse(text) as Record<string, any>) : undefined, text };
}

/** The organizer API with `token` (null: none). */
const admin = (path: string, init: RequestInit = {}, token: string | null = ADMIN) =>
  json(`/api/admin${path}`, { ...init, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...init.headers } });

async function board(campaign: string, list: string) {
  const res = await json(`/api/campaigns/${campaign}/lists/${list}/leaderboard`);
  expect(res.status).toBe(200);
  return res.body as { state: string; entries: { id: number; votes?: number }[] };
}

const votesOf = async (campaign: string, list: string, id: number) => (await board(campaign, list)).entries.find((e) => e.id === id)?.votes;

describe("the edge (workerd, Durable Object SQLite)", () => {
  it("is healthy with the demo loaded", async () => {
    const health = await json("/api/health");
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ ok: true, database: "up", writer: "up" });
    const campaigns = await json("/api/campaigns");
    expect(campaigns.body!.campaigns.map((c: { slug: string }) => c.slug)).toEqual(
      expect.arrayContaining(["cinn-2024", "city-cases-2024", "emerging-bases-2025", "npf-eval-2025", "pioneer-2024"]),
    );
  });

  it("counts a vote, chains it and shows it on the leaderboard", async () => {
    const before = await board("cinn-2024", "high-tech");
    expect(before.state).toBe("open");
    const entry = before.entries[0]!.id;
    const v = voter();
    const first = await v.vote(entry);
    expect(first.status).toBe(201);
    expect(first.body.vote).toMatchObject({ entryId: entry, seq: expect.any(Number) });
    expect(first.body.votes).toBe((before.entries[0]!.votes ?? 0) + 1);
    expect(v.cookie).toBeDefined();
    const second = await voter().vote(entry);
    expect(second.body.vote.seq).toBe(first.body.vote.seq + 1);
    expect(await votesOf("cinn-2024", "high-tech", entry)).toBe(first.body.votes + 1);
  });

  it("answers a retried vote with its first answer and counts it once", async () => {
    const entry = (await board("cinn-2024", "high-tech")).entries[1]!.id;
    const v = voter();
    const first = await v.vote(entry, { idempotencyKey: "retry-1" });
    const again = await v.vote(entry, { idempotencyKey: "retry-1" });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await votesOf("cinn-2024", "high-tech", entry)).toBe(first.body.votes);
  });

  it("holds each voter to one vote per entry and the list's quota per day", async () => {
    const entries = (await board("cinn-2024", "high-tech")).entries.map((e) => e.id);
    const v = voter();
    const first = await v.vote(entries[2]!);
    expect(first.status).toBe(201);
    const again = await v.vote(entries[2]!);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("already_voted");
    expect(again.body.error.message).toMatch(/今天/);
    let remaining = first.body.remainingToday as number;
    for (let i = 3; remaining > 0; i++) remaining = (await v.vote(entries[i]!)).body.remainingToday;
    const over = await v.vote(entries[entries.length - 1]!);
    expect({ status: over.status, code: over.body.error?.code }).toEqual({ status: 429, code: "daily_limit" });
  });

  it("limits one voter's requests in the object's own counters", async () => {
    const entry = (await board("cinn-2024", "high-tech")).entries[0]!.id;
    const v = voter();
    await v.vote(entry);
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await v.vote(entry)).status);
    expect(statuses.slice(0, 29).every((s) => s === 409)).toBe(true);
    const last = await v.vote(entry);
    expect(last.status).toBe(429);
    expect(last.body.error.code).toBe("rate_limited");
  });

  it("refuses the organizer API without a valid token, in the contract's shape", async () => {
    for (const token of [null, "not-a-token", ADMIN.replace(/.$/, "x")]) {
      const res = await admin("/campaigns", {}, token);
      expect(res.status).toBe(401);
      expect(res.body!.error.code).toBe("unauthorized");
    }
    const ok = await admin("/campaigns");
    expect(ok.status).toBe(200);
    expect(ok.body!.campaigns.length).toBeGreaterThanOrEqual(5);
    const close = await admin("/campaigns/pioneer-2024/lists/sci-tech-enterprise/close", { method: "POST" }, null);
    expect(close.status).toBe(401);
  });

  it("closes a list: no vote counts after the organizer's close", async () => {
    const list = await board("pioneer-2024", "sci-tech-enterprise");
    expect(list.state).toBe("open");
    const entry = list.entries[0]!.id;
    expect((await voter().vote(entry)).status).toBe(201);
    const closed = await admin("/campaigns/pioneer-2024/lists/sci-tech-enterprise/close", { method: "POST" });
    expect(closed.status).toBe(200);
    expect(closed.body!.voting.state).toBe("closed");
    const refused = await voter().vote(entry);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("voting_closed");
    expect((await board("pioneer-2024", "sci-tech-enterprise")).state).toBe("closed");
  });

  it("exports tallies and a votes ledger with their manifest", async () => {
    const tallies = await admin("/campaigns/cinn-2024/export?kind=tallies&format=csv");
    expect(tallies.status).toBe(200);
    expect(tallies.headers.get("content-type")).toMatch(/text\/csv/);
    expect(JSON.parse(tallies.headers.get("x-bangdan-manifest")!)).toMatchObject({ kind: "tallies" });
    const votes = await admin("/campaigns/cinn-2024/export?kind=votes&format=csv");
    expect(votes.status).toBe(200);
    const rows = votes.text.trim().split("\n");
    expect(rows.length).toBeGreaterThan(5);
    const refused = await admin("/campaigns/cinn-2024/export?kind=votes&format=pdf");
    expect(refused.status).toBe(400);
    expect(refused.body!.error.code).toBeDefined();
  });

  it("publishes a list and serves the publication to the public", async () => {
    const made = await admin("/campaigns/pioneer-2024/publications", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ kind: "preliminary", list: "sci-tech-enterprise" }),
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ campaign: "pioneer-2024", kind: "preliminary", list: "sci-tech-enterprise", state: "open" });
    const id = made.body!.id as number;
    const listed = await json("/api/campaigns/pioneer-2024/publications");
    expect(listed.status).toBe(200);
    expect(listed.body!.publications.map((p: { id: number }) => p.id)).toContain(id);
    const one = await json(`/api/publications/${id}`);
    expect(one.status).toBe(200);
    expect(one.body!.sha256).toBe(made.body!.sha256);
    expect(one.body!.snapshot.lists[0].slug).toBe("sci-tech-enterprise");
  });

  it("draws leaderboard images with the fonts from the static assets", async () => {
    const svg = await fetch(`${edge.url}/api/campaigns/cinn-2024/lists/high-tech/leaderboard.svg?limit=3`);
    expect(svg.status).toBe(200);
    const text = await svg.text();
    expect(text).toContain("<path"); // glyph outlines, not text a reader's fonts must draw
    const png = await fetch(`${edge.url}/api/campaigns/cinn-2024/lists/high-tech/leaderboard.png?limit=3`);
    expect(png.status).toBe(200);
    expect([...new Uint8Array(await png.arrayBuffer()).slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
  });

  it("serves its static assets with the headers every site path gets on Node", async () => {
    const css = await fetch(`${edge.url}/_edge/fonts/400.css`);
    expect(css.status).toBe(200);
    expect(await css.text()).toContain("@font-face");
    expect(css.headers.get("x-content-type-options")).toBe("nosniff");
    expect(css.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(css.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  });

  it("answers an unknown endpoint and a bad body in the contract's shape", async () => {
    const missing = await json("/api/nothing-here");
    expect(missing.status).toBe(404);
    expect(missing.body!.error.code).toBe("not_found");
    const bad = await json("/api/votes", { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    expect(bad.status).toBe(400);
    expect(bad.body!.error.message).toBeTruthy();
  });
});

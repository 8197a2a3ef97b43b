/**
 * /api/health says whether votes can be recorded: 200 with each part up, 503 naming the writer
 * while the vote writer thread is down, and 200 again once it is back. A thread that keeps dying
 * is started again with backoff, never left down for good.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { entryIds, seedCampaign } from "../../helpers/seed.ts";
import { liveWindow, startTestServer, testCampaign, Voter, type TestServer } from "../../helpers/server.ts";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ seedDemo: false, voteWorkerBackoffMs: 50, env: { TRUST_PROXY: "x-forwarded-for" } });
  await seedCampaign(server, testCampaign(liveWindow()));
});
afterAll(async () => server?.close());

const health = async () => {
  const res = await server.get("/api/health");
  return { status: res.status, body: await res.json(), cacheControl: res.headers.get("cache-control") };
};

/** Polls the health answer until `status` comes, for at most `ms`. */
async function healthBecomes(status: number, ms = 10_000) {
  let last = await health();
  for (const end = Date.now() + ms; last.status !== status && Date.now() < end; last = await health()) {
    await new Promise((r) => setTimeout(r, 10));
  }
  return last;
}

describe("GET /api/health", () => {
  it("answers each part up", async () => {
    expect(await health()).toEqual({ status: 200, body: { ok: true, database: "up", writer: "up" }, cacheControl: "no-store" });
  });

  it("is 503 naming the writer while the vote writer thread is down, and 200 again once it is back", async () => {
    expect(server.deps.votes.kind).toBe("worker");
    server.deps.votes.crash!();
    const down = await healthBecomes(503);
    expect(down.body).toEqual({ ok: false, database: "up", writer: "down" });
    const up = await healthBecomes(200);
    expect(up.body).toEqual({ ok: true, database: "up", writer: "up" });
  });

  it("a writer thread that keeps dying is started again with backoff, never left down", async () => {
    // with the death above, six within a minute: one more than the thread was ever restarted after
    for (let i = 0; i < 5; i++) {
      server.deps.votes.crash!();
      expect((await healthBecomes(503)).status, `death ${i + 1}`).toBe(503);
      expect((await healthBecomes(200)).status, `restart ${i + 1}`).toBe(200);
    }
    expect(server.logs.join("\n")).toMatch(/keeps stopping, starting it again in \d+ ms/);
    const [entry] = entryIds(server, "test-2024", "ranked");
    expect((await new Voter(server, "10.9.0.1").vote(entry)).status).toBe(201);
  });
});

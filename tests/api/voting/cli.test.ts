/**
 * Closing a list from the organizer's terminal while votes pour in: the running server obeys at
 * once, so no vote sent after the CLI returned counts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../helpers/processes.ts";
import { entryIds, seedCampaign } from "../../helpers/seed.ts";
import { liveWindow, startTestServer, testCampaign, TEST_BOT_TOKEN, type TestServer } from "../../helpers/server.ts";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ seedDemo: false, env: { TRUST_PROXY: "x-forwarded-for" } });
  await seedCampaign(server, testCampaign(liveWindow()));
});
afterAll(async () => server?.close());

describe("CLI", () => {
  it("close is obeyed by the running server at once: no vote sent after the CLI returned counts", async () => {
    const entries = entryIds(server, "test-2024", "ranked");
    const results: { sentAt: number; status: number; code?: string }[] = [];
    let stop = false;
    let n = 0;
    const pump = async () => {
      while (!stop) {
        const i = n++;
        const sentAt = Date.now();
        const res = await fetch(server.url + "/api/votes", {
          method: "POST",
          headers: { "content-type": "application/json", "x-forwarded-for": `10.1.${(i >> 8) & 255}.${i & 255}` },
          body: JSON.stringify({ entryId: entries[i % entries.length], token: TEST_BOT_TOKEN }),
        });
        const body = (await res.json()) as { error?: { code: string } };
        results.push({ sentAt, status: res.status, code: body.error?.code });
      }
    };
    const pumps = Array.from({ length: 4 }, pump);
    await new Promise((r) => setTimeout(r, 300));
    const closed = await runCli(server.env, ["close", "test-2024/ranked"]);
    expect(closed.code).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    stop = true;
    await Promise.all(pumps);

    const after = results.filter((r) => r.sentAt >= closed.endedAt);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((r) => r.status === 409 && r.code === "voting_closed")).toBe(true);
    const accepted = results.filter((r) => r.status === 201).length;
    expect(accepted).toBeGreaterThan(0);
    server.deps.leaderboards.invalidate();
    await server.deps.catalog.refresh();
    const lb = await server.json("/api/campaigns/test-2024/lists/ranked/leaderboard");
    expect(lb.body.state).toBe("closed");
    expect(lb.body.entries.reduce((s: number, e: { votes: number }) => s + e.votes, 0)).toBe(accepted);

    const reopened = await runCli(server.env, ["open", "test-2024/ranked"]);
    expect(reopened.code).toBe(0);
  });
});

/**
 * The per-IP limit (here shrunk to 5 a minute so it can be seen) spares a loopback address: that is
 * our own proxy when TRUST_PROXY is unset, and limiting it would limit the whole site.
 */
import { afterEach, describe, expect, it } from "vitest";
import { voteRateRules } from "../../../api/domain/rate-policy.ts";
import { entryIds, seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, testCampaign, Voter, type TestServer } from "../../helpers/server.ts";

const small = { ...voteRateRules, ip: { name: "vote-ip", limit: 5, windowMs: 60_000 } };
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(env: Record<string, string>) {
  server = await startTestServer({
    clock: new ManualClock(Date.parse("2024-10-10T12:00:00+08:00")),
    seedDemo: false,
    voteRateRules: small,
    env,
  });
  await seedCampaign(server, testCampaign());
  return { server, entries: entryIds(server, "test-2024", "ranked") };
}

describe("per-IP limit", () => {
  it("does not limit a loopback address (an unconfigured reverse proxy speaks for everyone)", async () => {
    const { server, entries } = await start({});
    const statuses = [];
    for (let i = 0; i < 8; i++) statuses.push((await new Voter(server).vote(entries[i % entries.length])).status);
    expect(statuses).toEqual(Array(8).fill(201));
  });
});

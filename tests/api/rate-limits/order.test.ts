/**
 * The per-address and total limits come before the per-voter one, so a request they refuse leaves
 * no per-voter counter behind (a client without a cookie is a new voter on every request); and an
 * IPv6 client is limited by its /64, an IPv4-mapped one as the IPv4 address it is.
 */
import { afterEach, describe, expect, it } from "vitest";
import { voteRateRules } from "../../../api/domain/rate-policy.ts";
import { MemoryRateLimiter } from "../../../api/ports/rate-limit.ts";
import { entryIds, seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, testCampaign, Voter, type TestServer } from "../../helpers/server.ts";

const rules = {
  ...voteRateRules,
  voter: { name: "vote-voter", limit: 2, windowMs: 60_000 },
  ip: { name: "vote-ip", limit: 1, windowMs: 60_000 },
};

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start() {
  const limiter = new MemoryRateLimiter();
  server = await startTestServer({
    clock: new ManualClock(Date.parse("2024-10-10T12:00:00+08:00")),
    seedDemo: false,
    rateLimiter: limiter,
    voteRateRules: rules,
    env: { TRUST_PROXY: "x-forwarded-for" },
  });
  await seedCampaign(server, testCampaign());
  return { server, limiter, entries: entryIds(server, "test-2024", "ranked") };
}

describe("the order of the limits", () => {
  it("creates no per-voter counter for a cookie-less request the address limit refuses", async () => {
    const { server, limiter, entries } = await start();
    expect((await new Voter(server, "100.64.1.1").vote(entries[0])).status).toBe(201);
    for (let i = 0; i < 10; i++) expect((await new Voter(server, "100.64.1.1").vote(entries[1])).status).toBe(429);
    expect(limiter.size("vote-voter")).toBe(1);
  });

  it("does not spend a voter's budget on requests its address was refused", async () => {
    const { server, entries } = await start();
    const atWork = new Voter(server, "100.64.2.1");
    expect((await atWork.vote(entries[0])).status).toBe(201);
    expect((await atWork.vote(entries[1])).status).toBe(429);
    expect((await atWork.vote(entries[1])).status).toBe(429);
    // the same voter from another address: one vote of its two a minute is left
    const atHome = new Voter(server, "100.64.2.2");
    atHome.cookie = atWork.cookie;
    expect((await atHome.vote(entries[1])).status).toBe(201);
  });
});

describe("per-address limits on IPv6", () => {
  it("count a /64 as one address, and an IPv4-mapped address as its IPv4 one", async () => {
    const { server, entries } = await start();
    const from = async (ip: string) => (await new Voter(server, ip).vote(entries[0])).status;
    expect(await from("2001:db8::1")).toBe(201);
    expect(await from("2001:db8:0:0:ffff::2")).toBe(429);
    expect(await from("2001:DB8:0000::abcd")).toBe(429);
    expect(await from("2001:db8:0:1::1")).toBe(201);
    expect(await from("198.51.100.7")).toBe(201);
    expect(await from("::ffff:198.51.100.7")).toBe(429);
  });
});

/**
 * The per-IP limit (here shrunk to 5 a minute so it can be seen) spares a loopback address: that is
 * our own proxy when TRUST_PROXY is unset, and limiting it would limit the whole site.
 */
import { describe, expect, it } from "vitest";
import { smallIpLimitServers } from "../../helpers/rate-limits.ts";
import { Voter } from "../../helpers/server.ts";

const start = smallIpLimitServers();

describe("per-IP limit", () => {
  it("does not limit a loopback address (an unconfigured reverse proxy speaks for everyone)", async () => {
    const { server, entries } = await start({});
    const statuses = [];
    for (let i = 0; i < 8; i++) statuses.push((await new Voter(server).vote(entries[i % entries.length])).status);
    expect(statuses).toEqual(Array(8).fill(201));
  });
});

/**
 * The per-IP limit: generous in production (CGNAT), here shrunk to 5 a minute so it can be seen.
 * Over it, voters behind that address get 429 with Retry-After, never a silent drop.
 */
import { describe, expect, it } from "vitest";
import { voteCount } from "../../../db/index.ts";
import { smallIpLimitServers } from "../../helpers/rate-limits.ts";
import { Voter } from "../../helpers/server.ts";

const start = smallIpLimitServers();

describe("per-IP limit", () => {
  it("refuses the sixth voter behind one client address with 429 and Retry-After, and counts nothing for it", async () => {
    const { server, entries } = await start({ TRUST_PROXY: "x-forwarded-for" });
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await new Voter(server, "100.64.0.7").vote(entries[i % entries.length]));
    expect(results.slice(0, 5).map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(results[5]!.status).toBe(429);
    expect(results[5]!.body.error.code).toBe("rate_limited");
    expect(Number(results[5]!.headers.get("retry-after"))).toBeGreaterThan(0);
    // another address is not affected
    expect((await new Voter(server, "100.64.0.8").vote(entries[0])).status).toBe(201);
    expect(await voteCount(server.deps.db.read)).toBe(6);
  });
});

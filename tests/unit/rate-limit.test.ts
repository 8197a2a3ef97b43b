import { describe, expect, it } from "vitest";
import { BlockedCache, MemoryRateLimiter } from "../../api/ports/rate-limit.ts";
import { ipPrefix, isLoopback, Secrets } from "../../api/secrets.ts";

describe("memory rate limiter", () => {
  const rule = { name: "t", limit: 3, windowMs: 1000 };

  it("allows up to the limit in a window, then tells when to retry", async () => {
    const rl = new MemoryRateLimiter();
    for (let i = 0; i < 3; i++) expect((await rl.limit(rule, "a", 10_000 + i)).success).toBe(true);
    const refused = await rl.limit(rule, "a", 10_010);
    expect(refused.success).toBe(false);
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect((await rl.limit(rule, "b", 10_010)).success).toBe(true);
  });

  it("slides: the previous window still weighs on the next one, then fades", async () => {
    const rl = new MemoryRateLimiter();
    for (let i = 0; i < 3; i++) await rl.limit(rule, "a", 10_900);
    expect((await rl.limit(rule, "a", 11_100)).success).toBe(false);
    expect((await rl.limit(rule, "a", 11_900)).success).toBe(true);
    expect((await rl.limit(rule, "a", 13_000)).success).toBe(true);
  });
});

describe("memory rate limiter's memory", () => {
  const tenMinutes = { name: "objection-ip", limit: 1, windowMs: 600_000 };
  const perSecond = { name: "vote-voter", limit: 1, windowMs: 1000 };
  const t0 = 6_000_000_000;

  it("keeps a counter as long as its own window weighs, whatever other rules do", async () => {
    const rl = new MemoryRateLimiter({ maxKeys: 5 });
    expect((await rl.limit(tenMinutes, "a", t0)).success).toBe(true);
    // two minutes later, a flood of another rule's keys fills and churns its own bound
    for (let i = 0; i < 20; i++) await rl.limit(perSecond, `v${i}`, t0 + 120_000 + i);
    expect((await rl.limit(tenMinutes, "a", t0 + 120_000)).success).toBe(false);
    expect(rl.size(perSecond.name)).toBe(5);
  });

  it("drops counters once two of their own windows have passed, and only those", async () => {
    const rl = new MemoryRateLimiter();
    await rl.limit(perSecond, "old", t0);
    await rl.limit(tenMinutes, "slow", t0);
    await rl.limit(perSecond, "recent", t0 + 2500);
    await rl.limit(tenMinutes, "slow-2", t0 + 3000);
    await rl.limit(perSecond, "new", t0 + 3000); // "old" no longer weighs; "recent" still does
    expect(rl.size(perSecond.name)).toBe(2);
    expect(rl.size(tenMinutes.name)).toBe(2);
    // the one kept still counts: its last window weighs fully at the start of this one
    expect((await rl.limit(perSecond, "recent", t0 + 3000)).success).toBe(false);
  });

  it("at its bound evicts the least recently used counter only, never all at once", async () => {
    const rl = new MemoryRateLimiter({ maxKeys: 3 });
    const rule = { name: "r", limit: 1, windowMs: 60_000 };
    for (const key of ["a", "b", "c"]) await rl.limit(rule, key, t0);
    await rl.limit(rule, "a", t0 + 1); // refused, and now the most recently used
    await rl.limit(rule, "d", t0 + 2); // makes room by forgetting "b"
    expect(rl.size("r")).toBe(3);
    for (const key of ["a", "c", "d"]) expect((await rl.limit(rule, key, t0 + 3)).success, key).toBe(false);
    expect((await rl.limit(rule, "b", t0 + 4)).success).toBe(true);
  });
});

describe("the shared limiters' cache of refused identifiers", () => {
  it("drops expired entries and, at its bound, the oldest one", () => {
    const cache = new BlockedCache(3);
    const now = Date.now();
    cache.set("gone", now - 1);
    cache.set("a", now + 60_000);
    cache.set("b", now + 60_000);
    cache.set("c", now + 60_000); // "gone" had expired
    expect([...cache.keys()]).toEqual(["a", "b", "c"]);
    cache.set("d", now + 60_000); // at the bound: the oldest goes
    expect([...cache.keys()]).toEqual(["b", "c", "d"]);
  });
});

describe("keyed hashes", () => {
  const s = new Secrets("x".repeat(40));

  it("never equal the raw value and depend on the key", () => {
    expect(s.ipHash("1.2.3.4")).not.toContain("1.2.3.4");
    expect(s.ipHash("1.2.3.4")).not.toBe(new Secrets("y".repeat(40)).ipHash("1.2.3.4"));
  });

  it("signs voter cookies and refuses forged ones", () => {
    const cookie = s.signVoterId("abcdefghijklmnopqrstuv");
    expect(s.verifyVoterCookie(cookie)).toBe("abcdefghijklmnopqrstuv");
    expect(s.verifyVoterCookie(cookie.replace("abc", "abd"))).toBeUndefined();
    expect(s.verifyVoterCookie("abcdefghijklmnopqrstuv.0000")).toBeUndefined();
    expect(s.verifyVoterCookie(undefined)).toBeUndefined();
  });

  it("knows a loopback address (our own proxy) from a client's", () => {
    for (const ip of ["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1", "unknown"]) expect(isLoopback(ip), ip).toBe(true);
    for (const ip of ["10.0.0.1", "113.45.6.7", "::ffff:113.45.6.7", "2408:8207::1", "1127.0.0.1"]) expect(isLoopback(ip), ip).toBe(false);
  });

  it("groups addresses by carrier-sized prefixes", () => {
    expect(ipPrefix("113.45.6.7")).toBe("113.45.6.0/24");
    expect(ipPrefix("::ffff:113.45.6.7")).toBe("113.45.6.0/24");
    expect(ipPrefix("2408:8207:1:2::5")).toBe("2408:8207:1::/48");
  });
});

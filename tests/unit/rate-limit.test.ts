import { describe, expect, it } from "vitest";
import { MemoryRateLimiter } from "../../api/ports/rate-limit.ts";
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

/**
 * The keyed hashes are HMAC-SHA256 built from two one-shot digests (api/secrets.ts): byte for byte
 * what createHmac gives, for every key length and value (stored hashes must not change), and the
 * voter ids drawn from a pool of random bytes are each new.
 */
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { newVoterId, Secrets } from "../../api/secrets.ts";

const hmac = (key: string, purpose: string, value: string) =>
  createHmac("sha256", Buffer.from(key, "utf8")).update(purpose).update("\0").update(value).digest("hex");

describe("keyed hashes", () => {
  const keys = ["k".repeat(32), "x".repeat(64), "y".repeat(65), "密钥".repeat(20), "z".repeat(300)];
  const values = ["", "a", "113.45.6.7", "2408:8207:1234::1", "示例\n设备 🙂", "\ud800 lone", "v".repeat(5000), "长".repeat(3000)];

  it("equal createHmac's for keys shorter, as long as and longer than a block, and any value", () => {
    for (const key of keys) {
      const secrets = new Secrets(key);
      for (const value of values) {
        expect(secrets.hash("voter", value), `${key.length}/${value.length}`).toBe(hmac(key, "voter", value));
        expect(secrets.hash("ip-prefix", value)).toBe(hmac(key, "ip-prefix", value));
      }
      // after the buffer grew for a long value, short ones still hash alone
      expect(secrets.hash("idem", "1:k")).toBe(hmac(key, "idem", "1:k"));
    }
  });

  it("sign and verify a voter cookie as before", () => {
    const secrets = new Secrets("k".repeat(40));
    const id = newVoterId();
    const cookie = secrets.signVoterId(id);
    expect(cookie).toBe(`${id}.${hmac("k".repeat(40), "cookie", id).slice(0, 32)}`);
    expect(secrets.verifyVoterCookie(cookie)).toBe(id);
    expect(secrets.verifyVoterCookie(cookie.slice(0, -1) + (cookie.endsWith("a") ? "b" : "a"))).toBeUndefined();
  });
});

describe("voter ids", () => {
  it("are 24 base64url characters, and thousands drawn past the pool's refills are all different", () => {
    const ids = Array.from({ length: 5000 }, () => newVoterId());
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

/**
 * Keyed hashes and cookie signatures. The key is `BANGDAN_SECRET`, or one generated on first start
 * and kept under the data directory. Raw IPs and cookie ids never leave this module unhashed.
 */
import { createHash, hash as digestOnce, randomBytes, randomFillSync, timingSafeEqual } from "node:crypto";
import { isIP } from "node:net";

/** SHA-256's block: HMAC pads its key to this (RFC 2104). */
const BLOCK = 64;

export class Secrets {
  /** the key XOR 0x36, then room for the message: HMAC's inner input, written in place per hash */
  #inner: Buffer;
  /** the key XOR 0x5c and the inner digest: HMAC's outer input */
  readonly #outer = Buffer.alloc(BLOCK + 32);

  constructor(secret: string) {
    let key = Buffer.from(secret, "utf8");
    if (key.length > BLOCK) key = createHash("sha256").update(key).digest();
    this.#inner = Buffer.alloc(BLOCK + 1024);
    for (let i = 0; i < BLOCK; i++) {
      this.#inner[i] = (key[i] ?? 0) ^ 0x36;
      this.#outer[i] = (key[i] ?? 0) ^ 0x5c;
    }
  }

  /**
   * HMAC-SHA256 of `purpose`, a NUL and `value`, hex. Built from two one-shot digests over buffers
   * kept for the key's life (RFC 2104's construction, the same bytes as createHmac): a vote takes
   * five or six of these, and createHmac's object per call cost twice as much. Nothing awaits in
   * here, so the buffers are never shared by two calls.
   */
  hash(purpose: string, value: string): string {
    const size = BLOCK + Buffer.byteLength(purpose) + 1 + Buffer.byteLength(value);
    if (size > this.#inner.length) {
      const grown = Buffer.alloc(Math.max(size, this.#inner.length * 2));
      this.#inner.copy(grown, 0, 0, BLOCK);
      this.#inner = grown;
    }
    const inner = this.#inner;
    let at = BLOCK + inner.write(purpose, BLOCK, "utf8");
    inner[at++] = 0;
    at += inner.write(value, at, "utf8");
    const digest = digestOnce("sha256", inner.subarray(0, at), "buffer") as unknown as Buffer;
    digest.copy(this.#outer, BLOCK);
    return digestOnce("sha256", this.#outer, "hex");
  }

  /**
   * What the database keeps to tell whether two processes share this key: a keyed hash of a fixed
   * label, from which the key cannot be recovered.
   */
  fingerprint(): string {
    return this.hash("secret-fingerprint", "bangdan");
  }

  voterHash(voterId: string): string {
    return this.hash("voter", voterId);
  }

  ipHash(ip: string): string {
    return this.hash("ip", ip);
  }

  ipPrefixHash(ip: string): string {
    return this.hash("ip-prefix", ipPrefix(ip));
  }

  /**
   * A device fingerprint for anomaly review: the browser's self-description together with its IP
   * prefix, so one popular phone model across the country is not one "device".
   */
  deviceHash(device: string, ip: string): string {
    return this.hash("device", `${ipPrefix(ip)}\n${device}`);
  }

  idempotencyKeyHash(key: string): string {
    return this.hash("idem", key);
  }

  /** `bd_voter` cookie value: a random id and its signature. */
  signVoterId(id: string): string {
    return `${id}.${this.hash("cookie", id).slice(0, 32)}`;
  }

  /** The voter id inside a cookie value, or undefined when it was not signed by us. */
  verifyVoterCookie(value: string | undefined): string | undefined {
    if (!value) return undefined;
    const dot = value.lastIndexOf(".");
    if (dot <= 0) return undefined;
    const id = value.slice(0, dot);
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(id)) return undefined;
    const expected = Buffer.from(this.hash("cookie", id).slice(0, 32));
    const given = Buffer.from(value.slice(dot + 1));
    return expected.length === given.length && timingSafeEqual(expected, given) ? id : undefined;
  }
}

/** Random bytes drawn ahead, 18 a voter id: one call into the system's generator per 227 new voters, not one each. */
const idPool = Buffer.alloc(18 * 227);
let idPoolAt = idPool.length;

export function newVoterId(): string {
  if (idPoolAt === idPool.length) {
    randomFillSync(idPool);
    idPoolAt = 0;
  }
  const id = idPool.toString("base64url", idPoolAt, idPoolAt + 18);
  // each byte is used once
  idPool.fill(0, idPoolAt, idPoolAt + 18);
  idPoolAt += 18;
  return id;
}

export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** Admin tokens are stored as a plain sha256: they are long random strings, not passwords. */
export function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function newAdminToken(): string {
  return `bd_${randomBytes(24).toString("base64url")}`;
}

/** The /24 of an IPv4 address or the /48 of an IPv6 one: what one carrier NAT or one site shares. */
export function ipPrefix(ip: string): string {
  const v4 = ip.startsWith("::ffff:") ? ip.slice(7) : ip;
  if (isIP(v4) === 4) return v4.split(".").slice(0, 3).join(".") + ".0/24";
  if (isIP(ip) === 6) {
    const full = expandIpv6(ip);
    return full.slice(0, 3).join(":") + "::/48";
  }
  return ip;
}

function expandIpv6(ip: string): string[] {
  const [head, tail] = ip.split("::") as [string, string | undefined];
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const fill = tail === undefined ? [] : new Array(8 - h.length - t.length).fill("0");
  return [...h, ...fill, ...t].map((p) => p.toLowerCase().replace(/^0+(?=.)/, ""));
}

/** 127.0.0.0/8, ::1 and their mapped forms, or no address at all. */
export function isLoopback(ip: string): boolean {
  return ip === "unknown" || ip === "::1" || /^(::ffff:)?127\./.test(ip);
}

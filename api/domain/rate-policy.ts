/**
 * Rate-limit policies: how many requests of each kind a voter, an address and everyone together may
 * make. Plain data; the limiter ports (api/ports/rate-limit.ts) enforce them.
 */
export interface RateRule {
  name: string;
  limit: number;
  windowMs: number;
}

/**
 * Per voter, per IP and in total. IP limits are generous on purpose: mobile carriers in China put
 * many phones behind one address (CGNAT). Busy IPs are left to anomaly review, not refused.
 */
export const voteRateRules = {
  voter: { name: "vote-voter", limit: 30, windowMs: 60_000 },
  ip: { name: "vote-ip", limit: 1200, windowMs: 60_000 },
  global: { name: "vote-global", limit: 50_000, windowMs: 1_000 },
} as const satisfies Record<string, RateRule>;

export type VoteRateRules = Record<keyof typeof voteRateRules, RateRule>;

/** Objections are rare and written by hand: a few per sender, generous in total. */
export const objectionRateRules = {
  ip: { name: "objection-ip", limit: 5, windowMs: 10 * 60_000 },
  global: { name: "objection-global", limit: 600, windowMs: 60_000 },
} as const satisfies Record<string, RateRule>;

/** One limit to check: the rule and whose counter it moves. */
export interface RateCheck {
  rule: RateRule;
  key: string;
}

/**
 * The checks of one vote, in order: the address and everyone together first, the voter last, so a
 * request those refuse creates no per-voter counter (a client without a cookie is a new voter on
 * every request). `ip` is left out for an address not to be limited (our own proxy).
 */
export function voteRateChecks(rules: VoteRateRules, keys: { ip?: string; voter: string }): RateCheck[] {
  return [
    ...(keys.ip === undefined ? [] : [{ rule: rules.ip, key: keys.ip }]),
    { rule: rules.global, key: "all" },
    { rule: rules.voter, key: keys.voter },
  ];
}

/** The checks of one objection: the address, then everyone together. */
export function objectionRateChecks(keys: { ip?: string }): RateCheck[] {
  return [
    ...(keys.ip === undefined ? [] : [{ rule: objectionRateRules.ip, key: keys.ip }]),
    { rule: objectionRateRules.global, key: "all" },
  ];
}

/**
 * What a per-address limit counts (before it is hashed): an IPv4 address as it is, also when it
 * comes IPv4-mapped (`::ffff:a.b.c.d`); an IPv6 address by its /64, the smallest block one
 * subscriber is given, so rotating addresses within it changes nothing. Anything else is returned
 * unchanged.
 */
export function ipRateKey(ip: string): string {
  // most addresses are plain IPv4, their own key: no IPv6 parse on the vote path
  if (IPV4.test(ip)) return ip;
  const groups = ipv6Groups(ip.replace(/%.*$/, ""));
  if (!groups) return ip;
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join(".");
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(":")}::/64`;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** The eight 16-bit groups of an IPv6 address in any textual form, or undefined when it is not one. */
function ipv6Groups(text: string): number[] | undefined {
  const halves = text.toLowerCase().split("::");
  if (halves.length > 2) return undefined;
  const parse = (half: string | undefined): number[] | undefined => {
    if (!half) return [];
    const parts = half.split(":");
    const out: number[] = [];
    for (const [i, part] of parts.entries()) {
      if (i === parts.length - 1 && IPV4.test(part)) {
        const [a, b, c, d] = part.split(".").map(Number) as [number, number, number, number];
        out.push((a << 8) | b, (c << 8) | d);
      } else if (/^[0-9a-f]{1,4}$/.test(part)) out.push(parseInt(part, 16));
      else return undefined;
    }
    return out;
  };
  const head = parse(halves[0]);
  const tail = halves.length === 2 ? parse(halves[1]) : [];
  if (!head || !tail) return undefined;
  if (halves.length === 1) return head.length === 8 ? head : undefined;
  // an embedded IPv4 address belongs only at the very end
  if (halves[0]!.includes(".")) return undefined;
  const missing = 8 - head.length - tail.length;
  return missing >= 1 ? [...head, ...new Array<number>(missing).fill(0), ...tail] : undefined;
}

/**
 * Organizer calls without a valid token, per address: an organizer's script with a stale token
 * stays well under it; a scan or a token guesser gets 429 instead of a refusal counted each time.
 * Calls with a valid token are never limited by it.
 */
export const adminRateRules = {
  anonymousIp: { name: "admin-anonymous-ip", limit: 60, windowMs: 60_000 },
} as const satisfies Record<string, RateRule>;

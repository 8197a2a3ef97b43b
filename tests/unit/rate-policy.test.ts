import { describe, expect, it } from "vitest";
import { ipRateKey, objectionRateChecks, voteRateChecks, voteRateRules } from "../../api/domain/rate-policy.ts";

describe("what a per-address limit counts", () => {
  it("counts an IPv6 address by its /64, whatever its textual form", () => {
    const forms = [
      "2001:db8::1",
      "2001:db8:0:0:ffff::2",
      "2001:0DB8:0000:0000:1:2:3:4",
      "2001:db8::",
      "2001:db8:0:0:1::1.2.3.4",
      "2001:db8::1%eth0",
    ];
    for (const ip of forms) expect(ipRateKey(ip), ip).toBe("2001:db8:0:0::/64");
    expect(ipRateKey("2001:db8:0:1::1")).toBe("2001:db8:0:1::/64");
    expect(ipRateKey("2408:8207:1:2:3:4:5:6")).toBe("2408:8207:1:2::/64");
    expect(ipRateKey("1:2::3:4:5:6.7.8.9")).toBe("1:2:0:3::/64");
  });

  it("counts IPv4 addresses, mapped or not, by the whole address", () => {
    expect(ipRateKey("113.45.6.7")).toBe("113.45.6.7");
    expect(ipRateKey("::ffff:113.45.6.7")).toBe("113.45.6.7");
    expect(ipRateKey("::FFFF:716d:607")).toBe("113.109.6.7");
    expect(ipRateKey("0:0:0:0:0:ffff:113.45.6.8")).toBe("113.45.6.8");
  });

  it("leaves what is not an address as it is", () => {
    for (const text of ["unknown", "1::2::3", "1:2:3:4:5:6:7:8:9", "2001:db8::g", "1.2.3.4::", "::ffff:1.2.3.256", ""]) {
      expect(ipRateKey(text), text).toBe(text);
    }
  });
});

describe("the order of the checks", () => {
  it("checks a vote's address and the total before the voter", () => {
    const checks = voteRateChecks(voteRateRules, { ip: "ip-hash", voter: "voter-hash" });
    expect(checks.map((c) => [c.rule.name, c.key])).toEqual([
      ["vote-ip", "ip-hash"],
      ["vote-global", "all"],
      ["vote-voter", "voter-hash"],
    ]);
    expect(voteRateChecks(voteRateRules, { voter: "v" }).map((c) => c.rule.name)).toEqual(["vote-global", "vote-voter"]);
  });

  it("checks an objection's address before the total", () => {
    expect(objectionRateChecks({ ip: "h" }).map((c) => c.rule.name)).toEqual(["objection-ip", "objection-global"]);
    expect(objectionRateChecks({}).map((c) => c.rule.name)).toEqual(["objection-global"]);
  });
});

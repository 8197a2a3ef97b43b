/** The refusal counter in memory: one counter per minute, reason and key, bounded, samples cut short. */
import { describe, expect, it } from "vitest";
import { MAX_KEYS, OVERFLOW_PREFIX, RefusalCounter, SAMPLE_MAX } from "../../api/services/refusals.ts";

const T0 = Date.parse("2024-10-10T12:00:00+08:00");

describe("RefusalCounter", () => {
  it("adds up one minute's refusals of a reason into one counter, keeping the last sample cut short", () => {
    const counter = new RefusalCounter();
    for (let i = 0; i < 500; i++)
      counter.note(T0 + i * 100, { reason: "unauthorized", routeKind: "admin_read", sample: `GET /x?${i}` + "y".repeat(300) });
    counter.note(T0 + 60_000, { reason: "unauthorized", routeKind: "admin_read" });
    const rows = counter.take();
    expect(rows.map((r) => [r.minute - T0, r.count])).toEqual([
      [0, 500],
      [60_000, 1],
    ]);
    expect(rows[0]!.sample).toHaveLength(SAMPLE_MAX);
    expect(rows[0]!.sample!.startsWith("GET /x?499")).toBe(true);
    expect(counter.size).toBe(0);
  });

  it("holds at most its cap of counters: a flood of distinct prefixes folds into one, and nothing is lost", () => {
    const counter = new RefusalCounter();
    const n = MAX_KEYS * 3;
    for (let i = 0; i < n; i++) counter.note(T0, { reason: "bot_check_failed", routeKind: "vote", campaignId: 1, ipPrefixHash: `p${i}` });
    expect(counter.size).toBe(MAX_KEYS + 1);
    const rows = counter.take();
    expect(rows.find((r) => r.ipPrefixHash === OVERFLOW_PREFIX)!.count).toBe(n - MAX_KEYS);
    expect(rows.reduce((s, r) => s + r.count, 0)).toBe(n);
  });
});

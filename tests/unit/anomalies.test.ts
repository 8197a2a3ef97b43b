import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  countWeight,
  denseRuns,
  DEFAULT_THRESHOLDS,
  findAnomalies,
  matchesFilter,
  type AnomalyThresholds,
  type AnomalyVote,
} from "../../api/domain/anomalies.ts";

const T0 = Date.parse("2024-10-10T12:00:00+08:00");
let seq = 0;
function vote(p: Partial<AnomalyVote> & { at: number }): AnomalyVote {
  seq += 1;
  return {
    seq,
    listId: 1,
    entryId: 1,
    voterHash: `voter-${seq}`,
    ipPrefixHash: `prefix-${seq}`,
    deviceHash: `device-${seq}`,
    receivedAt: T0 + p.at,
    ...p,
  };
}

/** Honest traffic: every voter on their own prefix and device, spread over two hours. */
function honest(n: number): AnomalyVote[] {
  return Array.from({ length: n }, (_, i) => vote({ at: i * 7_000 + 13, entryId: (i % 5) + 1 }));
}

const small: AnomalyThresholds = {
  ipPrefix: { windowMs: 600_000, minVoters: 10 },
  entryBurst: { windowMs: 60_000, minVotes: 20 },
  device: { windowMs: 86_400_000, minVoters: 4 },
  botFailures: { windowMs: 600_000, minFailures: 5 },
};

describe("denseRuns", () => {
  it("merges overlapping windows into one maximal run and keeps separate ones apart", () => {
    const times = [0, 1, 2, 3, 100, 200, 201, 202, 203, 1000];
    expect(denseRuns(times, (t) => t, 5, countWeight<number>(), 3)).toEqual([
      [0, 3],
      [5, 8],
    ]);
  });

  it("takes equal times at a run's edge into the run", () => {
    const times = [0, 10, 10, 11, 12, 12];
    expect(denseRuns(times, (t) => t, 2, countWeight<number>(), 4)).toEqual([[1, 5]]);
  });
});

describe("findAnomalies", () => {
  it("finds nothing in honest traffic with the default thresholds", () => {
    expect(findAnomalies(honest(400), [], DEFAULT_THRESHOLDS)).toEqual([]);
  });

  it("finds many voters behind one IP prefix in a short time, with a filter selecting exactly those votes", () => {
    const base = honest(100);
    const burst = Array.from({ length: 15 }, (_, i) => vote({ at: 3_600_000 + i * 20_000, ipPrefixHash: "cgnat", entryId: 2 }));
    // the same prefix a day later, a few honest voters: not part of the cluster
    const later = Array.from({ length: 3 }, (_, i) => vote({ at: 90_000_000 + i * 1000, ipPrefixHash: "cgnat" }));
    const all = [...base, ...burst, ...later];
    const found = findAnomalies(all, [], small).filter((c) => c.kind === "ip_prefix");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ key: "cgnat", votes: 15, voters: 15, filter: { ipPrefixHash: "cgnat", list: 1 } });
    expect(all.filter((v) => matchesFilter(v, found[0]!.filter)).map((v) => v.seq)).toEqual(burst.map((v) => v.seq));
  });

  it("finds one device across many voter cookies, and a burst on one entry", () => {
    const device = Array.from({ length: 6 }, (_, i) => vote({ at: i * 3_600_000, deviceHash: "phone", entryId: 4 }));
    const burst = Array.from({ length: 25 }, (_, i) => vote({ at: 10_000_000 + i * 1000, entryId: 3 }));
    const all = [...honest(50), ...device, ...burst];
    const clusters = findAnomalies(all, [], small);
    const dev = clusters.find((c) => c.kind === "device")!;
    expect(dev).toMatchObject({ key: "phone", votes: 6, voters: 6 });
    expect(all.filter((v) => matchesFilter(v, dev.filter)).map((v) => v.seq)).toEqual(device.map((v) => v.seq));
    const entry = clusters.find((c) => c.kind === "entry_burst")!;
    expect(entry).toMatchObject({ key: "3", filter: { entryId: 3 } });
    expect(all.filter((v) => matchesFilter(v, entry.filter)).map((v) => v.seq)).toEqual(entry.seqs);
    expect(entry.seqs).toEqual(expect.arrayContaining(burst.map((v) => v.seq)));
  });

  it("finds bot-check tokens failing in a row from one prefix and selects that prefix's votes around them", () => {
    const votes = [
      vote({ at: 1000, ipPrefixHash: "bots" }),
      vote({ at: 2000, ipPrefixHash: "bots" }),
      vote({ at: 5_000_000, ipPrefixHash: "bots" }),
    ];
    const failures = Array.from({ length: 8 }, (_, i) => ({ at: T0 + 1500 + i * 100, ipPrefixHash: "bots" }));
    const found = findAnomalies(votes, failures, small).filter((c) => c.kind === "bot_failures");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ failures: 8, votes: 2 });
    expect(votes.filter((v) => matchesFilter(v, found[0]!.filter)).map((v) => v.seq)).toEqual(votes.slice(0, 2).map((v) => v.seq));
  });

  it("takes failures counted per minute: their counts add up, and the span covers each minute to its end", () => {
    const votes = [vote({ at: 1000, ipPrefixHash: "bots" }), vote({ at: 59_000 + 600_000, ipPrefixHash: "bots" })];
    // 3 + 2 failures counted over two minutes reach the threshold of 5; the same in one line each would not
    const counted = [
      { at: T0, until: T0 + 59_999, ipPrefixHash: "bots", count: 3 },
      { at: T0 + 60_000, until: T0 + 119_999, ipPrefixHash: "bots", count: 2 },
    ];
    const found = findAnomalies(votes, counted, small).filter((c) => c.kind === "bot_failures");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ failures: 5, votes: 2, to: T0 + 119_999 + 600_000 });
    const single = counted.map(({ at, ipPrefixHash }) => ({ at, ipPrefixHash }));
    expect(findAnomalies(votes, single, small).filter((c) => c.kind === "bot_failures")).toEqual([]);
  });

  it("every cluster's filter selects exactly its votes (property)", () => {
    const arbVote = fc.record({
      at: fc.integer({ min: 0, max: 3_600_000 }),
      listId: fc.integer({ min: 1, max: 2 }),
      entryId: fc.integer({ min: 1, max: 3 }),
      voter: fc.integer({ min: 1, max: 40 }),
      prefix: fc.integer({ min: 1, max: 3 }),
      device: fc.integer({ min: 1, max: 4 }),
    });
    fc.assert(
      fc.property(fc.array(arbVote, { maxLength: 200 }), (raw) => {
        const votes = raw.map((r, i) => ({
          seq: i + 1,
          listId: r.listId,
          entryId: r.entryId,
          voterHash: `v${r.voter}`,
          ipPrefixHash: `p${r.prefix}`,
          deviceHash: `d${r.device}`,
          receivedAt: T0 + r.at,
        }));
        const t: AnomalyThresholds = {
          ipPrefix: { windowMs: 300_000, minVoters: 4 },
          entryBurst: { windowMs: 60_000, minVotes: 5 },
          device: { windowMs: 600_000, minVoters: 3 },
          botFailures: small.botFailures,
        };
        for (const c of findAnomalies(votes, [], t)) {
          const selected = votes
            .filter((v) => matchesFilter(v, c.filter))
            .map((v) => v.seq)
            .sort((a, b) => a - b);
          expect(selected).toEqual([...c.seqs].sort((a, b) => a - b));
        }
      }),
      { numRuns: 150 },
    );
  });
});

/**
 * Fraud review: clusters of votes worth an organizer's look, found over ledger rows with explicit
 * thresholds. Pure: the caller reads the rows (not yet voided) and the bot-check failures.
 *
 * Every cluster is a maximal run of one key's votes (an IP prefix, a device, an entry) in which
 * some window of `windowMs` holds at least the threshold; runs whose windows overlap are merged.
 * Its filter (key, list and the first and last arrival, both inclusive) selects exactly its votes:
 * any other vote of that key lies outside the run's time span, because the run is maximal.
 */

export interface AnomalyVote {
  seq: number;
  listId: number;
  entryId: number;
  voterHash: string;
  ipPrefixHash: string;
  deviceHash: string;
  receivedAt: number;
}

/** Failed bot checks from one IP prefix: one failure at `at`, or `count` of them counted over `at`…`until` (a minute). */
export interface BotFailure {
  at: number;
  until?: number;
  ipPrefixHash: string;
  count?: number;
}

export interface AnomalyThresholds {
  /** many voters behind one IP prefix: distinct voters within `windowMs` */
  ipPrefix: { windowMs: number; minVoters: number };
  /** a burst on one entry: votes within `windowMs` */
  entryBurst: { windowMs: number; minVotes: number };
  /** one device fingerprint across many voter cookies: distinct voters within `windowMs` */
  device: { windowMs: number; minVoters: number };
  /** bot-check tokens failing in a row from one IP prefix: failures within `windowMs` */
  botFailures: { windowMs: number; minFailures: number };
}

/**
 * Defaults sized for China's carrier NAT: a /24 behind CGNAT carries many honest phones, so the
 * prefix threshold is far above what one household or office produces in ten minutes.
 */
export const DEFAULT_THRESHOLDS: AnomalyThresholds = {
  ipPrefix: { windowMs: 10 * 60_000, minVoters: 30 },
  entryBurst: { windowMs: 60_000, minVotes: 60 },
  device: { windowMs: 24 * 3_600_000, minVoters: 5 },
  botFailures: { windowMs: 10 * 60_000, minFailures: 20 },
};

export type AnomalyKind = "ip_prefix" | "entry_burst" | "device" | "bot_failures";

/** What selects a cluster's votes; the fields of POST /api/admin/votes/void's filter. */
export interface VoteFilterFields {
  list?: number;
  ipPrefixHash?: string;
  deviceHash?: string;
  entryId?: number;
  /** epoch ms, inclusive */
  from: number;
  /** epoch ms, inclusive */
  to: number;
}

export interface Cluster {
  kind: AnomalyKind;
  listId: number;
  /** the hashed key the cluster shares (prefix, device) or the entry id */
  key: string;
  from: number;
  to: number;
  votes: number;
  voters: number;
  entries: number;
  /** bot-check failures in the span (bot_failures clusters) */
  failures?: number;
  filter: VoteFilterFields;
  seqs: number[];
}

/** A window's weight, kept as items enter and leave it (a sliding window, linear time). */
export interface WindowWeight<T> {
  add(x: T): void;
  remove(x: T): void;
  value(): number;
}

export function countWeight<T>(): WindowWeight<T> {
  let n = 0;
  return { add: () => void n++, remove: () => void n--, value: () => n };
}

/** The sum of the items' counts (an item without one counts once). */
export function sumWeight<T extends { count?: number }>(): WindowWeight<T> {
  let n = 0;
  return { add: (x) => void (n += x.count ?? 1), remove: (x) => void (n -= x.count ?? 1), value: () => n };
}

export function distinctWeight<T>(keyOf: (x: T) => string): WindowWeight<T> {
  const counts = new Map<string, number>();
  return {
    add(x) {
      const k = keyOf(x);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    },
    remove(x) {
      const k = keyOf(x);
      const n = (counts.get(k) ?? 0) - 1;
      if (n <= 0) counts.delete(k);
      else counts.set(k, n);
    },
    value: () => counts.size,
  };
}

/** Maximal index runs [start, end] of time-sorted items in which a window of `windowMs` reaches the threshold. */
export function denseRuns<T>(
  items: T[],
  time: (x: T) => number,
  windowMs: number,
  weight: WindowWeight<T>,
  threshold: number,
): [number, number][] {
  const runs: [number, number][] = [];
  let j = -1; // the window is items[i..j]
  for (let i = 0; i < items.length; i++) {
    if (j < i) {
      j = i;
      weight.add(items[i]!);
    }
    while (j + 1 < items.length && time(items[j + 1]!) - time(items[i]!) <= windowMs) weight.add(items[++j]!);
    if (weight.value() >= threshold) {
      const last = runs.at(-1);
      if (last && i <= last[1]) last[1] = Math.max(last[1], j);
      else runs.push([i, j]);
    }
    weight.remove(items[i]!);
  }
  // Equal arrival times at a run's edges belong to it: the filter's bounds are inclusive.
  for (const run of runs) {
    while (run[0] > 0 && time(items[run[0] - 1]!) === time(items[run[0]]!)) run[0]--;
    while (run[1] + 1 < items.length && time(items[run[1] + 1]!) === time(items[run[1]]!)) run[1]++;
  }
  return runs;
}

function distinctVoters(votes: AnomalyVote[]): number {
  return new Set(votes.map((v) => v.voterHash)).size;
}

function groupBy<T>(items: Iterable<T>, key: (x: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const x of items) {
    const k = key(x);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(x);
  }
  return groups;
}

function clusterOf(kind: AnomalyKind, key: string, votes: AnomalyVote[], filter: (from: number, to: number) => VoteFilterFields): Cluster {
  const from = votes[0]!.receivedAt;
  const to = votes.at(-1)!.receivedAt;
  return {
    kind,
    listId: votes[0]!.listId,
    key,
    from,
    to,
    votes: votes.length,
    voters: distinctVoters(votes),
    entries: new Set(votes.map((v) => v.entryId)).size,
    filter: filter(from, to),
    seqs: votes.map((v) => v.seq),
  };
}

const voterWeight = () => distinctWeight<AnomalyVote>((v) => v.voterHash);

const byTime = (a: AnomalyVote, b: AnomalyVote) => a.receivedAt - b.receivedAt || a.seq - b.seq;

/** Finds the clusters among `votes` (one campaign's valid votes), largest first. */
export function findAnomalies(votes: AnomalyVote[], failures: BotFailure[], thresholds: AnomalyThresholds = DEFAULT_THRESHOLDS): Cluster[] {
  const clusters: Cluster[] = [];
  const perList = groupBy(votes, (v) => String(v.listId));

  for (const [listKey, listVotes] of perList) {
    const list = Number(listKey);
    const keyed = (
      kind: AnomalyKind,
      keyOf: (v: AnomalyVote) => string,
      t: { windowMs: number },
      weight: () => WindowWeight<AnomalyVote>,
      threshold: number,
      filter: (key: string, from: number, to: number) => VoteFilterFields,
    ) => {
      for (const [key, group] of groupBy(listVotes, keyOf)) {
        if (!key) continue;
        group.sort(byTime);
        for (const [s, e] of denseRuns(group, (v) => v.receivedAt, t.windowMs, weight(), threshold)) {
          clusters.push(clusterOf(kind, key, group.slice(s, e + 1), (from, to) => filter(key, from, to)));
        }
      }
    };
    keyed(
      "ip_prefix",
      (v) => v.ipPrefixHash,
      thresholds.ipPrefix,
      voterWeight,
      thresholds.ipPrefix.minVoters,
      (ipPrefixHash, from, to) => ({ list, ipPrefixHash, from, to }),
    );
    keyed(
      "entry_burst",
      (v) => String(v.entryId),
      thresholds.entryBurst,
      countWeight,
      thresholds.entryBurst.minVotes,
      (key, from, to) => ({ list, entryId: Number(key), from, to }),
    );
    keyed(
      "device",
      (v) => v.deviceHash,
      thresholds.device,
      voterWeight,
      thresholds.device.minVoters,
      (deviceHash, from, to) => ({ list, deviceHash, from, to }),
    );

    // Failing bot checks in a row from one prefix: the cluster is that prefix's votes in the span
    // of the failures (the votes that got through while the rest were refused).
    const prefixVotes = groupBy(listVotes, (v) => v.ipPrefixHash);
    for (const [prefix, fails] of groupBy(failures, (f) => f.ipPrefixHash)) {
      fails.sort((a, b) => a.at - b.at);
      for (const [s, e] of denseRuns(
        fails,
        (f) => f.at,
        thresholds.botFailures.windowMs,
        sumWeight<BotFailure>(),
        thresholds.botFailures.minFailures,
      )) {
        const from = fails[s]!.at - thresholds.botFailures.windowMs;
        const to = (fails[e]!.until ?? fails[e]!.at) + thresholds.botFailures.windowMs;
        const inSpan = (prefixVotes.get(prefix) ?? []).filter((v) => v.receivedAt >= from && v.receivedAt <= to).sort(byTime);
        if (inSpan.length === 0) continue;
        const cluster = clusterOf("bot_failures", prefix, inSpan, () => ({ list, ipPrefixHash: prefix, from, to }));
        const failures = fails.slice(s, e + 1).reduce((n, f) => n + (f.count ?? 1), 0);
        clusters.push({ ...cluster, from, to, failures });
      }
    }
  }
  return clusters.sort((a, b) => b.votes - a.votes || a.from - b.from);
}

/** Whether a vote matches a filter's fields (the same rule the database query applies). */
export function matchesFilter(v: AnomalyVote, f: VoteFilterFields): boolean {
  return (
    (f.list === undefined || v.listId === f.list) &&
    (f.ipPrefixHash === undefined || v.ipPrefixHash === f.ipPrefixHash) &&
    (f.deviceHash === undefined || v.deviceHash === f.deviceHash) &&
    (f.entryId === undefined || v.entryId === f.entryId) &&
    v.receivedAt >= f.from &&
    v.receivedAt <= f.to
  );
}

/**
 * Reliability, the mixed-vote replay (issue 15): votes, retries with the same idempotency key, bot
 * failures and a close halfway, over HTTP to a server process. CI size: RELIABILITY_REPLAY_VOTES
 * (default 5,000); the full size (1,000,000) is `npm run reliability -- replay`.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { runReplay, type ReplayFigures } from "../../scripts/reliability/replay.ts";
import { freshEnv } from "../helpers/env.ts";

const VOTES = Number(process.env.RELIABILITY_REPLAY_VOTES ?? 5_000);

let figures: ReplayFigures;
beforeAll(async () => {
  figures = await runReplay(freshEnv(), { total: VOTES, concurrency: 32 });
}, 240_000);

describe(`replay of ${VOTES} mixed votes`, () => {
  it("mixes what it should and answers every request within the contract", () => {
    expect(figures.retries).toBeGreaterThan(VOTES * 0.05);
    expect(figures.botFailures).toBeGreaterThan(VOTES * 0.15);
    expect(figures.statuses["403"]).toBe(figures.botFailures);
    expect(figures.statuses["409"] ?? 0).toBeGreaterThan(0); // beta closed halfway
    expect(Object.keys(figures.statuses).filter((s) => Number(s) >= 500)).toEqual([]);
  });

  it("passes verify, and the tallies equal the ledger", () => {
    expect(figures.verifyReason).toBeUndefined();
    expect(figures.verifyOk).toBe(true);
    expect(figures.cliVerifyExit).toBe(0);
    expect(figures.talliesEqualLedger).toBe(true);
    expect(figures.ledgerRows).toBe(figures.acknowledged);
  });

  // Hole 1 of issue 15 (a retried first vote counts twice): the retry of a voter's first vote comes
  // without the cookie its lost answer would have set, and is counted as a second voter's vote.
  // Fails until that hole is closed; the assertion stays as the contract says.
  it("counts each idempotency key once, whatever the retry carried", () => {
    expect(figures.retriesCountedAgain).toBe(0);
    expect(figures.ledgerRows).toBe(figures.keysCounted);
  });
});

/**
 * Reliability, the close race (issue 15 and the contract's CLI promise): a list is closed while
 * votes stream in, by the admin API and by the CLI; no request sent after the close returned is
 * counted. CI size: 2 rounds (RELIABILITY_CLOSE_ROUNDS); `npm run reliability -- close-race` runs 20.
 */
import { describe, expect, it } from "vitest";
import { runCloseRace } from "../../scripts/reliability/close-race.ts";
import { freshEnv } from "../helpers/env.ts";

const ROUNDS = Number(process.env.RELIABILITY_CLOSE_ROUNDS ?? 2);

describe("close during vote load", () => {
  it("counts no vote sent after the close returned", { timeout: 60_000 + ROUNDS * 20_000 }, async () => {
    const figures = await runCloseRace(freshEnv(), { rounds: ROUNDS, concurrency: 16 });
    expect(figures.rounds.every((r) => r.sentBeforeClose > 0 && r.sentAfterClose > 0)).toBe(true);
    expect(figures.acceptedAfterClose).toBe(0);
    expect(figures.ledgerRowsAfterClose).toBe(0);
    expect(figures.lost).toBe(0);
  });
});

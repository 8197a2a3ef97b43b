/**
 * Reliability, kill -9 (issue 15): a server process under vote load is killed with SIGKILL and
 * started again on the same database; no vote it acknowledged with 201 is lost. CI size: 3 cycles
 * (RELIABILITY_KILL9_CYCLES); the full size (20) is `npm run reliability -- kill9`.
 */
import { describe, expect, it } from "vitest";
import { runKill9 } from "../../scripts/reliability/kill9.ts";
import { freshEnv } from "../helpers/env.ts";

const CYCLES = Number(process.env.RELIABILITY_KILL9_CYCLES ?? 3);

describe("kill -9 under load", () => {
  it(`loses no acknowledged vote over ${CYCLES} kill -9 cycles`, { timeout: 60_000 + CYCLES * 30_000 }, async () => {
    const figures = await runKill9(freshEnv(), { cycles: CYCLES, concurrency: 16 });
    expect(figures.acknowledged).toBeGreaterThan(0);
    expect(figures.lost).toBe(0);
    expect(figures.unacknowledged).toBeGreaterThanOrEqual(0);
    expect(figures.chainOk).toBe(true);
    expect(figures.talliesMatch).toBe(true);
  });
});

/**
 * Reliability, fuzz (issue 15): hostile bodies, headers, query strings and path parameters against
 * every public and admin endpoint. The server stays up, every refusal is in the contract's error
 * shape with a 4xx, no write is accepted, and no vote, objection or audit row of a real action is
 * written. CI size: RELIABILITY_FUZZ_RUNS (default 100) requests per endpoint; the full size
 * (10,000 per endpoint) is `npm run reliability -- fuzz`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowCounts } from "../../scripts/reliability/common.ts";
import { fuzzAll, prepareFuzzFixture } from "../../scripts/reliability/fuzz.ts";
import type { FuzzFixture } from "../../scripts/reliability/fuzz-requests.ts";
import { startTestServer, TEST_BOT_TOKEN, type TestServer } from "../helpers/server.ts";

const RUNS = Number(process.env.RELIABILITY_FUZZ_RUNS ?? 100);

let server: TestServer;
let fixture: FuzzFixture;
beforeAll(async () => {
  server = await startTestServer({ seedDemo: false, env: { TRUST_PROXY: "x-forwarded-for" } });
  fixture = await prepareFuzzFixture(server.deps);
});
afterAll(() => server?.close());

describe("fuzz", () => {
  it("keeps every endpoint's contract under hostile requests and writes nothing real", { timeout: 120_000 }, async () => {
    const before = await rowCounts(server.deps);
    const results = await fuzzAll(server.url, fixture, { runs: RUNS });
    const failures = results.filter((r) => r.failure).map((r) => `${r.endpoint}: ${r.failure}`);
    expect(failures).toEqual([]);
    expect(results.every((r) => r.runs === RUNS)).toBe(true);

    // the server is still up and still counts a real vote, and the fuzz wrote nothing real
    expect((await server.json("/api/health")).status).toBe(200);
    expect(await rowCounts(server.deps)).toEqual(before);
    const vote = await server.json("/api/votes", {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": "10.9.9.9" },
      body: JSON.stringify({ entryId: fixture.entryIds[0], token: TEST_BOT_TOKEN }),
    });
    expect(vote.status).toBe(201);
    expect((await rowCounts(server.deps)).votes).toBe(before.votes + 1);
  });
});

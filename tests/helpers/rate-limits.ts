/**
 * Servers whose per-IP vote limit is shrunk to 5 a minute, so it can be seen: one per test, closed
 * after it. Registers its own afterEach in the calling file.
 */
import { afterEach } from "vitest";
import { voteRateRules } from "../../api/domain/rate-policy.ts";
import { entryIds, seedCampaign } from "./seed.ts";
import { ManualClock, startTestServer, testCampaign, type TestServer } from "./server.ts";

const small = { ...voteRateRules, ip: { name: "vote-ip", limit: 5, windowMs: 60_000 } };

export function smallIpLimitServers(): (env: Record<string, string>) => Promise<{ server: TestServer; entries: number[] }> {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  return async (env) => {
    server = await startTestServer({
      clock: new ManualClock(Date.parse("2024-10-10T12:00:00+08:00")),
      seedDemo: false,
      voteRateRules: small,
      env,
    });
    await seedCampaign(server, testCampaign());
    return { server, entries: entryIds(server, "test-2024", "ranked") };
  };
}

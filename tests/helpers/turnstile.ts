/**
 * A server doing the real Turnstile check against a local siteverify, on https behind a trusted
 * proxy, with the test campaign and a preliminary publication in its period (for objections):
 * what the bot-check tests, happy and error, both start from.
 */
import { startFakeSiteverify, type FakeSiteverify } from "./fake-siteverify.ts";
import { publish } from "./publicity.ts";
import { adminToken, entryIds, seedCampaign } from "./seed.ts";
import { ManualClock, startTestServer, testCampaign, type TestServer } from "./server.ts";

export const TURNSTILE_SECRET = "0x4AAAAAAAtest-secret";

export interface TurnstileFixture {
  fake: FakeSiteverify;
  server: TestServer;
  organizer: string;
  /** the ranked list's entries, for votes */
  entries: number[];
  /** the publication in its period, and an entry of it, for objections */
  publicationId: number;
  entry: number;
}

export async function startTurnstileFixture(): Promise<TurnstileFixture> {
  const fake = await startFakeSiteverify(TURNSTILE_SECRET);
  const server = await startTestServer({
    clock: new ManualClock(Date.parse("2024-10-10T12:00:00+08:00")),
    seedDemo: false,
    env: {
      TURNSTILE_SECRET_KEY: TURNSTILE_SECRET,
      TURNSTILE_VERIFY_URL: fake.url,
      PUBLIC_ORIGIN: "https://vote.example.cn",
      TRUST_PROXY: "x-forwarded-for",
    },
  });
  await seedCampaign(server, testCampaign());
  const organizer = await adminToken(server, "organizer");
  const res = await publish(server, organizer, "test-2024", { kind: "preliminary", list: "unranked" });
  return {
    fake,
    server,
    organizer,
    entries: entryIds(server, "test-2024", "ranked"),
    publicationId: res.body.id,
    entry: entryIds(server, "test-2024", "unranked")[0]!,
  };
}

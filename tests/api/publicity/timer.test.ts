/** The static pages follow a period's start and end: the server asks for a rebuild at those instants. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PublicationStateTimer } from "../../../api/site/publications.ts";
import { publish } from "../../helpers/publicity.ts";
import { adminToken, seedCampaign } from "../../helpers/seed.ts";
import { startTestServer, testCampaign, type TestServer } from "../../helpers/server.ts";

let server: TestServer;
let organizer: string;

beforeAll(async () => {
  server = await startTestServer({ seedDemo: false });
  await seedCampaign(server, testCampaign());
  organizer = await adminToken(server, "organizer");
});
afterAll(async () => server?.close());

describe("PublicationStateTimer", () => {
  it("fires when a publication starts and again when it ends, not before", async () => {
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    const res = await publish(server, organizer, "test-2024", {
      kind: "preliminary",
      list: "unranked",
      startsAt: iso(now + 1000),
      endsAt: iso(now + 2500),
    });
    expect(res.status).toBe(201);
    const fired: number[] = [];
    const timer = new PublicationStateTimer(server.deps, () => fired.push(Date.now()));
    await timer.arm();
    try {
      expect(fired).toEqual([]);
      await expect.poll(() => fired.length, { timeout: 6000, interval: 100 }).toBe(2);
      expect(fired[0]!).toBeGreaterThanOrEqual(now + 1000);
      expect(fired[1]!).toBeGreaterThanOrEqual(now + 2500);
    } finally {
      timer.stop();
    }
  });
});

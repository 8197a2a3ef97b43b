/** Auditors may read anomalies; only an organizer may void votes, and a refused void voids nothing. */
import { afterAll, beforeAll, describe, expect } from "vitest";
import { voidHead } from "../../../db/index.ts";
import { adminSecurityCases } from "../../helpers/admin-security.ts";
import { entryIds, seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, testCampaign, Voter, type TestServer } from "../../helpers/server.ts";

const clock = new ManualClock(Date.parse("2024-10-10T12:00:00+08:00"));
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false, env: { TRUST_PROXY: "x-forwarded-for" } });
  await seedCampaign(server, testCampaign());
  // votes a void could take away
  const ranked = entryIds(server, "test-2024", "ranked");
  for (let i = 0; i < 3; i++) expect((await new Voter(server, `203.0.113.${i}`).vote(ranked[i])).status).toBe(201);
});
afterAll(async () => server?.close());

describe("voiding needs an organizer", () => {
  adminSecurityCases({
    server: () => server,
    routes: [
      { method: "GET", path: "/api/admin/anomalies?campaign=test-2024" },
      {
        method: "POST",
        path: "/api/admin/votes/void",
        body: { filter: { campaign: "test-2024", list: "ranked" }, reason: "整个榜单作废" },
      },
    ],
    unchanged: async () => {
      expect((await voidHead(server.deps.db.read))?.seq ?? 0).toBe(0);
      clock.advance(3000);
      const board = (await server.json("/api/campaigns/test-2024/lists/ranked/leaderboard")).body;
      expect(board.entries.reduce((s: number, e: { votes: number }) => s + e.votes, 0)).toBe(3);
      expect(board.entries.reduce((s: number, e: { voided: number }) => s + e.voided, 0)).toBe(0);
    },
  });
});

import { afterAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ChildProcess } from "node:child_process";
import { isoInZone } from "../../../api/domain/voting.ts";
import { openDatabase, readLedger } from "../../../db/index.ts";
import { verifyChain } from "../../../api/domain/ledger.ts";
import { freshEnv } from "../../helpers/env.ts";
import { runCli, spawnServer } from "../../helpers/processes.ts";
import { testCampaign, TEST_BOT_TOKEN } from "../../helpers/server.ts";

let child: ChildProcess | undefined;
afterAll(() => {
  child?.kill("SIGKILL");
});

describe("durability", () => {
  it("keeps every acknowledged vote when the process is killed the next moment", async () => {
    const env = freshEnv();
    const DAY = 86_400_000;
    const file = join(env.BANGDAN_DATA_DIR, "c.yaml");
    writeFileSync(
      file,
      stringify(
        testCampaign({ opensAt: isoInZone(Date.now() - DAY, "Asia/Shanghai"), closesAt: isoInZone(Date.now() + DAY, "Asia/Shanghai") }),
      ),
    );
    expect((await runCli(env, ["import", file])).code).toBe(0);
    const server = await spawnServer(env, { TRUST_PROXY: "x-forwarded-for" });
    child = server.child;
    const campaigns = (await (await fetch(`${server.url}/api/campaigns`)).json()) as { campaigns: { slug: string }[] };
    expect(campaigns.campaigns.map((c) => c.slug)).toEqual(["test-2024"]);
    const lb = (await (await fetch(`${server.url}/api/campaigns/test-2024/lists/ranked/leaderboard`)).json()) as {
      entries: { id: number }[];
    };

    const statuses = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const res = await fetch(`${server.url}/api/votes`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-forwarded-for": `10.2.${i >> 8}.${i & 255}` },
          body: JSON.stringify({ entryId: lb.entries[i % lb.entries.length]!.id, token: TEST_BOT_TOKEN }),
        });
        return res.status;
      }),
    );
    server.child.kill("SIGKILL");
    await new Promise((r) => server.child.once("exit", r));
    const acknowledged = statuses.filter((s) => s === 201).length;
    expect(acknowledged).toBe(200);

    const db = await openDatabase(env.DATABASE_URL);
    try {
      const ledger = await readLedger(db.read);
      expect(ledger.length).toBe(acknowledged);
      expect(verifyChain(ledger).ok).toBe(true);
    } finally {
      await db.close();
    }
  });
});

describe("graceful close", () => {
  it("answers the votes in flight before it stops, and every answered vote is in the ledger", async () => {
    const { startTestServer, Voter } = await import("../../helpers/server.ts");
    const { seedCampaign, entryIds } = await import("../../helpers/seed.ts");
    // a bot check that takes 300 ms keeps the votes in flight while the server is told to close;
    // the close comes once every vote has reached it (a fixed delay is too short on a busy machine)
    let arrived = 0;
    let allArrived!: () => void;
    const everyVoteArrived = new Promise<void>((r) => (allArrived = r));
    const slowBotCheck = {
      mode: "test" as const,
      verify: () => {
        if (++arrived === 60) allArrived();
        return new Promise<{ ok: true }>((r) => setTimeout(() => r({ ok: true }), 300));
      },
    };
    const server = await startTestServer({ seedDemo: false, botCheck: slowBotCheck, env: { TRUST_PROXY: "x-forwarded-for" } });
    const DAY = 86_400_000;
    await seedCampaign(
      server,
      testCampaign({ opensAt: isoInZone(Date.now() - DAY, "Asia/Shanghai"), closesAt: isoInZone(Date.now() + DAY, "Asia/Shanghai") }),
    );
    const entries = entryIds(server, "test-2024", "ranked");
    const inFlight = Array.from({ length: 60 }, (_, i) =>
      new Voter(server, `10.3.0.${i}`).vote(entries[i % entries.length]).then(
        (r) => r.status,
        () => 0,
      ),
    );
    await everyVoteArrived;
    await server.close();
    const statuses = await Promise.all(inFlight);
    const answered = statuses.filter((s) => s === 201).length;
    expect(answered, `statuses: ${statuses.join(" ")}`).toBe(60);
    const db = await openDatabase(server.env.DATABASE_URL);
    try {
      expect((await readLedger(db.read)).length).toBe(60);
    } finally {
      await db.close();
    }
  });
});

describe("the vote writer thread", () => {
  it("is started again after it dies; votes it never answered can be retried and count once", async () => {
    const { startTestServer, Voter } = await import("../../helpers/server.ts");
    const { seedCampaign, entryIds } = await import("../../helpers/seed.ts");
    const server = await startTestServer({ seedDemo: false, env: { TRUST_PROXY: "x-forwarded-for" } });
    try {
      const DAY = 86_400_000;
      await seedCampaign(
        server,
        testCampaign({ opensAt: isoInZone(Date.now() - DAY, "Asia/Shanghai"), closesAt: isoInZone(Date.now() + DAY, "Asia/Shanghai") }),
      );
      const entries = entryIds(server, "test-2024", "ranked");
      expect(server.deps.votes.kind).toBe("worker");
      const before = await new Voter(server, "10.4.0.1").vote(entries[0]);
      expect(before.status).toBe(201);

      server.deps.votes.crash!();
      const voter = new Voter(server, "10.4.0.2");
      const first = await voter.vote(entries[1], { idempotencyKey: "after-crash" });
      expect([201, 503]).toContain(first.status);
      // the client retries with the same key until it gets an answer
      let answer = first;
      for (let i = 0; i < 50 && answer.status !== 201; i++) {
        await new Promise((r) => setTimeout(r, 100));
        answer = await voter.vote(entries[1], { idempotencyKey: "after-crash" });
      }
      expect(answer.status).toBe(201);
      expect((await voter.vote(entries[1], { idempotencyKey: "after-crash" })).body).toEqual(answer.body);
      expect(server.logs.join("\n")).toMatch(/starting a new one/);
      const ledger = await readLedger(server.deps.db.read);
      expect(ledger.filter((v) => v.entryId === entries[1])).toHaveLength(1);
      expect(verifyChain(ledger).ok).toBe(true);
    } finally {
      await server.close();
    }
  });
});

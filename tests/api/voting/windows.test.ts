/**
 * A vote is judged at its receipt against every manual close and open committed, not only the
 * latest: one received during a close stays refused when a reopening commits before it does. A
 * reopening past the scheduled close needs its end (`closesAt`, CLI `--until`) and ends then.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { calendarDay } from "../../../api/domain/voting.ts";
import { AppError } from "../../../api/errors.ts";
import { adminCall } from "../../helpers/admin.ts";
import { runCli } from "../../helpers/processes.ts";
import { adminToken, entryIds, seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, testCampaign, Voter, type TestServer } from "../../helpers/server.ts";

const clock = new ManualClock(Date.parse("2024-10-10T12:00:00+08:00"));
let server: TestServer;
let admin: ReturnType<typeof adminCall>;

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false });
  await seedCampaign(server, testCampaign());
  admin = adminCall(server, await adminToken(server, "organizer"));
});
afterAll(async () => server?.close());

/** A vote as the request path hands it to the writer, received at `receivedAt`. */
function intent(list: string, entryId: number, voter: string, receivedAt: number) {
  const l = server.deps.catalog.current.list("test-2024", list)!;
  const hash = (s: string) => server.deps.secrets.voterHash(s);
  return {
    campaignId: l.campaign.id,
    listId: l.id,
    entryId,
    ranked: l.ranking === "ranked",
    voterHash: hash(voter),
    ipHash: hash(`ip-${voter}`),
    ipPrefixHash: hash(`prefix-${voter}`),
    deviceHash: hash(`device-${voter}`),
    day: calendarDay(receivedAt, "Asia/Shanghai"),
    receivedAt,
  };
}

const voting = async (list: string) =>
  (await server.json("/api/campaigns")).body.campaigns[0].lists.find((l: { slug: string }) => l.slug === list).voting;

describe("the writer judges each vote against the whole history", () => {
  it("refuses a vote received during a close even when it commits after the reopening", async () => {
    const [a, b] = entryIds(server, "test-2024", "unranked");
    const t1 = clock.now();
    expect((await admin("POST", "/api/admin/campaigns/test-2024/lists/unranked/close")).status).toBe(200);
    clock.advance(60_000);
    const t2 = clock.now();
    expect((await admin("POST", "/api/admin/campaigns/test-2024/lists/unranked/open")).status).toBe(200);

    // received 30 s into the close (a server whose catalog had not yet seen it), reaching the writer now
    const during = server.deps.votes.record(intent("unranked", a!, "late-voter", t1 + 30_000));
    await expect(during).rejects.toBeInstanceOf(AppError);
    await expect(during).rejects.toMatchObject({ code: "voting_closed" });
    // received before the close, or after the reopening: counted
    expect((await server.deps.votes.record(intent("unranked", a!, "early-voter", t1 - 1))).status).toBe(201);
    expect((await server.deps.votes.record(intent("unranked", b!, "late-voter", t2))).status).toBe(201);
  });
});

describe("a reopening past the scheduled close", () => {
  it("needs closesAt (422 naming it), ends then, and shows it as the close", async () => {
    const [e] = entryIds(server, "test-2024", "ranked");
    clock.set(Date.parse("2024-11-02T10:00:00+08:00"));
    expect((await voting("ranked")).state).toBe("closed");

    const bare = await admin("POST", "/api/admin/campaigns/test-2024/lists/ranked/open");
    expect(bare.status).toBe(422);
    expect(bare.body.error.message).toContain("closesAt");
    const past = await admin("POST", "/api/admin/campaigns/test-2024/lists/ranked/open", { closesAt: "2024-11-01T18:00:00+08:00" });
    expect(past.status).toBe(422);
    expect(past.body.error.message).toContain("closesAt");
    const noZone = await admin("POST", "/api/admin/campaigns/test-2024/lists/ranked/open", { closesAt: "2024-11-03T18:00:00" });
    expect(noZone.status).toBe(400);
    expect((await voting("ranked")).state).toBe("closed");

    const ok = await admin("POST", "/api/admin/campaigns/test-2024/lists/ranked/open", { closesAt: "2024-11-03T18:00:00+08:00" });
    expect(ok.status).toBe(200);
    expect(ok.body.voting).toMatchObject({ state: "open", closesAt: "2024-11-03T10:00:00.000Z" });
    expect(await voting("ranked")).toMatchObject({ state: "open", closesAt: "2024-11-03T18:00:00+08:00" });
    expect((await new Voter(server).vote(e)).status).toBe(201);

    clock.set(Date.parse("2024-11-03T18:00:00+08:00"));
    expect((await voting("ranked")).state).toBe("closed");
    const late = await new Voter(server).vote(e);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("voting_closed");
    // and the writer, too, ends it there
    await expect(server.deps.votes.record(intent("ranked", e!, "after-end", clock.now()))).rejects.toMatchObject({ code: "voting_closed" });
  });

  it("the CLI: open without --until is refused naming closesAt; with it, voting opens until then", async () => {
    // the CLI runs on the real clock, long after this campaign's 2024 window
    const bare = await runCli(server.env, ["open", "test-2024/later"]);
    expect(bare.code).toBe(0); // `later` opens in 2030: its scheduled close is ahead, no end needed
    const refused = await runCli(server.env, ["open", "test-2024/unranked"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("closesAt");
    const badFlag = await runCli(server.env, ["open", "test-2024/unranked", "--until", "tomorrow"]);
    expect(badFlag.code).not.toBe(0);
    expect(badFlag.stderr).toContain("--until");
    const until = new Date(Date.now() + 86_400_000).toISOString();
    const opened = await runCli(server.env, ["open", "test-2024/unranked", "--until", until]);
    expect(opened.code, opened.stderr).toBe(0);
    expect(opened.stdout).toContain(until);
  });
});

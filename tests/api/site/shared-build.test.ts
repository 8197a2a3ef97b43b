/**
 * The run's shared demo build (tests/helpers/shared-site.ts): a demo server with the site starts
 * from a copy of it only while the copy was built from its whole snapshot, and builds its own the
 * moment that is not so (here: a vote, which the build key leaves out).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { snapshotDigest, snapshotDigestOf } from "../../../api/site/build.ts";
import { entryIds } from "../../helpers/seed.ts";
import { settleSharedSite } from "../../helpers/shared-site.ts";
import { startTestServer, Voter, type TestServer } from "../../helpers/server.ts";

let server: TestServer;
let alone: TestServer;

beforeAll(async () => {
  server = await startTestServer({ site: true });
  alone = await startTestServer({ site: false });
}, 240_000);
afterAll(async () => {
  await server?.close();
  await alone?.close();
});

describe("the shared demo build", () => {
  it("gives a demo server a site made from exactly its snapshot, built once per run", async () => {
    expect(["builder", "copy"]).toContain(server.sharedSite);
    // A copy builds nothing — unless the demo changed between the shared build and this start (a
    // demo window opening or closing, midnight in Shanghai moving day 0): then it must have built
    // its own once. Either way the site is made from exactly this server's snapshot (below).
    if (server.sharedSite === "builder") expect(server.site.builds).toBe(1);
    else expect(server.site.builds).toBeLessThanOrEqual(1);
    expect(snapshotDigestOf(server.site.dir!)).toBe(snapshotDigest(await server.site.snapshot()));
    const home = await server.get("/cinn-2024/high-tech/");
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("高科技标杆");
    // a server that is not like the demo neither takes nor waits for it
    expect(alone.sharedSite).toBe("alone");
  });

  it("rebuilds a copy whose snapshot differs from the one it was built from", async () => {
    const [entry] = entryIds(server, "cinn-2024", "high-tech");
    expect((await new Voter(server).vote(entry)).status).toBe(201);
    const before = server.site.dir!;
    expect(snapshotDigestOf(before)).not.toBe(snapshotDigest(await server.site.snapshot()));
    const builds = server.site.builds;
    await settleSharedSite("copy", server);
    expect(server.site.builds).toBe(builds + 1);
    expect(server.site.dir).not.toBe(before);
    expect(snapshotDigestOf(server.site.dir!)).toBe(snapshotDigest(await server.site.snapshot()));
  }, 180_000);
});

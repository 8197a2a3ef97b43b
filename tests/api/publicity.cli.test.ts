/** The organizer's terminal: `calendar period-end` and `publish`, as separate processes. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/processes.ts";
import { sha256 } from "../helpers/publicity.ts";
import { seedCampaign } from "../helpers/seed.ts";
import { startTestServer, testCampaign, type TestServer } from "../helpers/server.ts";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ seedDemo: false });
  await seedCampaign(server, testCampaign());
});
afterAll(async () => server?.close());

describe("calendar period-end <date> <n>", () => {
  it("prints the last day alone, counting a make-up Sunday start and skipping National Day", async () => {
    const r = await runCli(server.env, ["calendar", "period-end", "2024-09-29", "5"]);
    expect(r).toMatchObject({ code: 0, stdout: "2024-10-10\n" });
    const spring = await runCli(server.env, ["calendar", "period-end", "2026-02-13", "5"]);
    expect(spring).toMatchObject({ code: 0, stdout: "2026-02-26\n" });
  });

  it("refuses a year without a published schedule, a bad date and a bad count with one line, non-zero", async () => {
    for (const args of [["2026-12-28", "5"], ["2025-02-30", "5"], ["2024-10-01", "0"], ["2024-10-01"]]) {
      const r = await runCli(server.env, ["calendar", "period-end", ...args]);
      expect(r.code, args.join(" ")).not.toBe(0);
      expect(r.stdout).toBe("");
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
    const unknown = await runCli(server.env, ["calendar", "period-end", "2026-12-28", "5"]);
    expect(unknown.stderr).toContain("2027 年");
  });
});

describe("publish", () => {
  it("publishes on the database the server uses, and the server serves it", async () => {
    const r = await runCli(server.env, ["publish", "test-2024", "--list", "unranked", "--kind", "preliminary", "--starts-at", "2024-11-04T09:00:00+08:00"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("2024-11-04T09:00:00+08:00 至 2024-11-09T00:00:00+08:00（5 个工作日）");
    const id = Number(/#(\d+)/.exec(r.stdout)![1]);
    const res = await server.json(`/api/publications/${id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: "preliminary", list: "unranked", workingDays: 5, state: "ended" });
    expect(r.stdout).toContain(`sha256 ${res.body.sha256}`);
    expect(sha256(JSON.stringify(res.body.snapshot))).toBe(res.body.sha256);
  });

  it("refuses a bad kind or an unknown list with a reason", async () => {
    const kind = await runCli(server.env, ["publish", "test-2024", "--kind", "draft"]);
    expect(kind.code).not.toBe(0);
    expect(kind.stderr).toContain("--kind");
    const list = await runCli(server.env, ["publish", "test-2024", "--list", "nope", "--kind", "preliminary"]);
    expect(list.code).not.toBe(0);
    expect(list.stderr).toContain("找不到榜单");
  });
});

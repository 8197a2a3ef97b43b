/** The organizer's terminal: `calendar period-end` and `publish`, as separate processes. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../helpers/processes.ts";
import { sha256 } from "../../helpers/publicity.ts";
import { seedCampaign } from "../../helpers/seed.ts";
import { startTestServer, testCampaign, type TestServer } from "../../helpers/server.ts";

// every CLI call starts a tsx process: seconds each on a busy machine
const CLI_TIMEOUT = 120_000;

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ seedDemo: false });
  await seedCampaign(server, testCampaign());
});
afterAll(async () => server?.close());

describe("calendar period-end <date> <n>", () => {
  it(
    "prints the last day alone, counting a make-up Sunday start and skipping National Day",
    async () => {
      const r = await runCli(server.env, ["calendar", "period-end", "2024-09-29", "5"]);
      expect(r).toMatchObject({ code: 0, stdout: "2024-10-10\n" });
      const spring = await runCli(server.env, ["calendar", "period-end", "2026-02-13", "5"]);
      expect(spring).toMatchObject({ code: 0, stdout: "2026-02-26\n" });
    },
    CLI_TIMEOUT,
  );

  it(
    "refuses a year without a published schedule, a bad date and a bad count with one line, non-zero",
    async () => {
      const results = await Promise.all(
        [["2026-12-28", "5"], ["2025-02-30", "5"], ["2024-10-01", "0"], ["2024-10-01"]].map((args) =>
          runCli(server.env, ["calendar", "period-end", ...args]),
        ),
      );
      for (const r of results) {
        expect(r.code).not.toBe(0);
        expect(r.stdout).toBe("");
        expect(r.stderr.trim().split("\n")).toHaveLength(1);
      }
      expect(results[0]!.stderr).toContain("2027 年");
    },
    CLI_TIMEOUT,
  );
});

describe("publish", () => {
  it(
    "publishes on the database the server uses, and the server serves it",
    async () => {
      const r = await runCli(server.env, [
        "publish",
        "test-2024",
        "--list",
        "unranked",
        "--kind",
        "preliminary",
        "--starts-at",
        "2024-11-04T09:00:00+08:00",
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain("2024-11-04T09:00:00+08:00 至 2024-11-09T00:00:00+08:00（5 个工作日）");
      const id = Number(/#(\d+)/.exec(r.stdout)![1]);
      const res = await server.json(`/api/publications/${id}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ kind: "preliminary", list: "unranked", workingDays: 5, state: "ended" });
      expect(r.stdout).toContain(`sha256 ${res.body.sha256}`);
      expect(sha256(JSON.stringify(res.body.snapshot))).toBe(res.body.sha256);
    },
    CLI_TIMEOUT,
  );

  it(
    "refuses a bad kind or an unknown list with a reason",
    async () => {
      const kind = await runCli(server.env, ["publish", "test-2024", "--kind", "draft"]);
      expect(kind.code).not.toBe(0);
      expect(kind.stderr).toContain("--kind");
      const list = await runCli(server.env, ["publish", "test-2024", "--list", "nope", "--kind", "preliminary"]);
      expect(list.code).not.toBe(0);
      expect(list.stderr).toContain("找不到榜单");
    },
    CLI_TIMEOUT,
  );
});

/**
 * `revoke <campaign>/<list>/<entry> --date … --reason …` in its own process, on the database the
 * server uses: the same rules as the API (one service), audited as the CLI, and the server serves it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dayInZone } from "../../../api/domain/publicity.ts";
import { runCli } from "../../helpers/processes.ts";
import { publish, sha256 } from "../../helpers/publicity.ts";
import { revocationCampaign, servedSnapshotText } from "../../helpers/revocations.ts";
import { adminToken, seedCampaign } from "../../helpers/seed.ts";
import { startTestServer, type TestServer } from "../../helpers/server.ts";

// every CLI call starts a tsx process: seconds each on a busy machine
const CLI_TIMEOUT = 180_000;
const C = "test-2024";
let server: TestServer;
let organizer: string;
let finalId: number;
let finalSha: string;

const entryId = (slug: string) => server.deps.catalog.current.list(C, "unranked")!.entries.find((e) => e.slug === slug)!.id;

beforeAll(async () => {
  // the CLI runs on the real clock: the final list is published now, so today is its first day
  server = await startTestServer({ seedDemo: false });
  await seedCampaign(server, revocationCampaign());
  organizer = await adminToken(server, "organizer");
  const final = await publish(server, organizer, C, { kind: "final", list: "unranked" });
  expect(final.status).toBe(201);
  finalId = final.body.id;
  finalSha = final.body.sha256;
});
afterAll(async () => server?.close());

describe("revoke", () => {
  it(
    "records the revocation; the server serves it and the publication's sha256 is unchanged",
    async () => {
      const today = dayInZone(Date.now(), "Asia/Shanghai");
      const before = await servedSnapshotText(server, finalId);
      const r = await runCli(server.env, ["revoke", `${C}/unranked/u2`, "--date", today, "--reason", "成效评估不合格"]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe(`已登记摘牌：${C}/unranked/u2，${today}，成效评估不合格 / revoked on ${today}\n`);
      await server.deps.catalog.refresh();
      expect((await server.json(`/api/entries/${entryId("u2")}`)).body.revocation).toEqual({ date: today, reason: "成效评估不合格" });
      const after = await servedSnapshotText(server, finalId);
      expect(after).toBe(before);
      expect(sha256(after)).toBe(finalSha);
      const audit = (await server.json("/api/admin/audit?kind=all&limit=20", { headers: { authorization: `Bearer ${organizer}` } })).body
        .audit;
      expect(audit.find((a: { action: string }) => a.action === "revocation.create")).toMatchObject({
        actor: expect.stringMatching(/^cli:/),
        target: `${C}/unranked/u2`,
        details: { date: today, reason: "成效评估不合格" },
      });
    },
    CLI_TIMEOUT,
  );

  it(
    "exit 2 with one line for a wrong command line, before the database; exit 1 with the service's reason",
    async () => {
      const today = dayInZone(Date.now(), "Asia/Shanghai");
      const cases: [string[], number, string][] = [
        [["revoke", `${C}/u1`, "--date", today, "--reason", "不合格"], 2, "需要 <campaign>/<list>/<entry>"],
        [["revoke", `${C}/unranked/u1`, "--reason", "不合格"], 2, "缺少选项 --date"],
        [["revoke", `${C}/unranked/u1`, "--date", "2023-02-29", "--reason", "不合格"], 2, "--date：date 须为 YYYY-MM-DD 格式的有效日期"],
        [["revoke", `${C}/unranked/u1`, "--date", today, "--reason", "  "], 2, "--reason：请填写摘牌原因"],
        [["revoke", `${C}/ranked/e1`, "--date", today, "--reason", "不合格"], 1, "尚未认定"],
        [["revoke", `${C}/unranked/u2`, "--date", today, "--reason", "再来一次"], 1, `该对象已于 ${today} 摘牌`],
        [["revoke", `no-such/unranked/u1`, "--date", today, "--reason", "不合格"], 1, "找不到活动 no-such"],
      ];
      const results = await Promise.all(cases.map(([args]) => runCli(server.env, args)));
      results.forEach((r, i) => {
        const [args, code, reason] = cases[i]!;
        expect(r.code, `${args.join(" ")}\n${r.stderr}`).toBe(code);
        expect(r.stdout).toBe("");
        expect(r.stderr.trim().split("\n")).toHaveLength(1);
        expect(r.stderr).toContain(reason);
      });
      await server.deps.catalog.refresh();
      expect((await server.json(`/api/entries/${entryId("u1")}`)).body).not.toHaveProperty("revocation");
    },
    CLI_TIMEOUT,
  );
});

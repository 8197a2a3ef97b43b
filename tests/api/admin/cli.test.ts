/** The organizer's terminal: admin tokens, one-line refusals, and campaign imports the running server follows. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { runCli } from "../../helpers/processes.ts";
import { seedCampaign } from "../../helpers/seed.ts";
import { liveWindow, startTestServer, testCampaign, type TestServer } from "../../helpers/server.ts";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ seedDemo: false, env: { TRUST_PROXY: "x-forwarded-for" } });
  await seedCampaign(server, testCampaign(liveWindow()));
});
afterAll(async () => server?.close());

describe("CLI", () => {
  it("token create prints the token alone, once, and the token works on the admin API", async () => {
    const r = await runCli(server.env, ["token", "create", "--name", "ci", "--role", "organizer"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^bd_[A-Za-z0-9_-]{20,}\n$/);
    const res = await server.json("/api/admin/audit?kind=all", { headers: { authorization: `Bearer ${r.stdout.trim()}` } });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain(r.stdout.trim());
  });

  it("token names are unique; token list shows them; token revoke refuses at once and keeps the last organizer", async () => {
    const dup = await runCli(server.env, ["token", "create", "--name", "ci", "--role", "auditor"]);
    expect(dup.code).toBe(1);
    expect(dup.stdout).toBe("");
    expect(dup.stderr.trim().split("\n")).toHaveLength(1);
    expect(dup.stderr).toMatch(/已有名为 ci 的令牌/);

    const list = await runCli(server.env, ["token", "list"]);
    expect(list.code).toBe(0);
    const lines = list.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^名称 \/ name\s+角色 \/ role\s+创建 \/ created\s+最近使用 \/ last used$/);
    // ci was used by the first case: its last use is shown, not 从未使用
    expect(lines.slice(1)).toEqual([expect.stringMatching(/^ci\s+organizer\s+\d{4}-\d\d-\d\d \d\d:\d\dZ\s+\d{4}-\d\d-\d\d \d\d:\d\dZ$/)]);

    const last = await runCli(server.env, ["token", "revoke", "ci"]);
    expect(last.code).toBe(1);
    expect(last.stderr).toMatch(/最后一个主办方令牌/);

    const other = await runCli(server.env, ["token", "create", "--name", "ci-2", "--role", "organizer"]);
    expect(other.code).toBe(0);
    const token = other.stdout.trim();
    const before = await runCli(server.env, ["token", "create", "--name", "旁观", "--role", "auditor"]);
    const watcher = before.stdout.trim();
    expect((await server.json("/api/admin/campaigns", { headers: { authorization: `Bearer ${watcher}` } })).status).toBe(200);
    const revoked = await runCli(server.env, ["token", "revoke", "旁观"]);
    expect(revoked.code).toBe(0);
    // the running server refuses it at once
    expect((await server.json("/api/admin/campaigns", { headers: { authorization: `Bearer ${watcher}` } })).status).toBe(401);
    const tokens = await server.json("/api/admin/tokens", { headers: { authorization: `Bearer ${token}` } });
    expect(tokens.body.tokens.map((t: { name: string }) => t.name)).toEqual(["ci", "ci-2"]);
    expect((await runCli(server.env, ["token", "revoke", "--name", "nobody"])).code).toBe(1);
  }, 120_000);

  it("fails with a one-line reason and a non-zero exit", async () => {
    const cases = [
      ["token", "create", "--name", "x", "--role", "boss"],
      ["close", "nonsense"],
      ["close", "test-2024/nope"],
      ["import", "/no/such/file.yaml"],
      ["frobnicate"],
    ];
    for (const args of cases) {
      const r = await runCli(server.env, args);
      expect(r.code, args.join(" ")).not.toBe(0);
      expect(r.stderr.trim().split("\n")[0]!.length).toBeGreaterThan(3);
      expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
    }
    // five CLI processes one after another: seconds each on a busy machine
  }, 120_000);

  it("imports a YAML campaign file, reporting schema problems by path", async () => {
    const dir = server.env.BANGDAN_DATA_DIR;
    const bad = testCampaign({ slug: "cli-2024", ...liveWindow() });
    (bad.lists[0] as { ranking: string }).ranking = "sorted";
    writeFileSync(join(dir, "bad.yaml"), stringify(bad));
    const refused = await runCli(server.env, ["import", join(dir, "bad.yaml")]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("lists.0.ranking");

    writeFileSync(join(dir, "good.yaml"), stringify(testCampaign({ slug: "cli-2024", ...liveWindow() })));
    const ok = await runCli(server.env, ["import", join(dir, "good.yaml")]);
    expect(ok.code).toBe(0);
    // the running server follows the import without a restart
    await expect
      .poll(async () => (await server.json("/api/campaigns")).body.campaigns.map((c: { slug: string }) => c.slug), { timeout: 5000 })
      .toContain("cli-2024");
  });
});

/**
 * The CLI's conventions, as an organizer's shell sees them: --help on every command without reading
 * the configuration or touching a database, exit 2 with one line for a wrong command line, exit 1
 * for a failed operation, and the final count on stdout with no progress line when stderr is not a
 * terminal (and one, rewritten with \r, when it is).
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { loadEnv } from "../../api/config.ts";
import { freshDataDir, freshEnv } from "../helpers/env.ts";
import { processEnv, runCli } from "../helpers/processes.ts";
import { testCampaign } from "../helpers/server.ts";

// every CLI call starts a tsx process: seconds each on a busy machine
const CLI_TIMEOUT = 300_000;

/** Runs the CLI once per argument list, a few at a time. */
async function runAll(env: Parameters<typeof runCli>[0], cases: string[][], extra: Record<string, string> = {}) {
  const results: Awaited<ReturnType<typeof runCli>>[] = [];
  for (let i = 0; i < cases.length; i += 4)
    results.push(...(await Promise.all(cases.slice(i, i + 4).map((args) => runCli(env, args, extra)))));
  return results;
}

/**
 * A database path in an empty directory, which opening would create, and a configuration loadEnv
 * refuses: a command that opened either would leave a file or exit 1.
 */
function untouchable() {
  const dir = freshDataDir();
  return {
    dir,
    env: loadEnv({ DATABASE_URL: `file:${join(dir, "bangdan.db")}`, BANGDAN_DATA_DIR: dir }),
    extra: { RATE_LIMIT: "nonsense" },
  };
}

const COMMANDS = [
  ["migrate"],
  ["import"],
  ["open"],
  ["close"],
  ["scores", "import"],
  ["indicators", "import"],
  ["entries", "import"],
  ["token", "create"],
  ["token", "revoke"],
  ["publish"],
  ["revoke"],
  ["calendar", "period-end"],
  ["export"],
  ["anomalies"],
  ["void"],
  ["verify"],
  ["purge"],
];

describe("help", () => {
  it(
    "every command and group prints its usage and exits 0, reading no configuration and creating no database",
    async () => {
      const { dir, env, extra } = untouchable();
      const cases = [
        ["--help"],
        [],
        ["help", "export"],
        ["token", "--help"],
        ["scores", "--help"],
        ...COMMANDS.map((c) => [...c, "--help"]),
      ];
      const results = await runAll(env, cases, extra);
      results.forEach((r, i) => {
        const args = cases[i]!;
        expect(r.code, `${args.join(" ")}\n${r.stderr}`).toBe(0);
        expect(r.stderr).toBe("");
        // the usage line names the command asked about
        const path = args.filter((a) => a !== "--help" && a !== "help").join(" ");
        expect(r.stdout).toMatch(new RegExp(`^用法 / Usage: npm run bangdan -- ${path}`));
      });
      expect(readdirSync(dir)).toEqual([]);

      // the top-level help lists every command, subcommands by their full path
      const top = results[0]!.stdout;
      for (const c of COMMANDS) expect(top).toMatch(new RegExp(`^  ${c.join(" ")}( |$)`, "m"));
      expect(results[1]!.stdout).toBe(top);
      expect(top).toContain("2 用法错误");
    },
    CLI_TIMEOUT,
  );
});

describe("usage errors", () => {
  it(
    "exit 2 with one bilingual line, before the configuration is read or a database opened",
    async () => {
      const { dir, env, extra } = untouchable();
      const cases: [string[], string][] = [
        [["frobnicate"], "未知命令 frobnicate"],
        [["import"], "缺少参数 <file>"],
        [["scores", "import", "test-2024"], "缺少参数 <file>"],
        [["export", "test-2024", "--out", "x.csv", "--kind", "nonsense"], "--kind 须为 tallies、votes"],
        [["export", "test-2024", "--out", "x.csv", "--format", "pdf"], "--format 须为 csv、xlsx 之一，收到 pdf"],
        [["export", "test-2024", "--out", "x.csv", "--bogus"], "未知选项 --bogus"],
        [["token", "create", "--name", "x", "--role", "king"], "--role 须为 organizer、auditor、scorer 之一"],
        [["token", "create", "--role", "auditor"], "缺少选项 --name"],
        [["open", "badarg"], "需要 <campaign>/<list>，收到 badarg"],
        [["publish", "test-2024"], "缺少选项 --kind"],
        [["revoke", "test-2024/u1", "--date", "2024-11-28", "--reason", "不合格"], "需要 <campaign>/<list>/<entry>"],
        [["publish", "test-2024", "--kind", "final", "--working-days", "0"], "--working-days 须为 1 到 60"],
        [["calendar", "period-end", "2025-02-30", "5"], "YYYY-MM-DD"],
        [["void", "--filter", "{nope", "--reason", "理由充分"], "--filter 须为 JSON"],
      ];
      const results = await runAll(
        env,
        cases.map(([args]) => args),
        extra,
      );
      results.forEach((r, i) => {
        const [args, reason] = cases[i]!;
        expect(r.code, `${args.join(" ")}\n${r.stderr}`).toBe(2);
        expect(r.stdout).toBe("");
        const lines = r.stderr.trim().split("\n");
        expect(lines, args.join(" ")).toHaveLength(1);
        expect(lines[0]).toContain(reason);
        // Chinese first, then English
        expect(lines[0]).toMatch(/[\u4e00-\u9fff].*\/ [-<A-Za-z]/);
      });
      expect(readdirSync(dir)).toEqual([]);
    },
    CLI_TIMEOUT,
  );
});

describe("failed operations", () => {
  it(
    "exit 1 with the reason on stderr",
    async () => {
      const env = freshEnv();
      const dir = env.BANGDAN_DATA_DIR;
      const cases: [string[], string][] = [
        [["anomalies", "nope"], "找不到活动 nope"],
        [["import", join(dir, "missing.yaml")], "无法读取"],
        [["scores", "import", "nope", join(dir, "missing.csv")], "无法读取"],
        [["verify", join(dir, "missing.csv")], "找不到文件"],
        [["token", "revoke", "--name", "nobody"], "没有名为 nobody 的有效令牌"],
        [["calendar", "period-end", "2026-12-28", "5"], "2027 年"],
      ];
      const results = await runAll(
        env,
        cases.map(([args]) => args),
      );
      results.forEach((r, i) => {
        const [args, reason] = cases[i]!;
        expect(r.code, `${args.join(" ")}\n${r.stderr}`).toBe(1);
        expect(r.stdout).toBe("");
        expect(r.stderr).toContain(reason);
        expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
      });
    },
    CLI_TIMEOUT,
  );
});

describe("progress and final counts", () => {
  it(
    "with stderr not a terminal: no progress line, the count on stdout, for an import and an export",
    async () => {
      const env = freshEnv();
      const dir = env.BANGDAN_DATA_DIR;
      writeFileSync(join(dir, "c.yaml"), stringify(testCampaign()));
      const campaign = await runCli(env, ["import", join(dir, "c.yaml")]);
      expect(campaign.code, campaign.stderr).toBe(0);
      expect(campaign.stderr).toBe("");
      expect(campaign.stdout).toMatch(/^已导入 test-2024（3 个榜单，9 个对象）/);

      writeFileSync(join(dir, "s.csv"), "entry,dimension,component,scorer,score\ne1,innovation,research,,80\ne2,innovation,research,,70\n");
      const scores = await runCli(env, ["scores", "import", "test-2024", join(dir, "s.csv")]);
      expect(scores.code, scores.stderr).toBe(0);
      expect(scores.stderr).toBe("");
      expect(scores.stdout).toMatch(/^已导入 2 条成绩/);

      const out = join(dir, "tallies.csv");
      const exported = await runCli(env, ["export", "test-2024", "--kind", "tallies", "--out", out]);
      expect(exported.code, exported.stderr).toBe(0);
      expect(exported.stderr).toBe("");
      expect(exported.stdout).toMatch(new RegExp(`^已导出 9 行 → ${out.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}（sha256 [0-9a-f]{64}）`));
      expect(exported.stdout).not.toContain("\r");
      expect(JSON.parse(readFileSync(`${out}.manifest.json`, "utf8"))).toMatchObject({ kind: "tallies", rows: 9 });
    },
    CLI_TIMEOUT,
  );

  // util-linux `script` runs the CLI on a pseudo-terminal: stderr is a TTY there
  const hasScript = (() => {
    try {
      execFileSync("script", ["--version"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!hasScript)(
    "on a terminal: the export's row count rewritten with \\r, cleared before the final count",
    async () => {
      const env = freshEnv();
      const dir = env.BANGDAN_DATA_DIR;
      writeFileSync(join(dir, "c.yaml"), stringify(testCampaign()));
      expect((await runCli(env, ["import", join(dir, "c.yaml")])).code).toBe(0);
      const out = join(dir, "tty.csv");
      const command = `${process.execPath} --import tsx scripts/cli.ts export test-2024 --out ${out}`;
      const shown = execFileSync("script", ["-qec", command, "/dev/null"], { env: processEnv(env), encoding: "utf8" });
      expect(shown).toMatch(/\r导出中… \d+ 行 \/ exporting… \d+ rows\x1b\[K/);
      expect(shown).toMatch(/\r\x1b\[K已导出 9 行 → /);
    },
    CLI_TIMEOUT,
  );
});

/**
 * After the bench: the votes exported with the CLI (`export --kind votes`, the whole ledger) and
 * the file checked with `verify`, as an auditor would, against the stopped server's database.
 */
import { spawnSync } from "node:child_process";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export interface LedgerCheck {
  ok: boolean;
  /** the CLI's last line on success, or why it failed */
  said: string;
}

export function verifyLedger(dir: string, campaign: string): LedgerCheck {
  const env: Record<string, string | undefined> = {
    ...process.env,
    DATABASE_URL: `file:${join(dir, "bench.db")}`,
    BANGDAN_DATA_DIR: dir,
  };
  for (const key of ["NODE_ENV", "BANGDAN_SECRET", "DATABASE_AUTH_TOKEN", "PUBLIC_ORIGIN"]) delete env[key];
  const out = join(dir, "votes.csv");
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", "scripts/cli.ts", ...args], { cwd: ROOT, env, encoding: "utf8", timeout: 300_000 });
  const exported = cli("export", campaign, "--kind", "votes", "--out", out);
  if (exported.status !== 0) return { ok: false, said: `export failed: ${(exported.stderr || exported.stdout).trim()}` };
  const verified = cli("verify", out);
  if (verified.status !== 0) return { ok: false, said: `verify failed: ${(verified.stderr || verified.stdout).trim()}` };
  return { ok: true, said: verified.stdout.split("\n")[0] ?? "" };
}

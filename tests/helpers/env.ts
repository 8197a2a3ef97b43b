/** A fresh data directory and database (a copy of the migrated template) per test file. */
import { copyFileSync, mkdirSync, mkdtempSync } from "node:fs";
import { join } from "node:path";
import { loadEnv, type Env } from "../../api/config.ts";
import { openDatabase, type Database } from "../../db/index.ts";

const runDir = process.env.BANGDAN_TEST_RUN_DIR ?? join(process.cwd(), "tests/.tmp/run-local");
/** This test run's directory (tests/global-setup.ts): the template database, and what files share. */
export const testRunDir = runDir;

export function freshDataDir(): string {
  mkdirSync(runDir, { recursive: true });
  return mkdtempSync(join(runDir, "t-"));
}

export function freshEnv(overrides: Record<string, string> = {}): Env {
  const dir = freshDataDir();
  copyFileSync(join(runDir, "template.db"), join(dir, "bangdan.db"));
  return loadEnv({
    DATABASE_URL: `file:${join(dir, "bangdan.db")}`,
    BANGDAN_DATA_DIR: dir,
    BANGDAN_SECRET: "test-secret-test-secret-test-secret-0123",
    PORT: "0",
    ...overrides,
  });
}

export async function openTestDatabase(env: Env): Promise<Database> {
  return openDatabase(env.DATABASE_URL);
}

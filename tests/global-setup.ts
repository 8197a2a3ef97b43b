/**
 * Once per run: a migrated template database that each test file copies, in a directory of this
 * run's own (so two runs at once never delete each other's databases).
 */
import { mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { openDatabase } from "../db/index.ts";

const tmpRoot = join(process.cwd(), "tests/.tmp");

export default async function setup(): Promise<() => void> {
  mkdirSync(tmpRoot, { recursive: true });
  for (const name of readdirSync(tmpRoot)) {
    const path = join(tmpRoot, name);
    if (name.startsWith("run-") && Date.now() - statSync(path).mtimeMs > 3_600_000) rmSync(path, { recursive: true, force: true });
  }
  const runDir = join(tmpRoot, `run-${process.pid}`);
  mkdirSync(runDir, { recursive: true });
  // Test workers are forked after this, so they inherit it.
  process.env.BANGDAN_TEST_RUN_DIR = runDir;
  const db = await openDatabase(`file:${join(runDir, "template.db")}`);
  await db.close();
  return () => rmSync(runDir, { recursive: true, force: true });
}

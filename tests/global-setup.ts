/** Once per run: a migrated template database that each test file copies. */
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { openDatabase } from "../db/index.ts";

export const tmpRoot = join(process.cwd(), "tests/.tmp");

export default async function setup(): Promise<void> {
  rmSync(join(tmpRoot, "run"), { recursive: true, force: true });
  mkdirSync(join(tmpRoot, "run"), { recursive: true });
  const db = await openDatabase(`file:${join(tmpRoot, "run/template.db")}`);
  await db.close();
}

/**
 * Migration 0007 on a database from before it: every existing score becomes the final round's
 * (round ""), so the composite reads exactly what it read; the same cell may then hold a score per
 * round; existing tokens get no scope.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { activeTokens, campaignRoundScores, listScores, openDatabase, upsertScores } from "../../../db/index.ts";
import { databaseBefore } from "../../helpers/migrations.ts";

const dir = mkdtempSync(join(tmpdir(), "bangdan-0007-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("files old scores under the final round and lets a cell hold one score per round", async () => {
  const { url, client } = await databaseBefore(dir, "0007");
  for (const [scorer, score] of [
    ["", 80],
    ["专家A", 75.5],
    ["专家B", 60],
  ] as const)
    await client.execute({
      sql: "INSERT INTO scores (campaign_id, list_id, entry_id, dimension, component, scorer, score, updated_at) VALUES (1, 2, 3, 'innovation', 'expert', ?, ?, 1000)",
      args: [scorer, score],
    });
  await client.execute("INSERT INTO admin_tokens (name, role, token_hash, created_at) VALUES ('alice', 'organizer', 'h1', 1000)");
  client.close();

  const db = await openDatabase(url);
  try {
    const final = await listScores(db.read, 2);
    expect(final.map((s) => [s.scorer, s.score])).toEqual([
      ["", 80],
      ["专家A", 75.5],
      ["专家B", 60],
    ]);
    await db.writer.run((tx) =>
      upsertScores(
        tx,
        1,
        [{ listId: 2, entryId: 3, dimension: "innovation", component: "expert", scorer: "专家A", score: 10, round: "first" }],
        2000,
      ),
    );
    expect((await listScores(db.read, 2)).find((s) => s.scorer === "专家A")!.score).toBe(75.5);
    // the same read of an earlier round: that round's scores alone
    expect((await listScores(db.read, 2, "first")).map((s) => [s.scorer, s.score])).toEqual([["专家A", 10]]);
    expect(await listScores(db.read, 2, "semifinal")).toEqual([]);
    expect((await campaignRoundScores(db.read, 1)).map((s) => [s.scorer, s.round, s.score])).toEqual([
      ["", "", 80],
      ["专家A", "", 75.5],
      ["专家B", "", 60],
      ["专家A", "first", 10],
    ]);
    expect(await activeTokens(db.read)).toEqual([{ name: "alice", role: "organizer", createdAt: 1000, lastUsedAt: null, scope: null }]);
  } finally {
    await db.close();
  }
});

/**
 * `verify <votes export>`: reads a votes export (CSV) as a stream and recomputes the vote chain, the
 * void chain and the tallies from its rows. With the export's manifest beside it
 * (`<file>.manifest.json`, written by `export`), also checks the file's sha256, the row count and
 * the head hash, which catch a file whose chain was recomputed after an edit.
 */
import { createHash } from "node:crypto";
import { createReadStream, existsSync, readFileSync } from "node:fs";
import { CsvReader, VotesExportVerifier, type VerifyResult } from "../domain/export-format.ts";

export type VerifyOutcome = VerifyResult & { manifest?: string; sha256: string };

export async function verifyVotesFile(path: string, manifestPath = `${path}.manifest.json`): Promise<VerifyOutcome> {
  const reader = new CsvReader();
  const verifier = new VotesExportVerifier();
  const sha = createHash("sha256");
  const onRecord = (cells: string[]) => verifier.record(cells);
  const stream = createReadStream(path);
  const decoder = new TextDecoder("utf-8", { fatal: true });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    sha.update(chunk);
    reader.feed(decoder.decode(chunk, { stream: true }), onRecord);
  }
  reader.feed(decoder.decode(), onRecord);
  reader.end(onRecord);
  const sha256 = sha.digest("hex");
  const result = verifier.result();
  if (!result.ok || !existsSync(manifestPath)) return { ...result, sha256 };

  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { sha256?: string; rows?: number; ledger?: { headHash?: string; voidHeadHash?: string } };
  const mismatch = (reason: string): VerifyOutcome => ({ ok: false, row: 0, reason, manifest: manifestPath, sha256 });
  if (manifest.rows !== result.rows) return mismatch(`行数 ${result.rows} 与清单的 ${String(manifest.rows)} 不符（文件末尾有行被删去或追加）`);
  if (manifest.ledger?.headHash !== result.head) return mismatch("末行哈希与清单记录的账本头哈希不符（哈希链被整体重算过）");
  if (manifest.ledger?.voidHeadHash !== result.voidHead) return mismatch("作废链的头哈希与清单不符");
  if (manifest.sha256 !== sha256) return mismatch("文件的 sha256 与清单不符");
  return { ...result, manifest: manifestPath, sha256 };
}

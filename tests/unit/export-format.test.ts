import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { csvLine, CSV_BOM, exportCell, readCell, VOTE_EXPORT_COLUMNS, VotesExportVerifier } from "../../api/domain/export-format.ts";
import { chainHash, GENESIS_HASH, voidChainHash } from "../../api/domain/ledger.ts";
import { verifyVotesFile } from "../../api/services/verify.ts";

/** Read as verifyVotesFile reads a CSV export, all at once. */
function parse(text: string): string[][] {
  return parseCsv(text, { bom: true, relax_column_count: true });
}

/** A votes export as `export` writes it: n votes, the ones in `voided` with void records. */
function exportText(n: number, voided: number[] = []): string {
  let prev = GENESIS_HASH;
  let voidPrev = GENESIS_HASH;
  let voidSeq = 0;
  let text = CSV_BOM + csvLine([...VOTE_EXPORT_COLUMNS]);
  for (let seq = 1; seq <= n; seq++) {
    const v = {
      seq,
      id: `id-${seq}`,
      campaignId: 1,
      listId: 1,
      entryId: (seq % 3) + 1,
      voterHash: `vh${seq % 4}`,
      ipHash: "ih",
      day: "2024-10-10",
      receivedAt: 1_728_532_800_000 + seq,
    };
    const hash = chainHash(prev, v);
    let voidCells: unknown[] = [undefined, undefined, undefined, undefined, undefined, undefined];
    if (voided.includes(seq)) {
      voidSeq += 1;
      const record = {
        seq: voidSeq,
        voteSeq: seq,
        voteHash: hash,
        reason: "=同一设备,刷票\n第二行",
        actor: "organizer:甲",
        at: 1_728_600_000_000,
      };
      const vh = voidChainHash(voidPrev, record);
      voidCells = [voidSeq, record.at, record.actor, record.reason, voidPrev, vh];
      voidPrev = vh;
    }
    text += csvLine([
      v.seq,
      v.id,
      v.campaignId,
      v.listId,
      v.entryId,
      v.voterHash,
      v.ipHash,
      v.day,
      v.receivedAt,
      prev,
      hash,
      "c",
      "l",
      `e${v.entryId}`,
      "2024-10-10T12:00:00+08:00",
      ...voidCells,
    ]);
    prev = hash;
  }
  return text;
}

function verify(text: string) {
  const verifier = new VotesExportVerifier();
  for (const r of parse(text)) verifier.record(r);
  return verifier.result();
}

describe("CSV cells", () => {
  it("defuses formulas for Excel and reads back exactly (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 6 }), (cells) => {
        const [row] = parse(csvLine(cells));
        expect(row!.map(readCell)).toEqual(cells);
        for (const c of row!) if (c.length) expect(/^[=+\-@]/.test(c)).toBe(false);
      }),
    );
    expect(exportCell("=1+1")).toBe("'=1+1");
    expect(exportCell("'quoted")).toBe("''quoted");
    expect(readCell(exportCell("'quoted"))).toBe("'quoted");
    expect(exportCell(-3)).toBe("-3");
  });
});

describe("votes export verification", () => {
  it("passes an untouched export and recomputes tallies", () => {
    const r = verify(exportText(30, [4, 5, 9]));
    expect(r).toMatchObject({ ok: true, rows: 30, voids: 3 });
    if (!r.ok) return;
    expect(r.tallies.reduce((s, t) => s + t.valid, 0)).toBe(27);
    expect(r.tallies.reduce((s, t) => s + t.voided, 0)).toBe(3);
  });

  it("names the first altered row (an entry changed)", () => {
    const lines = exportText(10).split("\r\n");
    lines[5] = lines[5]!.replace(/^(5,id-5,1,1,)\d/, "$19");
    expect(verify(lines.join("\r\n"))).toMatchObject({ ok: false, row: 6, seq: 5 });
  });

  it("names a removed row and a swapped pair", () => {
    const lines = exportText(10).split("\r\n");
    const removed = [...lines];
    removed.splice(4, 1);
    expect(verify(removed.join("\r\n"))).toMatchObject({ ok: false, row: 5, seq: 5, reason: expect.stringContaining("应为 4") });
    const swapped = [...lines];
    [swapped[3], swapped[4]] = [swapped[4]!, swapped[3]!];
    expect(verify(swapped.join("\r\n"))).toMatchObject({ ok: false, row: 4 });
  });

  it("catches a void record removed or its reason changed", () => {
    const text = exportText(10, [2, 6]);
    const records = parse(text);
    const cleared = records.map((r, i) => (i === 2 ? [...r.slice(0, 15), "", "", "", "", "", ""] : r));
    expect(verify(cleared.map((r) => csvLine(r.map(readCell))).join(""))).toMatchObject({ ok: false, row: 7, seq: 6 });
    const edited = records.map((r, i) => (i === 6 ? [...r.slice(0, 18), "另一个理由", ...r.slice(19)] : r));
    expect(verify(edited.map((r) => csvLine(r.map(readCell))).join(""))).toMatchObject({ ok: false, row: 7, seq: 6 });
  });

  it("refuses a file that is not a votes export", () => {
    expect(verify("a,b\r\n1,2\r\n")).toMatchObject({ ok: false, row: 1 });
    expect(verify("")).toMatchObject({ ok: false });
  });
});

describe("verifyVotesFile reads a CSV export as a stream", () => {
  const dir = mkdtempSync(join(tmpdir(), "bd-verify-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, content: string | Uint8Array) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  it("numbers rows as records across read chunks, multi-line cells included, as the in-memory check does", async () => {
    // ~100 KB: two read chunks, with quoted line breaks in the void reasons before the bad row
    const lines = exportText(450, [3, 150, 420]).split("\r\n");
    expect(await verifyVotesFile(file("ok.csv", lines.join("\r\n")))).toMatchObject({ ok: true, rows: 450, voids: 3 });
    // the 300th vote's line: three void rows above it take two lines each
    const at = lines.findIndex((l) => l.startsWith("300,"));
    lines[at] = lines[at]!.replace(/^(300,id-300,1,1,)\d/, "$19");
    const tampered = lines.join("\r\n");
    expect(verify(tampered)).toMatchObject({ ok: false, row: 301, seq: 300 });
    expect(await verifyVotesFile(file("tampered.csv", tampered))).toMatchObject({ ok: false, row: 301, seq: 300 });
  });

  it("names the row a broken quote starts on, and does not read the rest of the file into one cell", async () => {
    const lines = exportText(10).split("\r\n");
    lines[5] = lines[5]!.replace(",id-5,", ',"id-5"x,');
    expect(await verifyVotesFile(file("quote.csv", lines.join("\r\n")))).toMatchObject({
      ok: false,
      row: 6,
      reason: expect.stringContaining("CSV"),
    });
    // a quote left open on row 4 of a file over a megabyte: stopped at the record size limit, not at the file's end
    const long = exportText(6000).split("\r\n");
    long[3] = long[3]!.replace(",id-3,", ',"id-3,');
    expect(await verifyVotesFile(file("open.csv", long.join("\r\n")))).toMatchObject({
      ok: false,
      row: 4,
      reason: expect.stringContaining("CSV_MAX_RECORD_SIZE"),
    });
  });

  it("refuses a file that is not UTF-8", async () => {
    const text = exportText(3);
    const gbk = Buffer.concat([Buffer.from(text), Buffer.from([0xb6, 0xd4, 0xcf, 0xf3, 0x0d, 0x0a])]);
    await expect(verifyVotesFile(file("gbk.csv", gbk))).rejects.toThrow(/utf-8/i);
  });
});

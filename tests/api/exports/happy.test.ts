import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCell } from "../../../api/domain/export-format.ts";
import { verifyVotesFile } from "../../../api/services/verify.ts";
import { ledgerHead } from "../../../db/index.ts";
import { adminCall } from "../../helpers/admin.ts";
import { csvRows } from "../../helpers/csv.ts";
import { runCli } from "../../helpers/processes.ts";
import { postScores, SCORED, scoredCampaign, scoresCsv } from "../../helpers/scores.ts";
import { adminToken, entryIds, seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, testCampaign, Voter, type TestServer } from "../../helpers/server.ts";

const clock = new ManualClock(Date.parse("2024-10-10T12:00:00+08:00"));
let server: TestServer;
let admin: ReturnType<typeof adminCall>;
let auditor: ReturnType<typeof adminCall>;
let ranked: number[];

function rows(text: string): string[][] {
  return parse(text, { bom: true }).map((x) => x.map(readCell));
}

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false, env: { TRUST_PROXY: "x-forwarded-for" } });
  const campaign = testCampaign();
  // an entry name Excel would take for a formula
  campaign.lists[0]!.entries[4]!.name = { zh: '=HYPERLINK("http://x")示例' };
  await seedCampaign(server, campaign);
  admin = adminCall(server, await adminToken(server, "organizer"));
  auditor = adminCall(server, await adminToken(server, "auditor"));
  ranked = entryIds(server, "test-2024", "ranked");
  // two days of votes
  for (let i = 0; i < 12; i++) expect((await new Voter(server, `203.0.113.${i}`).vote(ranked[i % 5])).status).toBe(201);
  clock.advance(86_400_000);
  for (let i = 0; i < 6; i++) expect((await new Voter(server, `198.51.100.${i}`).vote(ranked[0])).status).toBe(201);
  const [u] = entryIds(server, "test-2024", "unranked");
  expect((await new Voter(server, "192.0.2.1").vote(u)).status).toBe(201);
  const voted = await admin("POST", "/api/admin/votes/void", {
    filter: {
      campaign: "test-2024",
      list: "ranked",
      from: "2024-10-11T00:00:00+08:00",
      to: "2024-10-11T23:59:59+08:00",
      entryId: ranked[0],
    },
    reason: "=第二天的刷票",
  });
  expect(voted.body.voided).toBe(6);
});
afterAll(async () => server?.close());

describe("tallies export", () => {
  it("CSV: UTF-8 with BOM, CRLF, Excel-safe cells, valid/voided/per day; the manifest in a header, its sha256 once written", async () => {
    const res = await auditor("GET", "/api/admin/campaigns/test-2024/export?kind=tallies&format=csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=UTF-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="test-2024-tallies-\d{8}T\d{6}Z\.csv"$/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect([...res.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(res.text.slice(1).split("\r\n").length).toBe(1 + 9 + 1); // header, 5+3+1 entries, final CRLF
    expect(res.text.replace(/\r\n/g, "")).not.toContain("\n");
    const table = rows(res.text.slice(1));
    // Chinese headers by default: what an editor opens in Excel
    expect(table[0]).toEqual([
      "活动标识",
      "榜单标识",
      "榜单名称",
      "排名方式",
      "对象编号",
      "对象标识",
      "对象名称",
      "有效票",
      "已作废",
      "有效票 2024-10-10",
      "有效票 2024-10-11",
    ]);
    const first = table.find((r) => r[4] === String(ranked[0]))!;
    expect(first.slice(7)).toEqual(["3", "6", "3", "0"]);
    expect(res.text).toContain(`'=HYPERLINK(""http://x"")示例`);
    const manifest = JSON.parse(res.headers.get("x-bangdan-manifest")!);
    const head = await ledgerHead(server.deps.db.read);
    expect(manifest).toMatchObject({
      campaign: "test-2024",
      kind: "tallies",
      format: "csv",
      generatedBy: "auditor:auditor",
      rows: 9,
      ledger: { seq: head!.seq, headHash: head!.hash, voidSeq: 6 },
      totals: { valid: 13, voided: 6 },
    });
    const listed = (await auditor("GET", `/api/admin/exports?id=${manifest.id}`)).body.exports[0];
    expect(listed).toMatchObject({
      id: manifest.id,
      sha256: createHash("sha256").update(res.bytes).digest("hex"),
      bytes: res.bytes.length,
    });
  });

  it("headers=en gives the English machine headers, same rows, still BOM and CRLF; anything else is a 400", async () => {
    const zh = await auditor("GET", "/api/admin/campaigns/test-2024/export?kind=tallies&format=csv");
    const en = await auditor("GET", "/api/admin/campaigns/test-2024/export?kind=tallies&format=csv&headers=en");
    expect(en.status).toBe(200);
    expect([...en.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [enHead, ...enRows] = rows(en.text.slice(1));
    const [, ...zhRows] = rows(zh.text.slice(1));
    expect(enHead).toEqual([
      "campaign",
      "list",
      "list_title",
      "ranking",
      "entry_id",
      "entry_slug",
      "entry_name",
      "valid",
      "voided",
      "valid_2024-10-10",
      "valid_2024-10-11",
    ]);
    expect(en.text.split("\r\n").length).toBe(zh.text.split("\r\n").length);
    expect(enRows).toEqual(zhRows);
    expect(JSON.parse(en.headers.get("x-bangdan-manifest")!)).toMatchObject({ headers: "en" });
    expect(JSON.parse(zh.headers.get("x-bangdan-manifest")!)).toMatchObject({ headers: "zh" });
    const xlsx = await admin("GET", "/api/admin/campaigns/test-2024/export?kind=tallies&format=xlsx&headers=en");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(1).getCell(8).value).toBe("valid");
    // the public feed keeps its English machine headers
    const feed = await server.get("/api/campaigns/test-2024/lists/ranked/leaderboard.csv");
    expect((await feed.text()).replace(/^\uFEFF/, "").split("\r\n")[0]).toMatch(/^[a-z_,]+$/);
  });

  it("XLSX: opens in a spreadsheet reader with the same figures and a manifest sheet", async () => {
    const res = await admin("GET", "/api/admin/campaigns/test-2024/export?kind=tallies&format=xlsx");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.bytes as unknown as ArrayBuffer);
    const [sheet, info] = wb.worksheets;
    expect(sheet!.rowCount).toBe(10);
    expect(sheet!.getRow(1).getCell(8).value).toBe("有效票");
    const row = sheet!.getRows(2, 9)!.find((r) => r.getCell(5).value === ranked[0])!;
    expect([row.getCell(8).value, row.getCell(9).value]).toEqual([3, 6]);
    const meta = Object.fromEntries(info!.getRows(1, info!.rowCount)!.map((r) => [r.getCell(1).value, r.getCell(2).value]));
    expect(meta).toMatchObject({ kind: "tallies", format: "xlsx", campaign: "test-2024" });
    const listed = (await admin("GET", `/api/admin/exports?id=${res.headers.get("x-export-id")}`)).body.exports[0];
    expect(listed.sha256).toBe(createHash("sha256").update(res.bytes).digest("hex"));
  });
});

describe("votes export", () => {
  it("is the pseudonymous ledger with void records, and verify recomputes chain and tallies from it", async () => {
    const res = await auditor("GET", "/api/admin/campaigns/test-2024/export?kind=votes&format=csv");
    expect(res.status).toBe(200);
    expect(res.text).not.toMatch(/203\.0\.113|198\.51\.100/);
    const table = rows(res.text.slice(1));
    expect(table.length).toBe(1 + 19);
    expect(table.slice(1).filter((r) => r[15] !== "").length).toBe(6);
    const id = res.headers.get("x-export-id")!;
    const manifest = (await auditor("GET", `/api/admin/exports?id=${id}`)).body.exports[0];
    const file = join(server.env.BANGDAN_DATA_DIR, "votes.csv");
    writeFileSync(file, res.bytes);
    writeFileSync(`${file}.manifest.json`, JSON.stringify(manifest));
    const r = await verifyVotesFile(file);
    expect(r).toMatchObject({ ok: true, rows: 19, voids: 6, head: manifest.ledger.headHash, manifest: `${file}.manifest.json` });
    if (!r.ok) return;
    expect(r.tallies.find((t) => t.entryId === ranked[0])).toMatchObject({
      valid: 3,
      voided: 6,
      campaign: "test-2024",
      list: "ranked",
      entry: "e1",
    });
    expect(r.tallies.reduce((s, t) => s + t.valid, 0)).toBe(13);
  });

  it("verify reads either header set: the Chinese default and headers=en, CSV and XLSX", async () => {
    for (const [format, headers] of [
      ["csv", "zh"],
      ["csv", "en"],
      ["xlsx", "en"],
    ] as const) {
      const res = await auditor("GET", `/api/admin/campaigns/test-2024/export?kind=votes&format=${format}&headers=${headers}`);
      expect(res.status).toBe(200);
      const first = format === "csv" ? rows(res.text.slice(1))[0]![0] : undefined;
      if (format === "csv") expect(first).toBe(headers === "zh" ? "序号" : "seq");
      const file = join(server.env.BANGDAN_DATA_DIR, `votes-${headers}.${format}`);
      writeFileSync(file, res.bytes);
      expect(await verifyVotesFile(file), `${format} ${headers}`).toMatchObject({ ok: true, voids: 6 });
    }
  });

  it("the CLI: Chinese headers by default, --headers en for machines, and verify reads both", async () => {
    const dir = server.env.BANGDAN_DATA_DIR;
    for (const headers of ["zh", "en"]) {
      const out = join(dir, `cli-votes-${headers}.csv`);
      const args = ["export", "test-2024", "--kind", "votes", "--out", out, ...(headers === "en" ? ["--headers", "en"] : [])];
      const exported = await runCli(server.env, args);
      expect(exported.code, exported.stderr).toBe(0);
      expect(readFileSync(out, "utf8").split("\r\n")[0]).toMatch(headers === "en" ? /^\uFEFFseq,id,/ : /^\uFEFF序号,投票编号,/);
      const verified = await runCli(server.env, ["verify", out]);
      expect(verified.code, verified.stderr).toBe(0);
      expect(verified.stdout).toContain("与清单一致");
    }
    const refused = await runCli(server.env, ["export", "test-2024", "--headers", "fr", "--out", join(dir, "x.csv")]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--headers");
  }, 120_000);

  it("keeps to its snapshot while votes arrive during the export", async () => {
    const res = admin("GET", "/api/admin/campaigns/test-2024/export?kind=votes&format=csv");
    for (let i = 0; i < 5; i++) await new Voter(server, `100.64.0.${i}`).vote(ranked[2]);
    const done = await res;
    const manifest = JSON.parse(done.headers.get("x-bangdan-manifest")!);
    expect(rows(done.text.slice(1)).length).toBe(1 + manifest.rows);
  });

  it("XLSX of the votes export has one row per vote", async () => {
    const res = await admin("GET", "/api/admin/campaigns/test-2024/export?kind=votes&format=xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.bytes as unknown as ArrayBuffer);
    const manifest = JSON.parse(res.headers.get("x-bangdan-manifest")!);
    expect(wb.worksheets[0]!.rowCount).toBe(1 + manifest.rows);
    expect(wb.worksheets[0]!.getRow(2).getCell(11).value).toMatch(/^[0-9a-f]{64}$/);

    // verify reads the XLSX too: intact, then with one vote moved to another entry
    const file = join(server.env.BANGDAN_DATA_DIR, "votes.xlsx");
    writeFileSync(file, res.bytes);
    const ok = await verifyVotesFile(file);
    expect(ok).toMatchObject({ ok: true, rows: manifest.rows, head: manifest.ledger.headHash, voids: 6 });
    const cell = wb.worksheets[0]!.getRow(4).getCell(5);
    cell.value = cell.value === ranked[0] ? ranked[1]! : ranked[0]!;
    const tampered = join(server.env.BANGDAN_DATA_DIR, "tampered.xlsx");
    await wb.xlsx.writeFile(tampered);
    expect(await verifyVotesFile(tampered)).toMatchObject({ ok: false, row: 4, seq: 3 });

    // the same files with their parts stored in another order: relationships and shared strings
    // before the sheet, the workbook last (any order is a valid XLSX; exceljs's reader once crashed on this)
    for (const [name, verdict] of [
      [file, { ok: true, rows: manifest.rows }],
      [tampered, { ok: false, row: 4, seq: 3 }],
    ] as const) {
      const reordered = `${name}.reordered.xlsx`;
      writeFileSync(
        reordered,
        await storedInOrder(readFileSync(name), ["xl/_rels/", "xl/sharedStrings.xml", "xl/worksheets/"], "xl/workbook.xml"),
      );
      expect(await verifyVotesFile(reordered), name).toMatchObject(verdict);
    }
  });

  it("every export is in the audit log with its manifest id", async () => {
    const audit = (await admin("GET", "/api/admin/audit?kind=all&limit=1000")).body.audit;
    const exports = audit.filter((r: { action: string }) => r.action === "export");
    expect(exports.length).toBeGreaterThanOrEqual(4);
    expect(exports.at(-1)).toMatchObject({
      actor: "auditor:auditor",
      target: "test-2024",
      details: { kind: "tallies", format: "csv", rows: 9 },
    });
  });
});

describe("scores export", () => {
  // organizers see every breakdown whatever `revealScores` says. A server of its own, with the
  // scored campaign and its scores imported.
  let server: TestServer;
  let admin: ReturnType<typeof adminCall>;
  let auditor: ReturnType<typeof adminCall>;

  beforeAll(async () => {
    server = await startTestServer({ clock: new ManualClock(Date.parse("2024-10-10T12:00:00+08:00")), seedDemo: false });
    await seedCampaign(server, scoredCampaign());
    const organizerToken = await adminToken(server, "organizer");
    admin = adminCall(server, organizerToken);
    auditor = adminCall(server, await adminToken(server, "auditor"));
    expect((await postScores(server, organizerToken, scoresCsv())).status).toBe(200);
  });
  afterAll(async () => server?.close());

  it("has every entry's breakdown per dimension, `never` lists included, and the ranks by total", async () => {
    const res = await auditor("GET", `/api/admin/campaigns/${SCORED}/export?kind=scores&format=csv&headers=en`);
    expect(res.status).toBe(200);
    expect(res.bytes.subarray(0, 3).toString("hex")).toBe("efbbbf");
    const all = csvRows(res.text);
    // 5 lists × 3 entries × 2 dimensions, and the products list: 2 entries × 1 dimension
    expect(all.length).toBe(32);
    const c1 = all.filter((r) => r.list === "never" && r.entry_slug === "c1");
    expect(c1.map((r) => r.dimension)).toEqual(["innovation", "talent"]);
    // research 90; expert 95 85 80 75 40 trimmed → 80; V = 0: 0.5×90 + 0.3×80 = 69
    expect(c1[0]).toMatchObject({
      reveal_scores: "never",
      complete: "yes",
      total_rounded: "69.00",
      rank: "1",
      dimension_title: "创新投入",
      research: "90",
      expert: "80",
      expert_scorers: "5",
      expert_trimmed: "yes",
      dimension_score: "69",
    });
    // unranked lists: breakdowns for the organizers, but no rank even here
    expect(all.filter((r) => r.list === "unranked").every((r) => r.rank === "" && r.total_rounded !== "")).toBe(true);
    expect(all.find((r) => r.list === "products" && r.entry_slug === "p1")).toMatchObject({
      dimension: "novelty",
      dimension_title: "创新性",
      total_rounded: "53.00",
    });
  });

  it("XLSX carries the same rows and a manifest sheet", async () => {
    const res = await admin("GET", `/api/admin/campaigns/${SCORED}/export?kind=scores&format=xlsx`);
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.bytes as unknown as ArrayBuffer);
    const [sheet, manifest] = workbook.worksheets;
    expect(sheet!.rowCount).toBe(33);
    expect(manifest!.name).toBe("manifest");
  });
});

/** The zip's parts stored again: those under `first` (in that order), then the rest, then `last`. */
async function storedInOrder(bytes: Buffer, first: string[], last: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
  const rank = (n: string) => (n === last ? first.length + 1 : first.findIndex((p) => n.startsWith(p)) + 1 || first.length);
  const out = new JSZip();
  for (const n of [...names].sort((a, b) => rank(a) - rank(b))) out.file(n, await zip.files[n]!.async("nodebuffer"));
  const stored = await out.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  // the order asked for is the order stored
  expect(
    Object.keys((await JSZip.loadAsync(stored)).files)
      .filter((n) => !n.endsWith("/"))
      .at(-1),
  ).toBe(last);
  return stored;
}

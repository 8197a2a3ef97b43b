/**
 * The `scores` and `objections` exports: organizers see every breakdown whatever `revealScores`
 * says; objections, with names and contacts, go to organizers only, never to auditors.
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvRows } from "../../helpers/csv.ts";
import { adminCall } from "../../helpers/admin.ts";
import { object, publish } from "../../helpers/publicity.ts";
import { postScores, SCORED, scoredCampaign, scoresCsv } from "../../helpers/scores.ts";
import { adminToken, entryIds, seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, type TestServer } from "../../helpers/server.ts";

const clock = new ManualClock(Date.parse("2024-10-10T12:00:00+08:00"));
let server: TestServer;
let organizerToken: string;
let admin: ReturnType<typeof adminCall>;
let auditor: ReturnType<typeof adminCall>;

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false });
  await seedCampaign(server, scoredCampaign());
  organizerToken = await adminToken(server, "organizer");
  admin = adminCall(server, organizerToken);
  auditor = adminCall(server, await adminToken(server, "auditor"));
  expect((await postScores(server, organizerToken, scoresCsv())).status).toBe(200);
});
afterAll(async () => server?.close());

describe("scores export", () => {
  it("has every entry's breakdown per dimension, `never` lists included, and the ranks by total", async () => {
    const res = await auditor("GET", `/api/admin/campaigns/${SCORED}/export?kind=scores&format=csv`);
    expect(res.status).toBe(200);
    expect(res.bytes.subarray(0, 3).toString("hex")).toBe("efbbbf");
    const all = csvRows(res.text);
    // 5 lists × 3 entries × 2 dimensions, and the products list: 2 entries × 1 dimension
    expect(all.length).toBe(32);
    const c1 = all.filter((r) => r.list === "never" && r.entry_slug === "c1");
    expect(c1.map((r) => r.dimension)).toEqual(["innovation", "talent"]);
    // research 90; expert 95 85 80 75 40 trimmed → 80; V = 0: 0.5×90 + 0.3×80 = 69
    expect(c1[0]).toMatchObject({ reveal_scores: "never", complete: "yes", total_rounded: "69.00", rank: "1", dimension_title: "创新投入", research: "90", expert: "80", expert_scorers: "5", expert_trimmed: "yes", dimension_score: "69" });
    // unranked lists: breakdowns for the organizers, but no rank even here
    expect(all.filter((r) => r.list === "unranked").every((r) => r.rank === "" && r.total_rounded !== "")).toBe(true);
    expect(all.find((r) => r.list === "products" && r.entry_slug === "p1")).toMatchObject({ dimension: "novelty", dimension_title: "创新性", total_rounded: "53.00" });
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

describe("objections export", () => {
  it("lists objections with names and contacts for organizers; an auditor gets 403", async () => {
    const published = await publish(server, organizerToken, SCORED, { kind: "preliminary", list: "always" });
    expect(published.status).toBe(201);
    const [a1] = entryIds(server, SCORED, "always");
    const filed = await object(server, { publicationId: published.body.id, entryId: a1, contact: "13800001234" });
    expect(filed.status).toBe(201);

    const denied = await auditor("GET", `/api/admin/campaigns/${SCORED}/export?kind=objections&format=csv`);
    expect(denied.status).toBe(403);
    expect(denied.text).not.toContain("13800001234");

    const res = await admin("GET", `/api/admin/campaigns/${SCORED}/export?kind=objections&format=csv`);
    expect(res.status).toBe(200);
    const [row, ...more] = csvRows(res.text);
    expect(more).toEqual([]);
    expect(row).toMatchObject({ receipt: filed.body.receipt, status: "pending", status_zh: "待处理", list: "always", entry_slug: "a1", name: "王小明", contact: "13800001234" });
    expect(row!.created_at).toBe("2024-10-10T12:00:00+08:00");
  });
});

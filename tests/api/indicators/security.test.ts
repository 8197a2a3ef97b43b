/**
 * Who may import and read indicator figures, and that the public never sees the hidden inputs
 * (`public: false`: 长途光缆线路长度, 区域面积, 二氧化碳排放量) while the public sheet reaches the site
 * snapshot after an import.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminSecurityCases } from "../../helpers/admin-security.ts";
import { NPF, NPF_FIGURES, npfCampaign, postIndicators } from "../../helpers/indicators.ts";
import { adminToken, seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, type TestServer } from "../../helpers/server.ts";

const clock = new ManualClock(Date.parse("2025-07-01T12:00:00+08:00"));
let server: TestServer;
let organizer: string;
let auditor: string;

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false });
  await seedCampaign(server, npfCampaign());
  organizer = await adminToken(server, "organizer");
  auditor = await adminToken(server, "auditor");
});
afterAll(async () => server?.close());

const figures = readFileSync(NPF_FIGURES, "utf8");
const read = (token?: string) =>
  server.json(`/api/admin/campaigns/${NPF}/indicators`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
const audit = async () =>
  (await server.json("/api/admin/audit?kind=all", { headers: { authorization: `Bearer ${organizer}` } })).body.audit as any[];

describe("the import needs an organizer", () => {
  adminSecurityCases({
    server: () => server,
    routes: [
      { method: "POST", path: `/api/admin/campaigns/${NPF}/indicators`, body: figures, contentType: "text/csv" },
      { method: "GET", path: `/api/admin/campaigns/${NPF}/indicators` },
    ],
    unchanged: async () => {
      const sheet = (await read(auditor)).body.lists[0];
      expect(sheet.entries.every((e: any) => Object.values(e.values["2024"]).every((v) => v === null))).toBe(true);
      expect((await audit()).some((r) => r.action === "indicators.import")).toBe(false);
    },
  });

  it("an organizer imports; the import is audited with its actor", async () => {
    const res = await postIndicators(server, organizer, figures);
    expect(res.status).toBe(200);
    expect((await audit()).find((r) => r.action === "indicators.import")).toMatchObject({ actor: "organizer:organizer", target: NPF });
  });
});

describe("the public sees the public sheet only", () => {
  it("the site snapshot carries the fourteen public indicators with the imported figures, and no hidden input", async () => {
    const snapshot = await server.site.snapshot();
    const list = snapshot.campaigns.find((c) => c.slug === NPF)!.lists.find((l) => l.slug === "counties")!;
    const sheet = list.indicators!;
    expect(sheet.items).toHaveLength(14);
    const hidden = ["fiber_length", "area", "co2"];
    for (const key of hidden) expect(sheet.items.map((i) => i.key)).not.toContain(key);
    const dongling = list.entries.find((e) => e.slug === "dongling")!;
    const row = sheet.rows.find((r) => r.entryId === dongling.id)!;
    expect(row.values["2024"]!.gdp).toBe(643.15);
    expect(row.values["2023"]!.fiber_density).toBeCloseTo(1186.4 / (58.42 * 1426.8), 12);
    for (const r of sheet.rows) {
      for (const byKey of [...Object.values(r.values), ...Object.values(r.changes)]) {
        for (const key of hidden) expect(byKey).not.toHaveProperty(key);
      }
    }
    // not even a figure: 东岭's area (1426.80) and 2024 cable length (1214.54) appear nowhere
    const text = JSON.stringify(snapshot);
    expect(text).not.toContain("1426.8");
    expect(text).not.toContain("1214.54");
    // the derived indicator says how it is computed, naming its inputs but not their figures
    const fiber = sheet.items.find((i) => i.key === "fiber_density")!;
    expect(fiber.formulaText?.zh).toBe("长途光缆线路长度 ÷ (常住人口 × 区域面积)");
    expect(fiber.inputs?.map((i) => [i.key, i.unit])).toEqual([
      ["fiber_length", "公里"],
      ["population", "万人"],
      ["area", "平方公里"],
    ]);
  });

  it("an organizers-only sheet never reaches the snapshot (the test above can fail)", async () => {
    const hiddenSheet = npfCampaign();
    hiddenSheet.lists.find((l) => l.slug === "counties")!.indicators!.visibility = "organizers";
    await seedCampaign(server, hiddenSheet);
    const snapshot = await server.site.snapshot();
    const list = snapshot.campaigns.find((c) => c.slug === NPF)!.lists.find((l) => l.slug === "counties")!;
    expect(list.indicators).toBeUndefined();
    expect(JSON.stringify(snapshot)).not.toContain("643.15");
    // organizers still read it
    const res = await read(auditor);
    expect(res.body.lists[0]).toMatchObject({ list: "counties", visibility: "organizers" });
  });

  it("no public API carries indicator figures", async () => {
    clock.advance(3000);
    const board = await server.json(`/api/campaigns/${NPF}/lists/counties/leaderboard`);
    expect(board.status).toBe(200);
    expect(JSON.stringify(board.body)).not.toMatch(/643\.15|fiber|indicator/);
    const id = server.deps.catalog.current.list(NPF, "counties")!.entries[0]!.id;
    expect(JSON.stringify((await server.json(`/api/entries/${id}`)).body)).not.toMatch(/643\.15|fiber|indicator/);
  });
});

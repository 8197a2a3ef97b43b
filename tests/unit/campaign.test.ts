import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCampaign } from "../../api/domain/campaign.ts";
import { demoOffsetDays, shiftDemoCampaign, shiftIsoDays } from "../../api/domain/demo.ts";
import { demoDir, readCampaignFile } from "../../api/services/demo.ts";
import { testCampaign } from "../helpers/server.ts";

describe("campaign file", () => {
  it("accepts the contract's example shape and fills defaults", () => {
    const r = parseCampaign(testCampaign());
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.campaign.lists[2]!.ranking).toBe("ranked");
      expect(r.campaign.lists[2]!.voting).toMatchObject({ perDay: 3, perEntryPerDay: 1 });
      expect(r.campaign.dimensions[0]!.weight).toBe(1);
    }
  });

  it("reports every problem by path, in Chinese", () => {
    const bad = testCampaign();
    (bad as any).slug = "Bad Slug";
    (bad.components[0] as any).weight = 0.6;
    (bad.lists[0]!.entries[1] as any).slug = "e1";
    (bad.lists[0]!.voting as any).closesAt = "2024-10-01T00:00:00+08:00";
    (bad.lists[1] as any).ranking = "sorted";
    (bad.lists[1]!.voting as any).opensAt = "2024-10-08 09:00";
    (bad as any).extra = 1;
    const r = parseCampaign(bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "slug",
        "components",
        "lists.0.entries.1.slug",
        "lists.0.voting.closesAt",
        "lists.1.ranking",
        "lists.1.voting.opensAt",
      ]),
    );
    expect(r.problems.find((p) => p.path === "components")!.message).toContain("权重之和");
    expect(r.problems.find((p) => p.path === "(根)")!.message).toMatch(/extra/);
    expect(r.problems.find((p) => p.path === "(根)")!.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it("refuses slugs the site uses for its own pages", () => {
    const bad = testCampaign({ slug: "admin" });
    (bad.lists[0] as any).slug = "publicity";
    const r = parseCampaign(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.path)).toEqual(expect.arrayContaining(["slug", "lists.0.slug"]));
  });

  it("ships demo campaigns that validate", () => {
    const files = readdirSync(demoDir()).filter((f) => f.endsWith(".yaml"));
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const f of files) {
      const r = parseCampaign(readCampaignFile(join(demoDir(), f)));
      expect(r.ok ? [] : r.problems).toEqual([]);
    }
  });

  it("moves demo windows from day 0 = 2000-01-01 to the day the database was created", () => {
    expect(demoOffsetDays("2000-01-01")).toBe(0);
    expect(demoOffsetDays("2026-11-22")).toBe(9822);
    expect(shiftIsoDays("1999-12-31T09:00:00+08:00", demoOffsetDays("2026-11-22"))).toBe("2026-11-21T09:00:00+08:00");
    const r = parseCampaign(readCampaignFile(join(demoDir(), "cinn-2024.yaml")));
    if (!r.ok) throw new Error("demo invalid");
    const shifted = shiftDemoCampaign(r.campaign, "2026-03-01");
    const v = shifted.lists[0]!.voting!;
    expect(Date.parse(v.opensAt)).toBeLessThan(Date.parse("2026-03-01T00:00:00+08:00"));
    expect(Date.parse(v.closesAt)).toBeGreaterThan(Date.parse("2026-03-20T00:00:00+08:00"));
  });
});

/**
 * Rounds: 初审 advances the top 2 per list (ties at the cut all advance) → 终审. First-round scores
 * are kept under their round and never enter the composite; the final round's scorers see only the
 * entries that advanced; a scores file's `round` column puts rows in a round, and without one a row
 * is the final round's.
 *
 * First round, three experts give every dimension the same score per entry:
 *   tech: t1 90, t2 80, t3 80, t4 50 → top 2 with the tie at the cut: t1, t2, t3
 *   parks: p1 70, p2 60, p3 50 → p1, p2
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminCall } from "../../helpers/admin.ts";
import { adminToken, seedCampaign } from "../../helpers/seed.ts";
import { EXPERT, expertCampaign, scoreAll, scorerCall, scorerToken } from "../../helpers/scoring.ts";
import { startTestServer, type TestServer } from "../../helpers/server.ts";

let server: TestServer;
let organizer: ReturnType<typeof adminCall>;
const FIRST: Record<string, number> = { t1: 90, t2: 80, t3: 80, t4: 50, p1: 70, p2: 60, p3: 50 };

beforeAll(async () => {
  server = await startTestServer({ seedDemo: false });
  await seedCampaign(server, expertCampaign({ rounds: "top" }));
  organizer = adminCall(server, await adminToken(server, "organizer"));
});
afterAll(async () => server?.close());

const scoring = async () => (await organizer("GET", `/api/admin/campaigns/${EXPERT}/scoring`)).body;
const slugs = (sheet: { entries: { slug: string }[] }) => sheet.entries.map((e) => e.slug);

describe("a campaign with two rounds", () => {
  it("a scorer token defaults to the last round; nobody has advanced before the first round is scored", async () => {
    const finalist = scorerCall(server, await scorerToken(server, "终审专家", { campaign: EXPERT }));
    const sheet = (await finalist("GET", "/api/scoring/assignments")).body;
    expect(sheet.round).toEqual({ key: "final", title: { zh: "终审", en: "Final round" }, final: true });
    expect(sheet.entries).toEqual([]);
    expect((await scoring()).advancing).toEqual({ final: { tech: [], parks: [] } });
  });

  it("first-round scores are stored under their round and leave the composite as it was", async () => {
    for (const name of ["初审一", "初审二", "初审三"]) {
      const call = scorerCall(server, await scorerToken(server, name, { campaign: EXPERT, round: "first" }));
      const sheet = (await call("GET", "/api/scoring/assignments")).body;
      expect(sheet.round).toEqual({ key: "first", title: { zh: "初审", en: "First round" }, final: false });
      expect(sheet.progress.total).toBe(7);
      const res = await scoreAll(
        call,
        EXPERT,
        (slug) => FIRST[slug]!,
        (slug) => (name === "初审一" && slug === "t1" ? "材料翔实" : undefined),
      );
      expect(res.body).toEqual({ submitted: 7, round: "first", submittedAt: expect.any(String) });
    }
    const full = await scoring();
    for (const list of full.lists)
      for (const e of list.entries)
        expect(
          e.cells.filter((c: { component: string }) => c.component === "expert"),
          e.slug,
        ).toEqual([]);
  });

  it("the final round lists only the entries that advanced, ties at the cut included", async () => {
    const overview = await scoring();
    expect(overview.advancing).toEqual({ final: { tech: ["t1", "t2", "t3"], parks: ["p1", "p2"] } });
    expect(overview.rounds).toEqual([
      { key: "first", title: { zh: "初审", en: "First round" }, final: false, advance: { top: 2 } },
      { key: "final", title: { zh: "终审", en: "Final round" }, final: true, advance: null },
    ]);
    const finalist = scorerCall(server, await scorerToken(server, "终审专家二", { campaign: EXPERT, round: "final" }));
    const sheet = (await finalist("GET", "/api/scoring/assignments")).body;
    expect(slugs(sheet)).toEqual(["t3", "t1", "t2", "p1", "p2"]); // 丙 甲 乙; 北 南 (pinyin)
    const t4 = server.deps.catalog.current.list(EXPERT, "tech")!.entries.find((e) => e.slug === "t4")!.id;
    expect((await finalist("PUT", `/api/scoring/entries/${t4}`, { scores: { innovation: 1 }, revision: 1 })).status).toBe(403);
  });

  it("the final round's submission enters the composite", async () => {
    const finalist = scorerCall(server, await scorerToken(server, "终审专家三", { campaign: EXPERT, round: "final" }));
    const res = await scoreAll(finalist, EXPERT, () => 66);
    expect(res.body).toMatchObject({ submitted: 5, round: "final" });
    const t1 = (await scoring()).lists[0].entries.find((e: { slug: string }) => e.slug === "t1");
    expect(t1.cells.filter((c: { component: string }) => c.component === "expert")).toEqual([
      expect.objectContaining({ dimension: "innovation", value: 66, scorers: 1 }),
      expect.objectContaining({ dimension: "impact", value: 66, scorers: 1 }),
    ]);
  });

  it("a scores file's round column: a declared key, the final's key or empty is the final round; another is refused", async () => {
    const csv = (rows: string[]) =>
      server.get(`/api/admin/campaigns/${EXPERT}/scores`, {
        method: "POST",
        headers: { authorization: `Bearer ${organizerToken}`, "content-type": "text/csv" },
        body: ["entry,dimension,component,scorer,score,轮次", ...rows].join("\n"),
      });
    const organizerToken = await adminToken(server, "organizer", "importer");
    const bad = await csv(["t4,innovation,expert,甲,10,second"]);
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { rows: { column: string; message: string }[] }).rows[0]).toMatchObject({
      column: "round",
      message: expect.stringContaining("first"),
    });
    const good = await csv(["t4,innovation,expert,初审一,95,first", "t1,innovation,research,,70,final", "t1,impact,research,,70,"]);
    expect(good.status).toBe(200);
    const overview = await scoring();
    // t4's first-round innovation is now 95 from 初审一 (was 50): mean (95 + 50 + 50) / 3 = 65 on innovation, 50 on impact
    expect(overview.advancing.final.tech).toEqual(["t1", "t2", "t3"]);
    const t1 = overview.lists[0].entries.find((e: { slug: string }) => e.slug === "t1");
    expect(t1.cells).toContainEqual(expect.objectContaining({ dimension: "innovation", component: "research", value: 70 }));
    expect(t1.complete).toBe(true);
  });

  it("the scores export carries every round with its key, the submission time and the comments", async () => {
    const res = await organizer("GET", `/api/admin/campaigns/${EXPERT}/export?kind=scores&format=csv&headers=en`);
    expect(res.status).toBe(200);
    const [head, ...rows] = res.text
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/)
      .map((l) => l.split(","));
    const col = (name: string) => head!.indexOf(name);
    expect(head!.slice(-3)).toEqual(["round", "submitted_at", "comment"]);
    const of = (round: string, slug: string, dimension: string) =>
      rows.find((r) => r[col("round")] === round && r[col("entry_slug")] === slug && r[col("dimension")] === dimension);
    expect(of("final", "t1", "innovation")).toBeDefined();
    expect(of("final", "t4", "innovation")).toBeDefined(); // every entry in the final round's composite rows
    const first = of("first", "t1", "innovation")!;
    expect(first[col("expert")]).toBe("90");
    expect(first[col("expert_scorers")]).toBe("3");
    expect(first[col("submitted_at")]).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(first[col("comment")]).toBe("初审一：材料翔实");
    expect(of("first", "t4", "innovation")![col("expert")]).toBe("65");
    const zh = await organizer("GET", `/api/admin/campaigns/${EXPERT}/export?kind=scores&format=csv`);
    expect(zh.text.split(/\r?\n/)[0]).toMatch(/轮次,提交时间,评语$/);
  });
});

/**
 * The notice's fields in the campaign file (timeline, apply, requirements, contacts, organizerRules,
 * descriptions): the good shape is accepted, every bad one is reported at its path in Chinese; the
 * stage bar's reading of a timeline (live state first, then dates); demo dates move with day 0.
 */
import { describe, expect, it } from "vitest";
import { parseCampaign } from "../../api/domain/campaign.ts";
import { shiftDemoCampaign } from "../../api/domain/demo.ts";
import type { SnapshotCampaign } from "../../common/snapshot.ts";
import { currentStageIndex, dayIn, stageDates, timelineView } from "../../common/timeline.ts";
import { testCampaign } from "../helpers/server.ts";

const good = {
  timeline: [
    { key: "collect", phase: "collecting", title: { zh: "标杆征集" }, from: "2024-05-01", to: "2024-08-31" },
    { key: "vote", phase: "voting", title: { zh: "投票公示" }, from: "2024-10-08", to: "2024-10-31" },
    { key: "publish", title: { zh: "发布" }, from: "2024-11-20" },
  ],
  apply: {
    how: { zh: "通过指定渠道报名" },
    url: "https://example.com/apply",
    email: "apply@example.com",
    subject: { zh: "参选类别+参选者名称" },
    fee: { zh: "不收取任何报名费用" },
    recommender: { zh: "欢迎行业协会推荐" },
    deadlines: [
      { title: { zh: "网上报送截止" }, at: "2024-09-13T23:59:59+08:00" },
      { title: { zh: "纸质材料寄送截止" }, at: "2024-09-27T23:59:59+08:00" },
    ],
  },
  requirements: [{ zh: "具有独立法人资格" }],
  contacts: [
    { role: { zh: "咨询" }, name: "组委会", phone: ["010-00000001", "13900000000"], email: "ask@example.com" },
    { role: { zh: "监督" }, phone: "010-00000002" },
  ],
  organizerRules: [{ about: "trim", text: { zh: "去掉最高分和最低分是主办方的选择" } }],
};

function withNotice(extra: Record<string, unknown>) {
  return { ...testCampaign(), ...good, ...extra };
}

function problems(input: unknown): Record<string, string> {
  const r = parseCampaign(input);
  if (r.ok) throw new Error("expected problems");
  return Object.fromEntries(r.problems.map((p) => [p.path, p.message]));
}

describe("the notice's fields", () => {
  it("accepts them, a single phone as a list of one", () => {
    const input = withNotice({});
    (input.dimensions[0] as Record<string, unknown>).description = { zh: "衡量研发投入" };
    const r = parseCampaign({
      ...input,
      categories: [
        { key: "direction", title: { zh: "征集方向" }, values: [{ zh: "综合质效提升", description: { zh: "征集各地…" } }, "结构优化升级"] },
      ],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.campaign.contacts![1]!.phone).toEqual(["010-00000002"]);
    expect(r.campaign.dimensions[0]!.description).toEqual({ zh: "衡量研发投入" });
    expect(r.campaign.categories[0]!.values[0]).toEqual({ zh: "综合质效提升", description: { zh: "征集各地…" } });
    expect(r.campaign.timeline![2]!.to).toBeUndefined();
  });

  it("reports bad timelines by path", () => {
    const p = problems(
      withNotice({
        timeline: [
          { key: "collect", title: { zh: "征集" }, from: "2024-02-30" },
          { key: "review", title: { zh: "评审" }, from: "2024-06-01", to: "2024-05-01" },
          { key: "late", title: { zh: "" }, from: "2024/07/01" },
          { key: "again", phase: "reviewing", title: { zh: "又" }, from: "2024-08-01", extra: 1 },
          { key: "when", phase: "someday", title: { zh: "某天" }, from: "2024-09-01" },
        ],
      }),
    );
    expect(p["timeline.0.from"]).toContain("不是有效的日期");
    expect(p["timeline.1.to"]).toContain("不能早于");
    expect(p["timeline.2.title.zh"]).toContain("不能为空");
    expect(p["timeline.2.from"]).toContain("YYYY-MM-DD");
    expect(p["timeline.3"]).toMatch(/extra/);
    expect(p["timeline.4.phase"]).toBeDefined();
    // across stages, checked once each stage is well formed
    const q = problems(
      withNotice({
        timeline: [
          { key: "collect", phase: "reviewing", title: { zh: "征集" }, from: "2024-05-01" },
          { key: "collect", title: { zh: "评审" }, from: "2024-06-01" },
          { key: "early", phase: "reviewing", title: { zh: "早" }, from: "2024-01-01" },
        ],
      }),
    );
    expect(q["timeline.1.key"]).toContain("重复的标识");
    expect(q["timeline.2.from"]).toContain("先后");
    expect(q["timeline.2.phase"]).toContain("重复的阶段类型");
    expect(problems(withNotice({ timeline: [] }))["timeline"]).toContain("至少需要一个阶段");
  });

  it("refuses a 投票 stage and a vote rule where no list has a vote", () => {
    const base = testCampaign();
    const noVote = {
      ...base,
      ...good,
      components: [{ key: "research", title: { zh: "案例调研" }, weight: 1 }],
      lists: base.lists.map((l) => ({ ...l, voting: undefined })),
      organizerRules: [
        { about: "vote", text: { zh: "投票" } },
        { about: "trim", text: { zh: "去掉" } },
      ],
    };
    const p = problems(noVote);
    expect(p["timeline.1.phase"]).toContain("不能有投票阶段");
    expect(p["organizerRules.0.about"]).toContain("不设投票");
    expect(p["organizerRules.1.about"]).toContain("trim");
  });

  it("reports bad apply, requirements, contacts and organizer rules by path", () => {
    const p = problems(
      withNotice({
        apply: {
          url: "ftp://example.com",
          email: "not-an-email",
          deadlines: [{ title: { zh: "截止" }, at: "2024-09-13 23:59" }, { at: "2024-09-27T23:59:59+08:00" }],
          fee: "免费",
          who: "x",
        },
        requirements: [{ zh: " " }],
        contacts: [{ role: { zh: "咨询" }, name: "甲" }, { role: { zh: "监督" }, phone: "call me", email: "a@b" }, { phone: "010-1" }],
        organizerRules: [{ about: "magic", text: { zh: "三" } }],
      }),
    );
    expect(p["apply.url"]).toContain("http");
    expect(p["apply.email"]).toContain("电子邮箱");
    expect(p["apply.deadlines.0.at"]).toContain("ISO 8601");
    expect(p["apply.deadlines.1.title"]).toBeDefined();
    expect(p["apply.fee"]).toBeDefined();
    expect(p["apply"]).toMatch(/who/);
    expect(p["requirements.0.zh"]).toContain("不能为空");
    expect(p["contacts.0.phone"]).toContain("电话或电子邮箱");
    expect(p["contacts.1.phone"]).toBeDefined();
    expect(p["contacts.1.email"]).toContain("电子邮箱");
    expect(p["contacts.2.role"]).toBeDefined();
    expect(p["organizerRules.0.about"]).toBeDefined();
    const twice = [
      { about: "trim", text: { zh: "一" } },
      { about: "trim", text: { zh: "二" } },
    ];
    expect(problems(withNotice({ organizerRules: twice }))["organizerRules.1.about"]).toContain("重复");
    expect(problems(withNotice({ apply: {} }))["apply"]).toContain("至少需要一项");
    expect(problems(withNotice({ contacts: [] }))["contacts"]).toContain("至少需要一个");
  });

  it("reports bad descriptions on dimensions and category values by path", () => {
    const input = withNotice({
      categories: [
        {
          key: "direction",
          title: { zh: "征集方向" },
          values: [
            { zh: "综合质效提升", description: "说明" },
            { zh: "结构优化升级", description: { zh: "" } },
          ],
        },
      ],
    });
    (input.dimensions[0] as Record<string, unknown>).description = { en: "only English" };
    const p = problems(input);
    expect(p["dimensions.0.description.zh"]).toBeDefined();
    expect(Object.keys(p).some((k) => k.startsWith("categories.0.values.0"))).toBe(true);
    expect(Object.keys(p).some((k) => k.startsWith("categories.0.values.1"))).toBe(true);
  });

  it("moves timeline dates and deadlines with the demo's day 0", () => {
    const r = parseCampaign(
      withNotice({
        timeline: [{ key: "collect", title: { zh: "征集" }, from: "1999-12-30", to: "2000-01-05" }],
        apply: { deadlines: [{ title: { zh: "截止" }, at: "2000-01-05T23:59:59+08:00" }] },
      }),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const shifted = shiftDemoCampaign(r.campaign, "2026-12-01");
    expect(shifted.timeline![0]).toMatchObject({ from: "2026-11-29", to: "2026-12-05" });
    expect(shifted.apply!.deadlines![0]!.at).toBe("2026-12-05T23:59:59+08:00");
  });
});

describe("the stage bar's reading of a timeline", () => {
  const campaign = (publications: SnapshotCampaign["publications"] = []): SnapshotCampaign => ({
    slug: "c",
    title: { zh: "活动" },
    timezone: "Asia/Shanghai",
    dimensions: [],
    components: [],
    lists: [],
    publications,
    timeline: [
      { key: "collect", phase: "collecting", title: { zh: "征集" }, from: "2024-05-01", to: "2024-08-31" },
      { key: "review", phase: "reviewing", title: { zh: "评审" }, from: "2024-09-01", to: "2024-09-30" },
      { key: "publicity", phase: "publicity", title: { zh: "公示" }, from: "2024-10-10", to: "2024-10-16" },
      { key: "publish", phase: "published", title: { zh: "发布" }, from: "2024-11-01" },
    ],
  });
  const publication = (kind: "preliminary" | "final", state: "upcoming" | "open" | "ended") =>
    ({ id: "p", kind, state, startsAt: "", endsAt: "", workingDays: 5, sha256: "", lists: [] }) as unknown as NonNullable<
      SnapshotCampaign["publications"]
    >[number];

  it("marks the stage today falls in as current and today", () => {
    const view = timelineView(campaign(), "2024-09-15");
    expect(view.map((s) => s.state)).toEqual(["done", "current", "upcoming", "upcoming"]);
    expect(view.map((s) => s.today)).toEqual([false, true, false, false]);
  });

  it("keeps the latest stage begun current between stages, without marking today", () => {
    const view = timelineView(campaign(), "2024-10-05");
    expect(view.map((s) => s.state)).toEqual(["done", "current", "upcoming", "upcoming"]);
    expect(view.some((s) => s.today)).toBe(false);
    expect(currentStageIndex(campaign(), "2024-04-30")).toBe(-1);
  });

  it("puts a running 公示 before the dates, and a final list's 发布", () => {
    expect(currentStageIndex(campaign([publication("preliminary", "open")]), "2024-09-15")).toBe(2);
    expect(currentStageIndex(campaign([publication("preliminary", "ended"), publication("final", "ended")]), "2024-10-20")).toBe(3);
    expect(currentStageIndex(campaign([publication("preliminary", "upcoming")]), "2024-09-15")).toBe(1);
  });

  it("says the dates in words", () => {
    const [collect, , , publish] = campaign().timeline!;
    expect(stageDates(collect!, "2024-06-01", "zh")).toBe("5月1日—8月31日");
    expect(stageDates(collect!, "2025-06-01", "zh")).toBe("2024年5月1日—2024年8月31日");
    expect(stageDates(publish!, "2024-06-01", "zh")).toBe("11月1日起");
    expect(stageDates(collect!, "2024-06-01", "en")).toBe("1 May – 31 Aug");
    // across years both ends carry their year, even the one in today's year
    const creation = { key: "create", title: { zh: "创建期" }, from: "2024-12-02", to: "2026-12-01" };
    expect(stageDates(creation, "2026-12-01", "zh")).toBe("2024年12月2日—2026年12月1日");
    expect(stageDates(creation, "2026-12-01", "en")).toBe("2 Dec 2024 – 1 Dec 2026");
    expect(dayIn(Date.parse("2024-05-01T16:30:00Z"), "Asia/Shanghai")).toBe("2024-05-02");
  });
});

/**
 * The eligibility report and export on bad or thin input: unknown campaigns, a campaign without an
 * indicator sheet, an applicant without any figure, and score imports naming a judged indicator
 * where the list has none (refused whole, nothing imported).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCampaignFile } from "../../../api/services/demo.ts";
import { adminCall } from "../../helpers/admin.ts";
import { postScores } from "../../helpers/scores.ts";
import { adminToken, seedCampaign } from "../../helpers/seed.ts";
import { startTestServer, testCampaign, type TestServer } from "../../helpers/server.ts";

const C = "emerging-bases-2025";
let server: TestServer;
let organizer: string;
let admin: ReturnType<typeof adminCall>;

beforeAll(async () => {
  // the S3 demo campaign without its figures and scores, and a campaign without any sheet
  server = await startTestServer({ seedDemo: false });
  await seedCampaign(server, readCampaignFile(new URL(`../../../db/demo/${C}.yaml`, import.meta.url).pathname));
  await seedCampaign(server, testCampaign());
  organizer = await adminToken(server, "organizer");
  admin = adminCall(server, organizer);
});
afterAll(async () => server?.close());

describe("unknown or thin campaigns", () => {
  it("404 for an unknown campaign, in Chinese or English", async () => {
    const zh = await admin("GET", "/api/admin/campaigns/nope/eligibility");
    expect(zh.status).toBe(404);
    expect(zh.body.error).toEqual({ code: "not_found", message: "找不到活动 nope" });
    const en = await admin("GET", "/api/admin/campaigns/nope/eligibility", undefined, { "accept-language": "en" });
    expect(en.body.error.message).toBe("No such campaign nope");
    const exported = await admin("GET", "/api/admin/campaigns/nope/export?kind=eligibility&format=csv");
    expect(exported.status).toBe(404);
  });

  it("a campaign without an indicator sheet answers an empty report and a header-only export", async () => {
    const res = await admin("GET", "/api/admin/campaigns/test-2024/eligibility");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ campaign: "test-2024", title: { zh: "测试活动", en: "Test campaign" }, categories: [], lists: [] });
    const csv = await admin("GET", "/api/admin/campaigns/test-2024/export?kind=eligibility&format=csv");
    expect(csv.status).toBe(200);
    expect(JSON.parse(csv.headers.get("x-bangdan-manifest")!)).toMatchObject({ kind: "eligibility", rows: 0, lists: 0, applicants: 0 });
    expect(
      csv.text
        .replace(/^\uFEFF/, "")
        .trim()
        .split("\r\n"),
    ).toHaveLength(1);
  });

  it("refuses an unknown format", async () => {
    const res = await admin("GET", `/api/admin/campaigns/${C}/export?kind=eligibility&format=pdf`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
  });

  it("an applicant without any figure: every rule 缺数据, judged indicators still 专家评判, nothing passes", async () => {
    const res = await admin("GET", `/api/admin/campaigns/${C}/eligibility`);
    expect(res.status).toBe(200);
    for (const list of res.body.lists) {
      for (const e of list.entries) {
        const create = e.periods.create;
        expect(create.summary).toMatchObject({ pass: 0, fail: 0, status: "incomplete" });
        expect(create.cells.every((c: any) => c.result === "missing" || c.result === "judgement" || c.result === "none")).toBe(true);
        expect(create.cells.every((c: any) => c.value === null)).toBe(true);
      }
    }
    const parks = res.body.lists.find((l: any) => l.list === "parks");
    expect(parks.entries[0].periods.create.summary.text.zh).toBe("创建申报（近三年）：0 项达标，6 项缺数据，2 项由专家评判");
  });
});

describe("judged scores go only where the list has the indicator", () => {
  const judgedValue = async (list: string, slug: string, key: string) => {
    const body = (await admin("GET", `/api/admin/campaigns/${C}/eligibility`)).body;
    const l = body.lists.find((x: any) => x.list === list);
    return l.entries.find((e: any) => e.slug === slug).periods.create.cells[l.indicators.findIndex((i: any) => i.key === key)].value;
  };

  it("refuses an enterprise's judged indicator on a park, an unknown dimension, and a judged key in a campaign without sheets", async () => {
    const file = [
      "entry,dimension,component,scorer,score",
      "parks/binjiang-hitech-zone,policy_support,basic,专家A,80",
      "parks/binjiang-hitech-zone,governance,basic,专家A,80",
      "enterprises/lanzhou-connected-auto,innovation_index,basic,专家A,80",
    ].join("\r\n");
    const res = await postScores(server, organizer, file, "text/csv", C);
    expect(res.status).toBe(422);
    expect(res.body.rows).toEqual([
      {
        row: 3,
        column: "dimension",
        message: "榜单 parks 没有维度 governance（可用：overall；专家综合评分的指标：policy_support、public_services）",
      },
      {
        row: 4,
        column: "dimension",
        message:
          "榜单 enterprises 没有维度 innovation_index（可用：overall；专家综合评分的指标：scenario_innovation、business_model、governance）",
      },
    ]);
    // all or nothing: the good row was not imported either
    expect(await judgedValue("parks", "binjiang-hitech-zone", "policy_support")).toBeNull();

    const other = await postScores(
      server,
      organizer,
      "entry,dimension,component,scorer,score\r\nranked/e1,policy_support,research,,80\r\n",
      "text/csv",
      "test-2024",
    );
    expect(other.status).toBe(422);
    expect(other.body.rows[0].message).toBe("榜单 ranked 没有维度 policy_support（可用：innovation）");
  });

  it("still checks the component and the score of a judged row", async () => {
    const file =
      "entry,dimension,component,scorer,score\r\nparks/binjiang-hitech-zone,policy_support,vote,专家A,80\r\nparks/binjiang-hitech-zone,public_services,basic,专家A,120\r\n";
    const res = await postScores(server, organizer, file, "text/csv", C);
    expect(res.status).toBe(422);
    expect(res.body.rows.map((r: any) => r.column)).toEqual(["component", "score"]);
  });
});

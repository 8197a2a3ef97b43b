/**
 * Who may read the eligibility report, and that nothing of the organizers-only sheet — figures,
 * judged scores, results — nor any rank, score or vote count reaches a public surface of S3.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminCall } from "../../helpers/admin.ts";
import { adminSecurityCases } from "../../helpers/admin-security.ts";
import { reportFigures } from "../../helpers/eligibility.ts";
import { findKeys } from "../../helpers/publicity.ts";
import { adminToken } from "../../helpers/seed.ts";
import { startTestServer, type TestServer } from "../../helpers/server.ts";

const C = "emerging-bases-2025";
const REPORT = `/api/admin/campaigns/${C}/eligibility`;
const EXPORT = `/api/admin/campaigns/${C}/export?kind=eligibility&format=csv`;
let server: TestServer;
let organizer: ReturnType<typeof adminCall>;
let auditor: ReturnType<typeof adminCall>;

beforeAll(async () => {
  server = await startTestServer();
  organizer = adminCall(server, await adminToken(server, "organizer", "主办方"));
  auditor = adminCall(server, await adminToken(server, "auditor", "审计员"));
});
afterAll(async () => server?.close());

describe("the report is for organizers and auditors", () => {
  adminSecurityCases({
    server: () => server,
    routes: [
      { method: "GET", path: REPORT },
      { method: "GET", path: EXPORT },
      { method: "POST", path: REPORT },
    ],
  });

  it("an auditor reads and exports it (no personal data in it); the reads are audited, never cached", async () => {
    const res = await auditor("GET", REPORT);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.body.lists).toHaveLength(2);
    const exported = await auditor("GET", EXPORT);
    expect(exported.status).toBe(200);
    const audit = (await organizer("GET", "/api/admin/audit?kind=all&limit=50")).body.audit;
    expect(audit.some((r: any) => r.actor === "auditor:审计员" && r.action === "read" && r.target === REPORT)).toBe(true);
    expect(audit.some((r: any) => r.actor === "auditor:审计员" && r.action === "export")).toBe(true);
  });

  it("is read-only: an organizer's write is 405 (an auditor's, 403 above)", async () => {
    const res = await organizer("POST", REPORT, {});
    expect(res.status).toBe(405);
    expect(res.body.error.code).toBe("method_not_allowed");
  });
});

describe("nothing of it is public", () => {
  it("public JSON, CSV and the site snapshot carry no figure, judged score, result, rank, score or vote count", async () => {
    const body = (await organizer("GET", REPORT)).body;
    const secrets = reportFigures(body);
    expect(secrets.size).toBeGreaterThan(100);
    const keys = body.lists.flatMap((l: any) => l.indicators.map((i: any) => i.key)) as string[];

    const texts: string[] = [];
    const jsons: unknown[] = [];
    const read = async (path: string) => {
      const res = await server.get(path);
      expect(res.status, path).toBe(200);
      const text = await res.text();
      texts.push(text);
      if ((res.headers.get("content-type") ?? "").includes("json")) jsons.push(JSON.parse(text));
    };
    const campaigns = (await server.json("/api/campaigns")).body.campaigns.find((c: any) => c.slug === C);
    texts.push(JSON.stringify(campaigns));
    jsons.push(campaigns);
    for (const list of ["parks", "enterprises"]) {
      await read(`/api/campaigns/${C}/lists/${list}/leaderboard`);
      await read(`/api/campaigns/${C}/lists/${list}/leaderboard.csv`);
      for (const id of server.deps.catalog.current.list(C, list)!.entries.map((e) => e.id)) await read(`/api/entries/${id}`);
    }
    await read(`/api/campaigns/${C}/publications`);
    const snapshot = await server.site.snapshot();
    const s3 = snapshot.campaigns.find((c) => c.slug === C)!;
    jsons.push(s3);
    texts.push(JSON.stringify(s3));
    expect(s3.lists.every((l) => l.indicators === undefined && l.scoring === undefined)).toBe(true);

    for (const text of texts) {
      for (const secret of secrets) expect(text.includes(secret), `${secret} leaked`).toBe(false);
      // as a JSON key or string ("governance" is also an English word of a description)
      for (const key of keys) expect(text.includes(`"${key}"`) || (key.includes("_") && text.includes(key)), `${key} leaked`).toBe(false);
      for (const word of ["达标", "缺数据", "专家评判", "未达标"]) expect(text.includes(word)).toBe(false);
    }
    for (const json of jsons) expect(findKeys(json, ["rank", "votes", "score", "voided", "total"])).toEqual([]);
    // the leaderboards are unranked, in pinyin order, with no voting
    const board = JSON.parse(texts[1]!);
    expect(board.list).toBe("parks");
    const csvHeader = texts[2]!.replace(/^\uFEFF/, "").split("\r\n")[0]!;
    expect(csvHeader).not.toMatch(/rank|votes|score|名次|票|分/i);
    expect(board).toMatchObject({ ranking: "unranked", state: "none" });
  });
});

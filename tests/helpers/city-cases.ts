/**
 * A small city-case campaign for tests, with the demo's categories and entry rules (S2's quotas and
 * length limits as configured), and CSV files an organizer might send.
 */
import { join } from "node:path";
import { demoDir, readCampaignFile } from "../../api/services/demo.ts";
import type { TestServer } from "./server.ts";

export const CASES = "cases-2024";

const demo = () =>
  readCampaignFile(join(demoDir(), "city-cases-2024.yaml")) as { lists: Record<string, unknown>[] } & Record<string, unknown>;

/** Already in the list: 江苏省 has one 综合类 and one 特色类 (数字赋能提质); 浙江省 one 综合类. */
export const existingCases = [
  {
    slug: "js-a",
    name: { zh: "甲示例市综合案例" },
    kind: "case",
    region: "江苏省·甲示例市",
    categories: { province: "江苏省", type: "综合类" },
    body: { zh: "正文" },
  },
  {
    slug: "js-b",
    name: { zh: "乙示例市数字案例" },
    kind: "case",
    region: "江苏省·乙示例市",
    categories: { province: "江苏省", type: "特色类", direction: "数字赋能提质" },
    body: { zh: "正文" },
  },
  {
    slug: "zj-a",
    name: { zh: "丙示例市综合案例" },
    kind: "case",
    region: "浙江省·丙示例市",
    categories: { province: "浙江省", type: "综合类" },
    body: { zh: "正文" },
    images: [{ src: "/demo/a.png", caption: { zh: "图一" } }],
  },
];

export function casesCampaign(entries: unknown[] = existingCases) {
  const d = demo();
  return { ...d, slug: CASES, title: { zh: "城市案例测试" }, lists: [{ ...d.lists[0]!, entries }] };
}

/** A CSV text from a header and rows; cells with commas, quotes or line breaks are quoted. */
export function csv(header: string[], rows: string[][], eol = "\r\n"): string {
  const cell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  return [header, ...rows].map((r) => r.map(cell).join(",")).join(eol) + eol;
}

export const CHINESE_HEADER = ["标识", "名称", "地区", "省份", "案例类型", "征集方向", "正文", "申报单位", "推荐单位"];

export function postEntries(
  server: TestServer,
  token: string | undefined,
  body: BodyInit,
  contentType = "text/csv",
  path = `${CASES}/cases`,
  headers: Record<string, string> = {},
) {
  const [campaign, list] = path.split("/");
  return server.json(`/api/admin/campaigns/${campaign}/lists/${list}/entries`, {
    method: "POST",
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), "content-type": contentType, ...headers },
    body,
  });
}

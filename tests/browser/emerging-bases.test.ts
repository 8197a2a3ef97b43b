/**
 * S3 in a real browser on a phone (390×844), from a real build of the demo: every public page of
 * the demonstration-bases campaign — campaign, both lists, every entry, publicity and results after
 * publishing through the admin API, the embeds — in Chinese and English shows no rank, score or vote
 * count, no vote button, and none of the organizers-only indicator figures, and neither does any
 * public JSON those pages fetch. The final list names each entry 国家新兴产业发展示范基地（领域名称+
 * 示范园区/示范企业）; a park revoked since (摘牌) keeps its row, marked with the date and reason, and its
 * entry page says so. The organizer console's eligibility check reads in words at phone width.
 */
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, launchBrowser, phone } from "../helpers/browser.ts";
import { reportFigures } from "../helpers/eligibility.ts";
import { dayInZone } from "../../api/domain/publicity.ts";
import { findKeys, publish } from "../helpers/publicity.ts";
import { revoke } from "../helpers/revocations.ts";
import { adminToken } from "../helpers/seed.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

const C = "emerging-bases-2025";
let server: TestServer;
let browser: Browser;
let organizer: string;
/** distinctive texts of the organizers-only sheet: formatted figures and raw decimals */
const secrets = new Set<string>();

const today = dayInZone(Date.now(), "Asia/Shanghai");
const REASON = "成效评估不合格，取消认定命名并予以摘牌";

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

beforeAll(async () => {
  server = await startTestServer({ site: true, rebuildDelayMs: 100 });
  browser = await launchBrowser();
  organizer = await adminToken(server, "organizer", "主办方");
  const report = (await server.json(`/api/admin/campaigns/${C}/eligibility`, { headers: { authorization: `Bearer ${organizer}` } })).body;
  for (const figure of reportFigures(report)) secrets.add(figure);
  expect(secrets.size).toBeGreaterThan(100);
  // parks: publicity over, final list out (one park dropped); enterprises: in publicity now
  const now = Date.now();
  expect(
    (
      await publish(server, organizer, C, {
        kind: "preliminary",
        list: "parks",
        startsAt: iso(now - 10 * 86_400_000),
        endsAt: iso(now - 86_400_000),
      })
    ).status,
  ).toBe(201);
  expect((await publish(server, organizer, C, { kind: "final", list: "parks", exclude: ["dongli-materials-park"] })).status).toBe(201);
  // one park loses its designation after its review (摘牌), dated today
  expect((await revoke(server, organizer, C, { entry: "parks/hengyue-equipment-park", date: today, reason: REASON })).status).toBe(201);
  expect(
    (
      await publish(server, organizer, C, {
        kind: "preliminary",
        list: "enterprises",
        startsAt: iso(now - 60_000),
        endsAt: iso(now + 7 * 86_400_000),
      })
    ).status,
  ).toBe(201);
  // the site rebuilds in the background after the publications (within 3 minutes)
  const deadline = Date.now() + 180_000;
  while (!(await (await server.get(`/${C}/publicity/`)).text()).includes("拟认定为")) {
    if (Date.now() > deadline) throw new Error("the publicity page did not follow the publications");
    await new Promise((r) => setTimeout(r, 500));
  }
  await server.site.idle();
}, 400_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The S3 pages in one language, every entry page included. */
function publicPages(lang: "zh" | "en"): string[] {
  const p = lang === "en" ? "/en" : "";
  const lists = ["parks", "enterprises"];
  const entries = lists.flatMap((l) => server.deps.catalog.current.list(C, l)!.entries.map((e) => `${p}/${C}/${l}/${e.slug}/`));
  return [
    `${p}/${C}/`,
    ...lists.map((l) => `${p}/${C}/${l}/`),
    ...entries,
    `${p}/${C}/publicity/`,
    `${p}/${C}/results/`,
    ...lists.map((l) => `${p}/embed/${C}/${l}/`),
  ];
}

const figures = {
  zh: [/第\s*\d+\s*名/, /\d\s*票/, /\d\s*分/, /得分|总分|得票/],
  en: [/No\.\s*\d/, /\d\s*votes?\b/i, /\d\s*pts\b/i, /\bscores?\b/i, /\btotal\b/i],
};

async function visit(page: Page, path: string, fetched: { url: string; body: string }[]) {
  const res = await page.goto(server.url + path);
  expect(res?.status(), path).toBe(200);
  if (path.includes("/embed/")) await expect.poll(() => page.locator("#embed-rows li").count(), { timeout: 10_000 }).toBeGreaterThan(0);
  // let islands settle and their requests come back
  await page.waitForLoadState("networkidle");
  const text = await page.locator("body").innerText();
  const html = await page.content();
  return { text, html, fetched };
}

describe("the public S3 pages on a phone", () => {
  for (const lang of ["zh", "en"] as const) {
    it(`never show a rank, score, vote count, vote button or indicator figure (${lang})`, async () => {
      const context = await browser.newContext({ ...phone, locale: lang === "en" ? "en-GB" : "zh-CN" });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      const fetched: { url: string; body: string }[] = [];
      page.on("response", async (r) => {
        if (!r.url().includes("/api/") || !(r.headers()["content-type"] ?? "").includes("json")) return;
        fetched.push({ url: r.url(), body: await r.text().catch(() => "") });
      });
      const pages = publicPages(lang);
      expect(pages.length).toBe(19);
      for (const path of pages) {
        const { text, html } = await visit(page, path, fetched);
        for (const re of figures[lang]) expect(re.test(text), `${path}: ${re} in “${text.match(re)?.[0]}”`).toBe(false);
        for (const secret of secrets) expect(html.includes(secret), `${path} shows ${secret}`).toBe(false);
        expect(await page.locator("button", { hasText: /投票|vote/i }).count(), path).toBe(0);
        expect(await page.locator(".va, [data-vote]").count(), path).toBe(0);
      }
      // the JSON the pages fetched (embeds: leaderboards and publications)
      expect(fetched.length).toBeGreaterThan(0);
      for (const { url, body } of fetched) {
        const json = JSON.parse(body);
        expect(findKeys(json, ["rank", "votes", "score", "voided"]), url).toEqual([]);
        for (const secret of secrets) expect(body.includes(secret), `${url} carries ${secret}`).toBe(false);
      }
      expect(errors).toEqual([]);
      await context.close();
    }, 300_000);
  }

  it("the results name each park as designated, the publicity page what each enterprise is to be recognised as", async () => {
    const context = await browser.newContext(phone);
    const page = await context.newPage();
    await page.goto(`${server.url}/${C}/results/`);
    const final = page.locator(".pl-entries li", { hasText: "滨江示例高新技术产业开发区" });
    expect(await final.locator(".pl-designation").innerText()).toBe("国家新兴产业发展示范基地（新一代信息技术示范园区）");
    expect(await page.locator(".pl-entries li .pl-designation").count()).toBe(5);
    expect(await page.locator(".changes").innerText()).toContain("东篱示例新材料产业园");
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${server.url}/${C}/publicity/`);
    const proposed = page.locator(".pl-entries li", { hasText: "澜舟示例智能网联汽车有限公司" }).locator(".pl-designation");
    expect(await proposed.innerText()).toBe("拟认定为：国家新兴产业发展示范基地（智能网联新能源汽车示范企业）");
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${server.url}/en/${C}/results/`);
    expect(await page.locator(".pl-entries li", { hasText: "Qinglan Demo New Energy Park" }).locator(".pl-designation").innerText()).toBe(
      "National Emerging Industry Demonstration Base (New energy demonstration park)",
    );

    // the other S3 pages are accessible too
    for (const path of [`/${C}/`, `/${C}/parks/`, `/${C}/parks/nanwan-bio-park/`, `/en/${C}/enterprises/`, `/embed/${C}/enterprises/`]) {
      await page.goto(server.url + path);
      await page.waitForLoadState("networkidle");
      expect(await axeViolations(page), path).toEqual([]);
    }

    // the embed follows the final list and shows the designation too
    await page.goto(`${server.url}/embed/${C}/parks/`);
    await expect.poll(() => page.locator("#embed-rows .desig").count(), { timeout: 10_000 }).toBe(5);
    expect(await page.locator("#embed-rows li", { hasText: "南湾示例生物医药产业园" }).locator(".desig").innerText()).toBe(
      "国家新兴产业发展示范基地（生物示范园区）",
    );
    // the revoked park's row stays, its designation struck through and the revocation dated beside it
    const revokedRow = page.locator("#embed-rows li", { hasText: "衡岳示例高端装备产业园" });
    expect(await revokedRow.locator(".desig.revoked").count()).toBe(1);
    const [y, m, d] = today.split("-").map(Number);
    expect(await revokedRow.locator(".rv").innerText()).toBe(`已摘牌 ${y}年${m}月${d}日`);
    expect(await page.locator("#embed-rows .rv").count()).toBe(1);
    await context.close();
  }, 120_000);

  it("a revoked park keeps its row on the results page, marked 已摘牌 with date and reason, and its entry page says so", async () => {
    const [y, m, d] = today.split("-").map(Number);
    const months = [
      "January",
      "February",
      "March",
      "April",
      "May",
      "June",
      "July",
      "August",
      "September",
      "October",
      "November",
      "December",
    ];
    const context = await browser.newContext(phone);
    const page = await context.newPage();
    await page.goto(`${server.url}/${C}/results/`);
    const row = page.locator(".pl-entries li", { hasText: "衡岳示例高端装备产业园" });
    expect(await row.locator(".rv-badge").innerText()).toBe("已摘牌");
    expect(await row.locator(".rv-line").innerText()).toBe(`${y}年${m}月${d}日摘牌：${REASON}`);
    // the designation as published, struck through; the others untouched
    expect(await row.locator("del.pl-designation").innerText()).toBe("国家新兴产业发展示范基地（高端装备示范园区）");
    expect(await page.locator(".pl-entries li .rv").count()).toBe(1);
    expect(await page.locator(".revoked-note").innerText()).toContain("有 1 个对象被取消认定命名并摘牌");
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${server.url}/${C}/parks/hengyue-equipment-park/`);
    expect(await page.locator(".revoked .rv-line").innerText()).toBe(`${y}年${m}月${d}日摘牌：${REASON}`);
    expect(await page.locator(".revoked a").getAttribute("href")).toBe(`/${C}/results/`);
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${server.url}/${C}/parks/nanwan-bio-park/`);
    expect(await page.locator(".revoked, .rv").count()).toBe(0);
    // the list page's card says so too, and only on that park's card
    await page.goto(`${server.url}/${C}/parks/`);
    const card = page.locator("[data-entry-card]", { hasText: "衡岳示例高端装备产业园" });
    expect(await card.locator(".rv-line").innerText()).toBe(`${y}年${m}月${d}日摘牌：${REASON}`);
    expect(await page.locator("[data-entry-card] .rv").count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${server.url}/en/${C}/results/`);
    const en = page.locator(".pl-entries li", { hasText: "Hengyue" });
    expect(await en.locator(".rv-badge").innerText()).toBe("Revoked");
    expect(await en.locator(".rv-line").innerText()).toBe(`Designation revoked on ${d} ${months[m! - 1]} ${y}: ${REASON}`);
    expect(await en.locator('.rv-line [lang="zh-CN"]').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${server.url}/en/${C}/parks/hengyue-equipment-park/`);
    expect(await page.locator(".revoked").innerText()).toContain("This entry no longer holds its designation");
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  }, 120_000);
});

describe("the console's eligibility check on a phone", () => {
  it("shows each applicant's results in words, per list and period, exports, and is accessible", async () => {
    const context = await browser.newContext({ ...phone, acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(server.url + "/admin/");
    await page.getByLabel("管理令牌").fill(organizer);
    await page.getByRole("button", { name: "登录" }).click();
    // the campaign, then its 资格核对 tab (offered because the campaign has an indicator sheet)
    await page.locator(`a[href="#/c/${C}"]`).first().click();
    await page.getByRole("link", { name: "资格核对" }).click();
    expect(await page.evaluate(() => location.hash)).toBe(`#/c/${C}/eligibility`);
    const section = page.locator("section", { has: page.getByRole("heading", { name: "创建认定条件核对" }) });
    await expect.poll(() => section.locator(".adm-elig > li").count(), { timeout: 10_000 }).toBe(6);

    // 青岚: 有效发明专利 not met, said in words beside the figure and the printed condition
    const qinglan = section.locator(".adm-elig > li", { hasText: "青岚示例新能源产业园" });
    const patents = qinglan.locator("tr", { hasText: "有效发明专利加权数量" });
    expect(await patents.locator(".adm-result").innerText()).toBe("未达标");
    expect(await patents.innerText()).toContain("422.00 件");
    expect(await patents.innerText()).toContain("有效发明专利加权数量不低于500");
    expect(await qinglan.locator(".adm-elig-summary").innerText()).toBe("创建申报（近三年）：5 项达标，1 项未达标，2 项由专家评判");
    // 南湾: a missing figure
    const nanwan = section.locator(".adm-elig > li", { hasText: "南湾示例生物医药产业园" });
    expect(await nanwan.locator("tr", { hasText: "主导产业平均融资额" }).locator(".adm-result").innerText()).toBe("缺数据");
    // in pinyin order, like every list of S3
    expect(await section.locator(".adm-elig > li h4").allInnerTexts()).toEqual([
      "滨江示例高新技术产业开发区",
      "东篱示例新材料产业园",
      "衡岳示例高端装备产业园",
      "锦屏示例航空航天产业园",
      "南湾示例生物医药产业园",
      "青岚示例新能源产业园",
    ]);
    // the table fits the phone: nothing scrolls sideways
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // the creation period: 衡岳's technology contracts fall short of 8000 万元
    await section.locator("#adm-elig-period").selectOption("recognize");
    const hengyue = section.locator(".adm-elig > li", { hasText: "衡岳示例高端装备产业园" });
    expect(await hengyue.locator("tr", { hasText: "主导产业平均技术合同成交额" }).locator(".adm-result").innerText()).toBe("未达标");
    expect(await hengyue.locator("tr", { hasText: "主导产业平均技术合同成交额" }).innerText()).toContain("7,600.00 万元");

    // the enterprises
    await section.locator("#adm-elig-list").selectOption("enterprises");
    await section.locator("#adm-elig-period").selectOption("create");
    const yunque = section.locator(".adm-elig > li", { hasText: "云雀示例低空飞行器有限公司" });
    expect(await yunque.locator("tr", { hasText: "重点领域毛利润率" }).locator(".adm-result").innerText()).toBe("未达标");
    expect(await yunque.locator("tr", { hasText: "场景创新" }).locator(".adm-result").innerText()).toBe("专家评判");
    expect(await axeViolations(page)).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent("download"), section.getByRole("button", { name: "导出 CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^emerging-bases-2025-eligibility-.*\.csv$/);
    const file = readFileSync((await download.path())!);
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(file.toString("utf8")).toContain("青岚示例新能源产业园");

    // English
    await page.goto(`${server.url}/en/admin/#/c/${C}/eligibility`);
    const en = page.locator("section", { has: page.getByRole("heading", { name: "Eligibility check" }) });
    await expect.poll(() => en.locator(".adm-elig > li").count(), { timeout: 10_000 }).toBe(6);
    const dongli = en.locator(".adm-elig > li", { hasText: "Dongli Demo New Materials Park" });
    expect(await dongli.locator("tr", { hasText: "Average revenue of the leading industry" }).locator(".adm-result").innerText()).toBe(
      "Not met",
    );
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});

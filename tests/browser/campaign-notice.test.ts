/**
 * Each demo campaign's page reads like its notice, in a real browser at phone size from a real
 * build of the demo: the stages of its own timeline with their dates, the current one and today
 * marked, and no 投票 stage where the campaign has no vote; who may apply; contacts as tel: and
 * mailto: links (none where the notice gives none); a countdown to the next deadline while one is
 * ahead; each dimension and direction with what it measures; rules the notice does not contain
 * marked as the organizer's. The same in English, and axe finds nothing.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { CampaignFile } from "../../api/domain/campaign.ts";
import { axeViolations, demoSiteInBrowser, phone } from "../helpers/browser.ts";

const demo = demoSiteInBrowser();
const slugs = ["cinn-2024", "npf-eval-2025", "city-cases-2024", "emerging-bases-2025", "pioneer-2024"];
/** the campaigns whose notice has no public vote, and whose demo adds none */
const noVote = new Set(["city-cases-2024", "emerging-bases-2025"]);

function definition(slug: string): CampaignFile {
  return demo.server().deps.catalog.current.campaign(slug)!.definition as CampaignFile;
}

async function open(path: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await demo.browser().newContext(phone);
  const page = await context.newPage();
  await page.goto(demo.server().url + path);
  await page.waitForLoadState("networkidle");
  return { page, close: () => context.close() };
}

const texts = (page: Page, selector: string) => page.locator(selector).allInnerTexts();

describe("campaign pages carry their notice", () => {
  it.each(slugs)(
    "%s: its stages with dates, the current one and today marked",
    async (slug) => {
      const d = definition(slug);
      expect(d.timeline?.length).toBeGreaterThan(1);
      const { page, close } = await open(`/${slug}/`);
      const steps = page.locator("ol.timeline > li");
      expect(await steps.count()).toBe(d.timeline!.length);
      const titles = await texts(page, "ol.timeline > li .title");
      expect(titles).toEqual(d.timeline!.map((s) => s.title.zh));
      // every stage says its dates: a day of the month in words
      for (const dates of await texts(page, "ol.timeline > li .dates")) expect(dates).toMatch(/\d+月\d+日/);
      expect(await page.locator('ol.timeline > li[aria-current="step"]').count()).toBe(1);
      expect(await page.locator("ol.timeline .tag--today").count()).toBeGreaterThanOrEqual(1);
      expect(await page.locator("ol.timeline .tag--today").first().innerText()).toBe("今天");
      // the header names the same current stage
      const current = await page.locator('ol.timeline > li[aria-current="step"] .title').innerText();
      expect(await page.locator(".stage-now strong").innerText()).toBe(current);
      if (noVote.has(slug)) {
        expect(titles.join(" ")).not.toContain("投票");
        expect(await page.locator("#rules-title").innerText()).toBe("活动规则");
        expect(await page.locator("body").innerText()).not.toContain("入围对象");
      }
      await close();
    },
    60_000,
  );

  it.each(slugs)(
    "%s: who may apply, how, and whom to ask",
    async (slug) => {
      const d = definition(slug);
      const { page, close } = await open(`/${slug}/`);
      const requirements = await texts(page, "#requirements li");
      expect(requirements.length).toBe(d.requirements!.length);
      expect(requirements[0]).toBe(d.requirements![0]!.zh);
      expect(await page.locator("#apply").innerText()).toContain(d.apply!.how!.zh);
      const phones = (d.contacts ?? []).flatMap((c) => c.phone ?? []);
      const emails = (d.contacts ?? []).flatMap((c) => (c.email ? [c.email] : []));
      const tel = await page.locator('#contacts a[href^="tel:"]').evaluateAll((as) => as.map((a) => a.getAttribute("href")));
      expect(tel).toEqual(phones.map((p) => `tel:${p.replace(/[^0-9+]/g, "")}`));
      const mail = await page.locator('#contacts a[href^="mailto:"]').evaluateAll((as) => as.map((a) => a.getAttribute("href")));
      expect(mail).toEqual(emails.map((e) => `mailto:${e}`));
      // every demo names whom to ask, and its fictional numbers say so
      expect(d.contacts?.length).toBeGreaterThan(0);
      expect(phones.length + emails.length).toBeGreaterThan(0);
      const notes = await texts(page, "#contacts li .small");
      expect(notes.length).toBeGreaterThan(0);
      for (const note of notes) expect(note).toContain("示例");
      if (d.apply?.subject) expect(await page.locator("#apply").innerText()).toContain(d.apply.subject.zh);
      if (d.apply?.email) expect(await page.locator(`#apply a[href="mailto:${d.apply.email}"]`).count()).toBe(1);
      if (d.apply?.fee) expect(await page.locator("#apply").innerText()).toContain(d.apply.fee.zh);
      await close();
    },
    60_000,
  );

  it("counts down to the next deadline while one is ahead, and not where the notice gives none", async () => {
    for (const slug of ["city-cases-2024", "npf-eval-2025", "pioneer-2024"]) {
      const { page, close } = await open(`/${slug}/`);
      await page.locator(".deadline-countdown").scrollIntoViewIfNeeded();
      await expect.poll(() => page.locator(".deadline-countdown").innerText(), { timeout: 10_000 }).toMatch(/^距.+截止还有 \d+ 天/);
      await close();
    }
    // S0 and S3 give no deadline: no countdown
    for (const slug of ["cinn-2024", "emerging-bases-2025"]) {
      const { page, close } = await open(`/${slug}/`);
      expect(await page.locator(".deadline-countdown").count()).toBe(0);
      await close();
    }
    // S2's two deadlines, the online one first
    const { page, close } = await open("/city-cases-2024/");
    expect(await texts(page, "#apply .deadlines li")).toEqual([
      expect.stringMatching(/^网上报送截止：/),
      expect.stringMatching(/^纸质材料寄送截止：/),
    ]);
    await close();
  }, 60_000);

  it("explains the judging: what each dimension measures, the directions, the organizer's own rules", async () => {
    const s0 = await open("/cinn-2024/");
    const dims = await texts(s0.page, "#judging .dims dd");
    expect(dims).toHaveLength(10);
    expect(dims[0]).toBe(definition("cinn-2024").dimensions[0]!.description!.zh);
    const judging = await s0.page.locator("#judging").innerText();
    expect(judging).toContain("案例调研（50%）、专家评议（30%）、网络投票（20%）");
    expect(judging).toContain("主办方的选择");
    expect(judging).toContain("去掉一个最高分和一个最低分");
    await s0.close();

    const s2 = await open("/city-cases-2024/");
    const directions = definition("city-cases-2024").categories.find((c) => c.key === "direction")!;
    const s2text = await s2.page.locator("#judging").innerText();
    for (const v of directions.values) expect(s2text).toContain((v as { description: { zh: string } }).description.zh);
    expect(s2text).toContain("不计算综合得分");
    expect(s2text).not.toContain("主办方的选择");
    // the organizer's words are the only line about there being no vote
    expect((await s2.page.locator("body").innerText()).split("不设网络投票").length - 1).toBe(1);
    await s2.close();

    const s4 = await open("/pioneer-2024/");
    const s4text = await s4.page.locator("#judging").innerText();
    for (const d of [
      "所属行业赛道",
      "融资进展",
      "创新评级",
      "创新投入",
      "知识产权资产",
      "创新性",
      "科技性",
      "前沿性",
      "应用性",
      "市场潜力",
    ]) {
      expect(s4text).toContain(d);
    }
    expect(s4text).toContain("符合科创板定位的其他领域");
    expect(s4text.match(/主办方的选择/g)!.length).toBeGreaterThanOrEqual(3);
    await s4.close();

    const s1 = await open("/npf-eval-2025/");
    expect(await s1.page.locator("body").innerText()).toContain("主办方的选择");
    // the county sheet is not a shortlist
    expect(await s1.page.locator(".lists").innerText()).toMatch(/\d+ 个县域/);
    await s1.close();
  }, 60_000);

  it("links a list page to the scoring explanation", async () => {
    const { page, close } = await open("/cinn-2024/high-tech/");
    const link = page.locator('a[href="/cinn-2024/#judging"]');
    expect(await link.count()).toBe(1);
    await link.click();
    await page.waitForURL(/#judging$/);
    expect(await page.locator("#judging h2").innerText()).toBe("评审办法");
    await close();
  }, 60_000);

  it.each(slugs)(
    "%s in English: the same stages, contacts and requirements",
    async (slug) => {
      const d = definition(slug);
      const { page, close } = await open(`/en/${slug}/`);
      expect(await page.locator("ol.timeline > li").count()).toBe(d.timeline!.length);
      expect(await texts(page, "ol.timeline > li .title")).toEqual(d.timeline!.map((s) => s.title.en ?? s.title.zh));
      expect(await page.locator("ol.timeline .tag--today").first().innerText()).toBe("today");
      expect(await page.locator("#requirements li").count()).toBe(d.requirements!.length);
      expect(await page.locator('#contacts a[href^="tel:"], #contacts a[href^="mailto:"]').count()).toBe(
        (d.contacts ?? []).reduce((n, c) => n + (c.phone?.length ?? 0) + (c.email ? 1 : 0), 0),
      );
      expect(await page.locator("#apply-title").innerText()).toBe("How to take part");
      await close();
    },
    60_000,
  );

  it("finds no accessibility violations on the campaign pages", async () => {
    const context = await demo.browser().newContext(phone);
    const page = await context.newPage();
    const found: string[] = [];
    for (const path of slugs.flatMap((s) => [`/${s}/`, `/en/${s}/`])) {
      await page.goto(demo.server().url + path);
      await page.waitForLoadState("networkidle");
      found.push(...(await axeViolations(page)).map((v) => `${path}: ${v}`));
    }
    await context.close();
    expect(found).toEqual([]);
  }, 120_000);
});

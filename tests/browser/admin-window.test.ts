/**
 * Scheduling a list's voting window in the console on a phone: the times are typed in Beijing time
 * and checked before anything is sent; once saved, the list's state and next step follow, on its
 * panel and on its campaign's screen. A list that never opened offers 开启, not 重新开启.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { toLocalInput } from "../../site/islands/admin/steps.ts";
import { axeViolations, demoSiteInBrowser, phone } from "../helpers/browser.ts";
import { adminToken } from "../helpers/seed.ts";
import { testCampaign } from "../helpers/server.ts";

const demo = demoSiteInBrowser();
const HOUR = 3_600_000;
/** a time as a datetime-local value in Beijing time, to the minute */
const local = (ms: number) => toLocalInput(new Date(ms).toISOString());

async function signIn(page: Page, url: string, token: string) {
  await page.goto(url);
  await page.getByLabel("管理令牌").fill(token);
  await page.getByRole("button", { name: "登录" }).click();
}

describe("voting windows in the console", () => {
  it("schedules a window, checks it first, and shows the new state and next step", async () => {
    const server = demo.server();
    const token = await adminToken(server, "organizer", "排期编辑");
    const imported = await server.json("/api/admin/campaigns", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(testCampaign({ slug: "window-2026" })),
    });
    expect(imported.status).toBe(201);

    const context = await demo.browser().newContext(phone);
    const page = await context.newPage();
    const errors: string[] = [];
    const puts: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("request", (r) => {
      if (r.method() === "PUT") puts.push(new URL(r.url()).pathname);
    });
    await signIn(page, `${server.url}/admin/#/c/window-2026`, token);

    // the list that opens in 2030 never opened: its next step is its opening
    const card = page.locator(".adm-list", { hasText: "以后开放" });
    await expect.poll(() => card.locator(".adm-step").textContent(), { timeout: 10_000 }).toBe("未开始 · 1月1日 00:00 开启");
    await card.click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe("#/c/window-2026/l/later");
    expect(await page.getByRole("button", { name: "开启投票" }).count()).toBe(1);
    expect(await page.getByRole("button", { name: "重新开启投票" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "截止投票", exact: true }).count()).toBe(0);
    // the window as it stands, in Beijing time
    expect(await page.getByLabel("开启时间").inputValue()).toBe("2030-01-01T00:00");
    expect(await page.getByLabel("截止时间").inputValue()).toBe("2030-02-01T00:00");
    expect(await axeViolations(page)).toEqual([]);

    // a close before the opening is refused here, and nothing is sent
    const form = page.locator(".adm-window");
    await page.getByLabel("开启时间").fill("2030-01-10T09:00");
    await page.getByLabel("截止时间").fill("2030-01-05T18:00");
    await page.getByRole("button", { name: "保存投票时间" }).click();
    await expect.poll(() => form.getByRole("status").textContent()).toBe("截止时间必须晚于开启时间。");
    expect(puts).toEqual([]);

    // open from an hour ago until two days ahead: voting opens
    const opens = local(Date.now() - HOUR);
    const closes = local(Date.now() + 48 * HOUR);
    await page.getByLabel("开启时间").fill(opens);
    await page.getByLabel("截止时间").fill(closes);
    await page.getByRole("button", { name: "保存投票时间" }).click();
    await expect
      .poll(() => form.getByRole("status").textContent())
      .toMatch(/^已保存：\d+月\d+日 \d\d:\d\d 开启，\d+月\d+日 \d\d:\d\d 截止。$/);
    expect(puts).toEqual(["/api/admin/campaigns/window-2026/lists/later/window"]);
    await expect.poll(() => page.locator(".adm-step-big .adm-state").textContent()).toBe("投票进行中");
    const [, month, date, hm] = /^\d{4}-(\d\d)-(\d\d)T(\d\d:\d\d)$/
      .exec(closes)!
      .map((x, i) => (i === 1 || i === 2 ? String(Number(x)) : x));
    expect(await page.locator(".adm-step-big .adm-next").textContent()).toBe(` · ${month}月${date}日 ${hm} 截止`);
    expect(await page.getByRole("button", { name: "截止投票", exact: true }).count()).toBe(1);
    const publicList = (await server.json("/api/campaigns")).body.campaigns
      .find((c: { slug: string }) => c.slug === "window-2026")
      .lists.find((l: { slug: string }) => l.slug === "later");
    expect(publicList.voting.state).toBe("open");
    expect(Date.parse(publicList.voting.closesAt)).toBe(Date.parse(`${closes}:00+08:00`));
    expect(await axeViolations(page)).toEqual([]);

    // the campaign's screen says the same
    await page.locator(".adm-crumbs").getByRole("link", { name: "测试活动" }).click();
    await expect.poll(() => card.locator(".adm-step").textContent()).toBe(`投票进行中 · ${month}月${date}日 ${hm} 截止`);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});

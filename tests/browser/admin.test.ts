/**
 * The organizer console on a phone: nothing requested before sign-in, one round trip after it (the
 * campaigns, and who signed in); campaigns,
 * then a campaign's lists with their next step, then a list's panel; closing through a dialog that
 * names what will happen, the result beside the button; an anomaly voided through its dialog after
 * a dry run; exports with Chinese or machine headers; the audit log's filter; accessible (axe) on
 * each screen, zh and en; never indexed or framed.
 */
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations, demoSiteInBrowser, phone } from "../helpers/browser.ts";
import { route, signIn } from "../helpers/console.ts";
import { adminToken } from "../helpers/seed.ts";
import { Voter } from "../helpers/server.ts";

const demo = demoSiteInBrowser();

/** Console errors, page errors, and every API request the page makes, from the moment it opens. */
function watch(page: Page) {
  const seen = { errors: [] as string[], api: [] as string[] };
  page.on("pageerror", (e) => seen.errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") seen.errors.push(m.text());
  });
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith("/api/")) seen.api.push(`${r.method()} ${url.pathname}${url.search}`);
  });
  return seen;
}

/** What signing in asks of the API, and nothing more until a screen needs it. */
const SIGN_IN_READS = ["GET /api/admin/campaigns", "GET /api/admin/me"];

/** No wider than the phone: nothing scrolls sideways. */
const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe("organizer console", () => {
  it("is never indexed, framed by nobody, and readable before sign-in", async () => {
    const res = await demo.server().get("/admin/");
    expect(res.status).toBe(200);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-robots-tag")).toContain("noindex");
    const html = await res.text();
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(html).toContain("主办方管理台");
    expect(html).toMatch(/<noscript>\s*<p[^>]*>\s*管理台需要启用 JavaScript。也可以在命令行操作：npm run bangdan -- help\s*<\/p>/);
    const en = await demo.server().get("/en/admin/");
    expect(en.status).toBe(200);
    expect(en.headers.get("x-frame-options")).toBe("DENY");
    expect(en.headers.get("x-robots-tag")).toContain("noindex");
    const enHtml = await en.text();
    expect(enHtml).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(enHtml).toMatch(/<h1[^>]*>Organizer console<\/h1>/);
    expect(enHtml).toContain("Without it, use the command line: npm run bangdan -- help");
  });

  it("signs in, goes campaign → list, closes through the dialog, voids an anomaly, exports and filters the audit log", async () => {
    const server = demo.server();
    const token = await adminToken(server, "organizer", "主办方甲");
    const campaigns = (await server.json("/api/campaigns")).body.campaigns;
    const open = campaigns.flatMap(
      (c: { slug: string; title: { zh: string }; lists: { slug: string; title: string; ranking: string; voting: { state: string } }[] }) =>
        c.lists.filter((l) => l.voting.state === "open" && l.ranking === "ranked").map((l) => ({ c: c.slug, ...l })),
    );
    const [target, other] = open;
    expect(other).toBeDefined();
    const admin = (await server.json("/api/admin/campaigns", { headers: { authorization: `Bearer ${token}` } })).body.campaigns;
    const titleOf = (slug: string) => admin.find((c: { slug: string }) => c.slug === slug).title as string;
    // one phone clearing its cookie six times: a device cluster
    const entry = (await server.json(`/api/campaigns/${other.c}/lists/${other.slug}/leaderboard`)).body.entries[0].id;
    for (let i = 0; i < 6; i++) expect((await new Voter(server).vote(entry)).status).toBe(201);

    const context = await demo.browser().newContext({ ...phone, acceptDownloads: true });
    const page = await context.newPage();
    const seen = watch(page);
    await page.goto(server.url + "/admin/");
    await page.getByLabel("管理令牌").waitFor();
    expect(await axeViolations(page)).toEqual([]);
    // nothing asked of the API, and nothing in the console, before anyone signs in
    expect(seen.api).toEqual([]);
    expect(seen.errors).toEqual([]);

    const field = page.getByLabel("管理令牌");
    await field.fill("bd_wrong");
    await page.getByRole("button", { name: "登录" }).click();
    await expect.poll(() => page.locator(".adm-status").textContent()).toContain("令牌无效");
    seen.errors.length = 0; // the refused token's own 401, which the browser reports
    seen.api.length = 0;

    await page.getByLabel("管理令牌").fill(token);
    await page.getByRole("button", { name: "登录" }).click();
    const cards = page.locator(".adm-cards .adm-card-link");
    await expect.poll(() => cards.count(), { timeout: 10_000 }).toBe(admin.length);
    await expect.poll(() => page.evaluate(() => sessionStorage.getItem("bd_admin_token"))).toBe(token);
    // the sign-in's check is the console's one round trip: the campaigns it shows, and who signed in
    expect(seen.api.toSorted()).toEqual(SIGN_IN_READS);
    const card = cards.filter({ hasText: titleOf(target.c) });
    expect(await card.textContent()).toMatch(/个投票中/);
    expect(await axeViolations(page)).toEqual([]);
    expect(await noSidewaysScroll(page)).toBe(true);

    // campaign → its lists, each with its state and next step
    await card.click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/c/${target.c}`);
    const listCard = page.locator(".adm-list", { hasText: target.title }).first();
    expect(await listCard.locator(".adm-step").textContent()).toMatch(/^投票进行中 · \d+月\d+日 \d\d:\d\d 截止$/);
    expect(await axeViolations(page)).toEqual([]);
    expect(seen.api.toSorted()).toEqual(SIGN_IN_READS);
    // eligibility is offered only where the campaign has an indicator sheet
    const tabs = page.locator(".adm-tabs");
    expect(await tabs.getByRole("link", { name: "异常复核" }).count()).toBe(1);
    expect(await tabs.getByRole("link", { name: "资格核对" }).count()).toBe(
      admin.find((c: { slug: string }) => c.slug === target.c).indicators ? 1 : 0,
    );

    // → the list's panel: closing sits behind a dialog that says what happens
    await listCard.click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/c/${target.c}/l/${target.slug}`);
    expect(await page.locator(".adm-step-big .adm-state").textContent()).toBe("投票进行中");
    const closeButton = page.getByRole("button", { name: "截止投票", exact: true });
    expect((await closeButton.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    // not the most prominent thing here: outlined, while saving the voting times is the filled button
    expect(await closeButton.evaluate((b) => getComputedStyle(b).backgroundColor)).toBe("rgb(255, 255, 255)");
    await closeButton.click();
    const dialog = page.getByRole("dialog");
    await expect.poll(() => dialog.textContent()).toContain(`${target.title} 的投票将立即截止，之后收到的票不计入`);
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "确认截止" }).click();
    const panel = page.locator(".adm-actions");
    await expect.poll(() => panel.getByRole("status").filter({ hasText: "已截止" }).textContent()).toBe(`${target.title} 的投票已截止。`);
    await expect.poll(() => page.locator(".adm-step-big .adm-state").textContent()).toBe("投票已截止");
    expect(await page.locator(".adm-step-big").textContent()).toContain("可发布公示");
    const after = (await server.json("/api/campaigns")).body.campaigns
      .find((c: { slug: string }) => c.slug === target.c)
      .lists.find((l: { slug: string }) => l.slug === target.slug);
    expect(after.voting.state).toBe("closed");
    // a list that was open is reopened, not opened; Esc cancels and gives the button its focus back
    const reopen = page.getByRole("button", { name: "重新开启投票" });
    await reopen.click();
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await reopen.evaluate((b) => b === document.activeElement)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    // back to the campaign by its breadcrumb: the list's next step there changed too
    await page
      .locator(".adm-crumbs")
      .getByRole("link", { name: titleOf(target.c) })
      .click();
    await expect
      .poll(() => page.locator(".adm-list", { hasText: target.title }).first().locator(".adm-step").textContent())
      .toBe("投票已截止 · 可发布公示");

    // anomalies: a tab of the other list's campaign; dry run, then void through the dialog
    await page.goto(`${server.url}/admin/#/c/${other.c}`);
    await page.locator(".adm-tabs").getByRole("link", { name: "异常复核" }).click();
    const anomaly = page.locator(".adm-anomaly", { hasText: "同一设备多个身份" }).first();
    await expect.poll(() => anomaly.count(), { timeout: 10_000 }).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await anomaly.getByLabel("作废理由").fill("同一设备反复清除 Cookie 投票");
    await anomaly.getByRole("button", { name: "试算" }).click();
    await expect.poll(() => anomaly.textContent()).toContain("将作废 6 票");
    await anomaly.getByRole("button", { name: "作废 6 票" }).click();
    await expect.poll(() => dialog.textContent()).toContain("将作废 6 票，理由：「同一设备反复清除 Cookie 投票」");
    // the console reloads its campaigns after the void: waited for by its answer (a wait for an idle
    // network timed out once in CI with nothing left to load)
    const reloaded = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/admin/campaigns", { timeout: 15_000 });
    await dialog.getByRole("button", { name: "确认作废" }).click();
    await expect.poll(() => anomaly.getByRole("status").first().textContent()).toContain("已作废 6 票");
    // and it stays once the console has reloaded its campaigns after the void (it used to refetch
    // the anomalies too, and the voided one went with what was said about it)
    expect((await reloaded).status()).toBe(200);
    // who signed in was asked once, at sign-in: a refresh asks for the campaigns alone
    expect(seen.api.filter((r) => r === "GET /api/admin/me")).toHaveLength(1);
    expect(await anomaly.count()).toBe(1);
    expect(await anomaly.getByRole("status").first().textContent()).toContain("已作废 6 票");
    const board = (await server.json(`/api/campaigns/${other.c}/lists/${other.slug}/leaderboard`)).body;
    expect(board.entries.find((e: { id: number }) => e.id === entry).voided).toBe(6);

    // exports: a real download with the BOM Excel needs; machine headers on request
    await page.locator(".adm-tabs").getByRole("link", { name: "导出" }).click();
    await page.getByLabel("内容").selectOption("tallies");
    // Chinese headers by default, for Excel
    const [zh] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "导出并下载" }).click()]);
    expect(
      readFileSync((await zh.path())!)
        .toString("utf8")
        .split("\r\n")[0],
    ).toContain("有效票");
    await page.getByLabel("表头").selectOption("en");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "导出并下载" }).click()]);
    expect(download.suggestedFilename()).toMatch(/-tallies-.*\.csv$/);
    const file = readFileSync((await download.path())!);
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(file.toString("utf8").split("\r\n")[0]).toContain("entry_slug");
    expect(seen.api.some((r) => r.includes("kind=tallies") && r.includes("headers=en"))).toBe(true);
    await expect.poll(() => page.locator(".adm-export").getByRole("status").textContent()).toMatch(/已导出 \d+ 行/);
    expect(await axeViolations(page)).toEqual([]);

    // eligibility where there is an indicator sheet
    const sheet = admin.find((c: { indicators: boolean }) => c.indicators);
    await page.goto(`${server.url}/admin/#/c/${sheet.slug}`);
    await page.locator(".adm-tabs").getByRole("link", { name: "资格核对" }).click();
    await expect.poll(() => page.locator(".adm-elig > li").count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    expect(await noSidewaysScroll(page)).toBe(true);

    // the audit log, from the small menu: changes by default, reads on request
    await page.locator(".adm-menu summary").click();
    await page.locator(".adm-menu").getByRole("link", { name: "审计日志" }).click();
    await expect.poll(() => page.locator(".adm-audit").textContent(), { timeout: 10_000 }).toContain("作废投票");
    expect(await page.locator(".adm-audit").textContent()).toContain("主办方甲（主办方）");
    // the console's own reads are not what an organizer opens the log for
    expect(await page.locator(".adm-audit").textContent()).not.toContain("/api/admin/campaigns ");
    expect(seen.api.filter((r) => r.startsWith("GET /api/admin/audit")).at(-1)).toContain("kind=writes");
    await page.getByLabel("显示").selectOption("reads");
    await expect.poll(() => seen.api.filter((r) => r.startsWith("GET /api/admin/audit")).at(-1)).toContain("kind=reads");
    await expect.poll(() => page.locator(".adm-audit li").count()).toBeGreaterThan(0);
    expect(await page.locator("#adm-refusals").textContent()).toContain("被拒绝的匿名请求");
    expect(await axeViolations(page)).toEqual([]);
    expect(await noSidewaysScroll(page)).toBe(true);

    // keyboard: sign out from the menu
    await page.locator(".adm-menu summary").focus();
    await page.keyboard.press("Enter");
    await page.locator(".adm-menu").getByRole("button", { name: "退出" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByLabel("管理令牌").count()).toBe(1);
    expect(await page.evaluate(() => sessionStorage.getItem("bd_admin_token"))).toBeNull();

    // English mirror, signed in, straight to a list's address
    await page.goto(`${server.url}/en/admin/#/c/${target.c}/l/${target.slug}`);
    await page.getByLabel("Admin token").fill(token);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.locator(".adm-step-big .adm-state").textContent(), { timeout: 10_000 }).toBe("Voting closed");
    expect(await page.getByRole("button", { name: "Reopen voting" }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    expect(seen.errors).toEqual([]);
    await context.close();
  }, 180_000);

  it("offers an auditor no write: says it reads only, and leaves out the uploads, the tokens and every action", async () => {
    const server = demo.server();
    const token = await adminToken(server, "auditor", "审计乙");
    const [target] = (await server.json("/api/admin/campaigns", { headers: { authorization: `Bearer ${token}` } })).body.campaigns.flatMap(
      (c: { slug: string; lists: { slug: string; voting: { state: string } }[] }) =>
        c.lists.filter((l) => l.voting.state === "open").map((l) => ({ c: c.slug, l: l.slug })),
    );
    // one phone clearing its cookie six times: an anomaly to review, which an auditor only reads
    const list = (await server.json(`/api/campaigns/${target.c}/lists/${target.l}/leaderboard`)).body;
    for (let i = 0; i < 6; i++) expect((await new Voter(server).vote(list.entries[0].id)).status).toBe(201);

    const context = await demo.browser().newContext(phone);
    const page = await context.newPage();
    const seen = watch(page);
    await signIn(page, server, token);
    const note = page.locator(".adm-readonly");
    await expect.poll(() => note.textContent(), { timeout: 10_000 }).toContain("审计账号「审计乙」：只读。");
    expect(seen.api.toSorted()).toEqual(SIGN_IN_READS);
    // the menu: the audit log, not the tokens or an upload
    await page.locator("details.adm-menu > summary").click();
    const menu = page.locator(".adm-menu");
    expect(await menu.getByRole("link", { name: "审计日志" }).count()).toBe(1);
    expect(await menu.getByRole("link", { name: "管理令牌" }).count()).toBe(0);
    expect(await menu.getByRole("link", { name: "上传活动文件" }).count()).toBe(0);
    await page.locator("details.adm-menu > summary").click();
    expect(await axeViolations(page)).toEqual([]);
    expect(await noSidewaysScroll(page)).toBe(true);

    // a campaign's tabs: what it reads, no upload
    await route(page, `#/c/${target.c}`);
    const tabs = page.locator(".adm-tabs");
    await expect.poll(() => tabs.getByRole("link", { name: "异常复核" }).count(), { timeout: 10_000 }).toBe(1);
    expect(await tabs.getByRole("link", { name: "导出" }).count()).toBe(1);
    for (const upload of ["更新活动文件", "评分表", "指标表"])
      expect(await tabs.getByRole("link", { name: upload }).count(), upload).toBe(0);

    // a list's panel: its state and counts, no close, no window to save
    await route(page, `#/c/${target.c}/l/${target.l}`);
    await expect.poll(() => page.locator(".adm-step-big .adm-state").textContent(), { timeout: 10_000 }).toBe("投票进行中");
    expect(await page.getByRole("button", { name: "截止投票", exact: true }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "保存" }).count()).toBe(0);
    expect(await page.locator(".adm-readonly-here").textContent()).toBe("审计账号只读：此处的操作由主办方执行。");
    expect(await page.locator(".adm-tabs").getByRole("link", { name: "参评对象表" }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    // anomalies: read, with no dry run or void
    await route(page, `#/c/${target.c}/anomalies`);
    await expect.poll(() => page.locator(".adm-anomaly").count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await page.getByRole("button", { name: "试算" }).count()).toBe(0);
    expect(await page.locator(".adm-anomaly .adm-readonly-here").count()).toBe(await page.locator(".adm-anomaly").count());

    // publicity: the publications, no form to publish
    await route(page, `#/c/${target.c}/publish`);
    await expect.poll(() => page.locator("#flow-publish").count(), { timeout: 10_000 }).toBe(1);
    expect(await page.locator("section.flow .adm-readonly-here").count()).toBe(1);
    expect(await page.getByRole("button", { name: /预览|发布/ }).count()).toBe(0);

    // an organizers' screen by its address says so, rather than "not found"
    await route(page, "#/tokens");
    await expect
      .poll(() => page.locator(".adm-card p").first().textContent())
      .toBe("此页面仅主办方可用：审计账号只能查看，不能上传文件或管理令牌。");
    expect(await axeViolations(page)).toEqual([]);
    expect(await noSidewaysScroll(page)).toBe(true);
    // it read, and wrote nothing
    expect(seen.api.filter((r) => !r.startsWith("GET "))).toEqual([]);
    expect(seen.errors).toEqual([]);
    await context.close();
  }, 120_000);
});

/**
 * The organizer console on a phone: sign in with a token, see lists with live counts, close a
 * list, review an anomaly and void it (dry run, then confirm with a reason), export, read the
 * audit log; accessible (axe) signed out and signed in, zh and en; never indexed or framed.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { axeViolations, demoSiteInBrowser, phone } from "../helpers/browser.ts";
import { adminToken } from "../helpers/seed.ts";
import { Voter } from "../helpers/server.ts";

const demo = demoSiteInBrowser();

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
    expect(html).toContain("<noscript>");
    const en = await demo.server().get("/en/admin/");
    expect(en.status).toBe(200);
    expect(en.headers.get("x-frame-options")).toBe("DENY");
  });

  it("signs in, closes a list, voids an anomaly with a reason, exports and shows the audit log", async () => {
    const server = demo.server();
    const token = await adminToken(server, "organizer", "主办方甲");
    const campaigns = (await server.json("/api/campaigns")).body.campaigns;
    const open = campaigns.flatMap(
      (c: { slug: string; lists: { slug: string; title: string; ranking: string; voting: { state: string } }[] }) =>
        c.lists.filter((l) => l.voting.state === "open" && l.ranking === "ranked").map((l) => ({ c: c.slug, ...l })),
    );
    const [target, other] = open;
    expect(other).toBeDefined();
    // one phone clearing its cookie six times: a device cluster
    const entry = (await server.json(`/api/campaigns/${other.c}/lists/${other.slug}/leaderboard`)).body.entries[0].id;
    for (let i = 0; i < 6; i++) expect((await new Voter(server).vote(entry)).status).toBe(201);

    const context = await demo.browser().newContext({ ...phone, acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(server.url + "/admin/");
    expect(await axeViolations(page)).toEqual([]);

    const field = page.getByLabel("管理令牌");
    await field.fill("bd_wrong");
    await page.getByRole("button", { name: "登录" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("令牌无效");

    await field.fill(token);
    await page.getByRole("button", { name: "登录" }).click();
    await expect.poll(() => page.locator(".adm-list").count(), { timeout: 10_000 }).toBeGreaterThan(3);
    // the lists render from the first answer; the token is kept when the sign-in's own check returns
    await expect.poll(() => page.evaluate(() => sessionStorage.getItem("bd_admin_token"))).toBe(token);
    const item = page.locator(".adm-list", { hasText: target.title }).first();
    expect(await item.locator(".adm-state").textContent()).toBe("投票进行中");
    const closeButton = item.getByRole("button", { name: "立即截止投票" });
    expect((await closeButton.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    page.once("dialog", (d) => void d.accept());
    await closeButton.click();
    await expect.poll(() => item.locator(".adm-state").textContent()).toBe("投票已截止");
    const after = (await server.json("/api/campaigns")).body.campaigns
      .find((c: { slug: string }) => c.slug === target.c)
      .lists.find((l: { slug: string }) => l.slug === target.slug);
    expect(after.voting.state).toBe("closed");

    // the anomaly: dry run first, then void with the reason
    const anomaly = page.locator(".adm-anomaly", { hasText: "同一设备多个身份" }).first();
    await expect.poll(() => anomaly.count(), { timeout: 10_000 }).toBe(1);
    await anomaly.getByLabel("作废理由").fill("同一设备反复清除 Cookie 投票");
    await anomaly.getByRole("button", { name: "试算" }).click();
    await expect.poll(() => anomaly.textContent()).toContain("将作废 6 票");
    await anomaly.getByRole("button", { name: "确认作废" }).click();
    await expect.poll(() => page.locator(".adm-status").textContent()).toContain("已作废 6 票");
    const board = (await server.json(`/api/campaigns/${other.c}/lists/${other.slug}/leaderboard`)).body;
    expect(board.entries.find((e: { id: number }) => e.id === entry).voided).toBe(6);

    // export: a real download with the BOM Excel needs
    await page.getByLabel("内容").selectOption("tallies");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "导出并下载" }).click()]);
    expect(download.suggestedFilename()).toMatch(/-tallies-.*\.csv$/);
    const file = readFileSync((await download.path())!);
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    await page.getByRole("button", { name: "刷新" }).click();
    await expect.poll(() => page.locator(".adm-audit").textContent()).toContain("votes.void");
    expect(await page.locator(".adm-audit").textContent()).toContain("organizer:主办方甲");
    expect(await axeViolations(page)).toEqual([]);

    // keyboard: the sign-out button is reachable and works
    await page.getByRole("button", { name: "退出" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByLabel("管理令牌").count()).toBe(1);
    expect(await page.evaluate(() => sessionStorage.getItem("bd_admin_token"))).toBeNull();

    // English mirror, signed in
    await page.goto(server.url + "/en/admin/");
    await page.getByLabel("Admin token").fill(token);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.locator(".adm-list").count(), { timeout: 10_000 }).toBeGreaterThan(3);
    expect(await page.locator(".adm-list", { hasText: target.title }).first().locator(".adm-state").textContent()).toBe("Voting closed");
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

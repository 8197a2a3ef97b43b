/**
 * 管理令牌 on a phone: create a token (shown once, copied to the clipboard), use it to sign in, see
 * it listed as used, revoke it through the dialog that names it, and find that it no longer signs in.
 * A duplicate name is refused beside the form. Axe clean on each screen; no console errors.
 */
import { describe, expect, it } from "vitest";
import { axeViolations, demoSiteInBrowser } from "../helpers/browser.ts";
import { collectErrors, phoneContext, route, scrollWidth, signIn, signOut } from "../helpers/console.ts";
import { adminToken } from "../helpers/seed.ts";

const demo = demoSiteInBrowser();

describe("admin tokens in the console", () => {
  it("creates a token shown once, signs in with it, revokes it", async () => {
    const server = demo.server();
    const organizer = await adminToken(server, "organizer", "主办方甲");
    const context = await phoneContext(demo.browser(), true);
    const page = await context.newPage();
    const errors = collectErrors(page, [401, 409]);

    await signIn(page, server, organizer);
    await route(page, "#/tokens");
    const card = page.locator("section.flow", { has: page.getByRole("heading", { name: "管理令牌", exact: true }) });
    const row = (name: string) => card.locator(".flow-token", { hasText: name });
    await expect.poll(() => row("主办方甲").count(), { timeout: 10_000 }).toBe(1);
    // the sign-in just used it; a token nobody used says so
    expect(await row("主办方甲").textContent()).not.toContain("从未使用");
    expect(await axeViolations(page)).toEqual([]);

    await card.getByLabel("名称").fill("编辑小王");
    await card.getByLabel("角色").selectOption("organizer");
    await card.getByRole("button", { name: "创建令牌" }).click();
    const field = card.getByLabel("「编辑小王」的令牌");
    await expect.poll(() => field.count(), { timeout: 10_000 }).toBe(1);
    const token = await field.inputValue();
    expect(token).toMatch(/^bd_/);
    expect(await field.getAttribute("readonly")).not.toBeNull();
    expect(await card.textContent()).toContain("令牌只显示这一次");
    expect(await row("编辑小王").textContent()).toContain("从未使用");
    const copy = card.getByRole("button", { name: "复制" });
    expect((await copy.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await copy.click();
    await expect.poll(() => card.textContent()).toContain("已复制到剪贴板");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    // never listed again: the list answer carries no token
    const listed = await server.json("/api/admin/tokens", { headers: { authorization: `Bearer ${organizer}` } });
    expect(JSON.stringify(listed.body)).not.toContain(token);
    expect(await axeViolations(page)).toEqual([]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);

    // the same name again: refused beside the form
    await card.getByLabel("名称").fill("编辑小王");
    await card.getByRole("button", { name: "创建令牌" }).click();
    await expect.poll(() => card.locator("form [role=status]").textContent()).toContain("编辑小王");
    expect(await card.locator("form [role=status]").textContent()).toContain("未完成");

    // use it: sign out, sign in with the new token
    await signOut(page);
    await signIn(page, server, token);
    await route(page, "#/tokens");
    await expect.poll(() => row("编辑小王").count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => row("编辑小王").textContent()).not.toContain("从未使用");

    // revoke it (as the first organizer), through the dialog that names it
    await signOut(page);
    await signIn(page, server, organizer);
    await route(page, "#/tokens");
    await expect.poll(() => row("编辑小王").count(), { timeout: 10_000 }).toBe(1);
    await row("编辑小王").getByRole("button", { name: "吊销" }).click();
    const dialog = page.getByRole("dialog");
    await expect.poll(() => dialog.textContent()).toContain("「编辑小王」将立即失效");
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "确认吊销" }).click();
    await expect.poll(() => card.textContent()).toContain("已吊销令牌「编辑小王」");
    await expect.poll(() => row("编辑小王").count()).toBe(0);
    // 主办方甲 is now the only organizer token, which the API keeps: said, not offered
    expect(await row("主办方甲").getByRole("button", { name: "吊销" }).count()).toBe(0);
    expect(await row("主办方甲").textContent()).toContain("唯一的主办方令牌");

    // it no longer signs in
    await signOut(page);
    await page.getByLabel("管理令牌").fill(token);
    await page.getByRole("button", { name: "登录", exact: true }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("令牌无效");
    expect((await server.json("/api/admin/tokens", { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);

    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});

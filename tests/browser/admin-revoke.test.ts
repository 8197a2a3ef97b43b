/**
 * 摘牌 on a phone: an organizer publishes a final list, then revokes one entry with a reason behind
 * the console's dialog. A cancelled dialog changes nothing; the confirmed one shows the revocation in
 * the console with its reason and time, the API and the public results page agree, a second
 * revocation of the same entry (from a page opened before the first) is refused in Chinese beside
 * the button, and an auditor reads the revocation with no form to record one. Axe clean; no console errors.
 */
import { describe, expect, it } from "vitest";
import { dayIn } from "../../common/timeline.ts";
import { axeViolations, demoSiteInBrowser } from "../helpers/browser.ts";
import { collectErrors, phoneContext, route, scrollWidth, signIn, signOut } from "../helpers/console.ts";
import { admin } from "../helpers/publicity.ts";
import { adminToken, entryIds } from "../helpers/seed.ts";
import { testCampaign } from "../helpers/server.ts";

const demo = demoSiteInBrowser();
const SLUG = "rev-2026";
const REASON = "成效评估不合格，取消认定命名并予以摘牌";
const SHOTS = process.env.SCREENSHOTS_DIR;

describe("摘牌 in the console", () => {
  it("revokes a final list's entry behind a dialog; the console, the API and the results page agree", async () => {
    const server = demo.server();
    const organizer = await adminToken(server, "organizer", "主办方甲");
    const auditor = await adminToken(server, "auditor", "审计乙");
    expect((await admin(server, organizer, "POST", "/api/admin/campaigns", testCampaign({ slug: SLUG }))).status).toBe(201);

    const context = await phoneContext(demo.browser());
    const page = await context.newPage();
    // the second revocation (409) is provoked on purpose
    const errors = collectErrors(page, [409]);
    await signIn(page, server, organizer);

    // before any final list: nothing to revoke, and the console says why
    await route(page, `#/c/${SLUG}/revocations`);
    const card = page.locator("section.flow", { has: page.getByRole("heading", { name: "摘牌", exact: true }) });
    await expect.poll(() => card.textContent(), { timeout: 10_000 }).toContain("只有列入正式名单的对象才能摘牌");
    expect(await card.textContent()).toContain("暂无摘牌记录。");

    // the organizer publishes the unranked list's final list from the console
    await route(page, `#/c/${SLUG}/publish`);
    const publish = page.locator("section.flow", { has: page.getByRole("heading", { name: "公示与结果", exact: true }) });
    const final = publish.locator("form", { has: page.getByRole("heading", { name: "发布正式名单" }) });
    await expect.poll(() => final.count(), { timeout: 10_000 }).toBe(1);
    await final.getByLabel("榜单").selectOption("unranked");
    await expect.poll(() => final.getByLabel("安徽示例园区").count(), { timeout: 10_000 }).toBe(1);
    await final.getByRole("button", { name: "核对正式名单" }).click();
    const finalPreview = publish.locator(".flow-preview", { hasText: "正式名单将列入" });
    await expect.poll(() => finalPreview.textContent(), { timeout: 10_000 }).toContain("正式名单将列入 3 个对象");
    await finalPreview.getByRole("button", { name: "发布正式名单" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "确认发布正式名单" }).click();
    await expect.poll(() => finalPreview.textContent(), { timeout: 10_000 }).toMatch(/已发布正式名单 #\d+/);

    // a second organizer's page, opened now: its choice still offers the entry the first revokes
    const other = await context.newPage();
    const otherErrors = collectErrors(other, [409]);
    await signIn(other, server, organizer);
    await route(other, `#/c/${SLUG}/revocations`);
    const otherCard = other.locator("section.flow", { has: other.getByRole("heading", { name: "摘牌", exact: true }) });
    await expect.poll(() => otherCard.getByLabel("对象").count(), { timeout: 10_000 }).toBe(1);

    await route(page, `#/c/${SLUG}/revocations`);
    const entry = card.getByLabel("对象");
    await expect.poll(() => entry.count(), { timeout: 10_000 }).toBe(1);
    const options = await entry.locator("option").allTextContents();
    // in the final list's order
    expect(options).toEqual(["请选择对象", "安徽示例园区（示范基地）", "北京示例园区（示范基地）", "张家示例园区（示范基地）"]);
    // nothing chosen yet: the button is not offered as usable, and the form says what it needs
    const revokeButton = card.getByRole("button", { name: "摘牌", exact: true });
    expect(await revokeButton.isDisabled()).toBe(true);
    expect(await card.textContent()).toContain("请先选择对象并填写日期和原因。");
    expect(await axeViolations(page)).toEqual([]);

    const today = dayIn(Date.now(), "Asia/Shanghai");
    await entry.selectOption({ label: "安徽示例园区（示范基地）" });
    expect(await card.getByLabel("摘牌日期（决定作出之日）").inputValue()).toBe(today);
    await card.getByLabel("摘牌原因（公开显示）").fill(REASON);
    expect(await revokeButton.isEnabled()).toBe(true);

    // the dialog names the entry and what follows; cancelling it changes nothing
    await revokeButton.click();
    const dialog = page.getByRole("dialog");
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.getByRole("heading").textContent()).toBe("确认摘牌");
    expect(await dialog.textContent()).toContain("安徽示例园区 将被标注为已摘牌，公示快照不变。此操作不能撤销。");
    expect(await axeViolations(page)).toEqual([]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/revoke-dialog.png` });
    await dialog.locator(".adm-dialog-actions").getByRole("button", { name: "取消", exact: true }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("摘牌");
    expect((await admin(server, organizer, "GET", `/api/admin/campaigns/${SLUG}/revocations`)).body.revocations).toEqual([]);
    expect(await card.locator(".flow-revocation").count()).toBe(0);
    // Esc cancels too
    await revokeButton.click();
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.count()).toBe(0);
    expect((await admin(server, organizer, "GET", `/api/admin/campaigns/${SLUG}/revocations`)).body.revocations).toEqual([]);

    // confirmed: the result beside the form, the revocation listed with reason, date, time and who
    await revokeButton.click();
    await dialog.getByRole("button", { name: "确认摘牌" }).click();
    await expect
      .poll(() => card.locator("[role=status]").allTextContents(), { timeout: 10_000 })
      .toContain("已登记：安徽示例园区 已摘牌。网站将在约 3 分钟内更新。");
    const row = card.locator(".flow-revocation");
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    const [stored] = (await admin(server, organizer, "GET", `/api/admin/campaigns/${SLUG}/revocations`)).body.revocations;
    expect(stored).toMatchObject({
      entry: "u2",
      list: "unranked",
      name: "安徽示例园区",
      date: today,
      reason: REASON,
      actor: "organizer:主办方甲",
    });
    const recorded = new Date(Date.parse(stored.at) + 8 * 3_600_000);
    const hhmm = `${String(recorded.getUTCHours()).padStart(2, "0")}:${String(recorded.getUTCMinutes()).padStart(2, "0")}`;
    const [y, m, d] = today.split("-").map(Number);
    const rowText = (await row.innerText()).replace(/\s+/g, " ");
    expect(rowText).toContain("安徽示例园区");
    expect(rowText).toContain("示范基地");
    // the decision's day and reason as the public pages write them; when it was recorded, and by whom
    expect(rowText).toContain(`${y}年${m}月${d}日摘牌：${REASON}`);
    expect(rowText).toContain(`${y}年${m}月${d}日 ${hhmm} 由 主办方甲（主办方） 登记`);
    expect(rowText).not.toContain("organizer");
    // the revoked entry is no longer offered; the others still are
    expect(await entry.locator("option").allTextContents()).toEqual(["请选择对象", "北京示例园区（示范基地）", "张家示例园区（示范基地）"]);
    expect(await axeViolations(page)).toEqual([]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);

    // the same entry again, from the page opened before: refused beside the button, in Chinese
    await otherCard.getByLabel("对象").selectOption({ label: "安徽示例园区（示范基地）" });
    await otherCard.getByLabel("摘牌原因（公开显示）").fill("重复登记");
    await otherCard.getByRole("button", { name: "摘牌", exact: true }).click();
    await other.getByRole("dialog").getByRole("button", { name: "确认摘牌" }).click();
    await expect
      .poll(() => otherCard.locator(".adm-action [role=status]").textContent(), { timeout: 10_000 })
      .toBe(`请求失败：该对象已于 ${today} 摘牌，不能再次摘牌`);
    // that page now lists the revocation and no longer offers the entry
    await expect.poll(() => otherCard.locator(".flow-revocation").count(), { timeout: 10_000 }).toBe(1);
    expect(await otherCard.getByLabel("对象").locator("option").allTextContents()).toEqual([
      "请选择对象",
      "北京示例园区（示范基地）",
      "张家示例园区（示范基地）",
    ]);
    expect(await otherCard.getByRole("button", { name: "摘牌", exact: true }).isDisabled()).toBe(true);
    const after = (await admin(server, organizer, "GET", `/api/admin/campaigns/${SLUG}/revocations`)).body.revocations;
    expect(after).toHaveLength(1);
    expect(after[0].reason).toBe(REASON);
    expect(otherErrors).toEqual([]);
    await other.close();

    // the public entry JSON and the results page, once the site is rebuilt
    const [u1, u2] = entryIds(server, SLUG, "unranked");
    expect((await server.json(`/api/entries/${u2}`)).body.revocation).toEqual({ date: today, reason: REASON });
    expect((await server.json(`/api/entries/${u1}`)).body).not.toHaveProperty("revocation");
    await expect.poll(async () => (await server.get(`/${SLUG}/results/`)).text(), { timeout: 180_000, interval: 500 }).toContain(REASON);
    await page.goto(`${server.url}/${SLUG}/results/`);
    const publicRow = page.locator(".pl-entries li", { hasText: "安徽示例园区" });
    expect(await publicRow.locator(".rv-badge").innerText()).toBe("已摘牌");
    expect(await publicRow.locator(".rv-line").innerText()).toBe(`${y}年${m}月${d}日摘牌：${REASON}`);
    expect(await page.locator(".pl-entries li .rv").count()).toBe(1);
    expect(await page.locator(".pl-entries li", { hasText: "北京示例园区" }).count()).toBe(1);
    expect(await page.locator(".revoked-note").innerText()).toContain("有 1 个对象被取消认定命名并摘牌");
    expect(await axeViolations(page)).toEqual([]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);

    // an auditor reads the revocation and is offered no way to record one
    await page.goto(`${server.url}/admin/`);
    await signOut(page);
    await signIn(page, server, auditor);
    await route(page, `#/c/${SLUG}/revocations`);
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    expect((await row.innerText()).replace(/\s+/g, " ")).toContain(REASON);
    expect(await card.getByLabel("对象").count()).toBe(0);
    expect(await revokeButton.count()).toBe(0);
    expect(await card.locator(".adm-readonly-here").textContent()).toBe("审计账号只读：此处的操作由主办方执行。");
    expect((await admin(server, organizer, "GET", `/api/admin/campaigns/${SLUG}/revocations`)).body.revocations).toHaveLength(1);
    expect(await axeViolations(page)).toEqual([]);
    await signOut(page);

    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);
});

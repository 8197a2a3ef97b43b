/**
 * 异议处理 on a phone: an objection filed through the public API is listed, opened to its reason,
 * name and contact, and resolved with a note; the result shows beside it and the resolution stays. An
 * auditor reads the same objection without name or contact (仅主办方可见). Axe clean; no console errors.
 */
import { describe, expect, it } from "vitest";
import { axeViolations, demoSiteInBrowser } from "../helpers/browser.ts";
import { collectErrors, phoneContext, route, scrollWidth, signIn, signOut } from "../helpers/console.ts";
import { admin, object, publish } from "../helpers/publicity.ts";
import { adminToken, entryIds } from "../helpers/seed.ts";
import { testCampaign } from "../helpers/server.ts";

const demo = demoSiteInBrowser();
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

describe("objections in the console", () => {
  it("reads an objection and resolves it with a note; an auditor sees no name or contact", async () => {
    const server = demo.server();
    const organizer = await adminToken(server, "organizer", "主办方甲");
    const auditor = await adminToken(server, "auditor", "审计乙");
    expect((await admin(server, organizer, "POST", "/api/admin/campaigns", testCampaign({ slug: "obj-2026" }))).status).toBe(201);
    const now = Date.now();
    const pub = await publish(server, organizer, "obj-2026", {
      kind: "preliminary",
      list: "ranked",
      startsAt: iso(now - 60_000),
      endsAt: iso(now + 7 * 86_400_000),
    });
    expect(pub.status).toBe(201);
    const entryId = entryIds(server, "obj-2026", "ranked")[1]!;
    const filed = await object(server, { publicationId: pub.body.id, entryId, name: "李四", contact: "13900001111" });
    expect(filed.status).toBe(201);

    const context = await phoneContext(demo.browser());
    const page = await context.newPage();
    const errors = collectErrors(page);
    await signIn(page, server, organizer);
    await route(page, "#/c/obj-2026/objections");
    const card = page.locator("section.flow", { has: page.getByRole("heading", { name: "异议处理", exact: true }) });
    const item = card.locator(".flow-objection", { hasText: "乙示例科技有限公司" });
    await expect.poll(() => item.count(), { timeout: 10_000 }).toBe(1);
    expect(await item.locator(".flow-tag").textContent()).toBe("待处理");
    expect(await item.textContent()).toContain(`公示 #${pub.body.id}`);
    expect(await axeViolations(page)).toEqual([]);

    await item.getByRole("button", { name: "查看并处理" }).click();
    const detail = item.locator(".flow-detail");
    expect(await detail.textContent()).toContain("该单位申报材料中的专利数据有误。");
    expect(await detail.textContent()).toContain("李四");
    expect(await detail.textContent()).toContain("13900001111");
    expect(await detail.textContent()).toContain(filed.body.receipt);
    await detail.getByLabel("异议不成立").check();
    await detail.getByLabel("处理意见（必填，记入审计日志）").fill("经核实，专利数据与国家知识产权局登记一致。");
    expect(await axeViolations(page)).toEqual([]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    await detail.getByRole("button", { name: "提交处理结果" }).click();

    await expect.poll(() => item.locator("[role=status]").last().textContent(), { timeout: 10_000 }).toContain("已处理：异议不成立");
    await expect.poll(() => item.locator(".flow-tag").textContent()).toBe("异议不成立");
    expect(await item.locator(".flow-detail").textContent()).toContain("经核实，专利数据与国家知识产权局登记一致。");
    expect(await item.getByRole("button", { name: "提交处理结果" }).count()).toBe(0);
    const stored = (await admin(server, organizer, "GET", "/api/admin/objections?campaign=obj-2026")).body.objections[0];
    expect(stored.status).toBe("rejected");
    expect(stored.resolution.note).toBe("经核实，专利数据与国家知识产权局登记一致。");
    expect(await axeViolations(page)).toEqual([]);

    // an auditor reads it without the objector's name and contact
    await signOut(page);
    await signIn(page, server, auditor);
    await route(page, "#/c/obj-2026/objections");
    await expect.poll(() => item.count(), { timeout: 10_000 }).toBe(1);
    await item.getByRole("button", { name: "查看", exact: true }).click();
    const seen = (await item.locator(".flow-detail").textContent())!;
    expect(seen).toContain("仅主办方可见");
    expect(seen).not.toContain("李四");
    expect(seen).not.toContain("13900001111");
    expect(await axeViolations(page)).toEqual([]);

    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});

/**
 * 专家评审 on a phone: a scorer token made in the console (one list, one recusal), three more experts
 * who score and submit through the scoring API with their own tokens, one of them far from the
 * others on one entry; the console shows each expert's progress, the expert who has not submitted,
 * the outlier, and each entry's count; a submitted sheet is reopened with a required reason, which
 * the API then reports and the audit log keeps. With rounds (初审 → 终审, the organizer's pick): a
 * scorer token for the first round, and the pick of one list's advancing entries behind a dialog.
 * Axe clean on each screen; no console errors.
 */
import { describe, expect, it } from "vitest";
import { axeViolations, demoSiteInBrowser } from "../helpers/browser.ts";
import { collectErrors, phoneContext, route, scrollWidth, signIn, signOut } from "../helpers/console.ts";
import { admin } from "../helpers/publicity.ts";
import { adminToken } from "../helpers/seed.ts";
import { expertCampaign, scorerToken } from "../helpers/scoring.ts";
import { testCampaign, type TestServer } from "../helpers/server.ts";

const demo = demoSiteInBrowser();
const SLUG = "scoring-2026";

/** The test campaign with its expert component scored by experts on the phone. */
function scoredByExperts() {
  const c = testCampaign({ slug: SLUG });
  return { ...c, components: c.components.map((x) => (x.key === "expert" ? { ...x, scoredBy: "experts" } : x)) };
}

/** An expert with their own token, through the scoring API as the /score/ page calls it. */
function expert(server: TestServer, token: string) {
  const call = (method: string, path: string, body?: unknown) =>
    server.json(path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return {
    assignments: () => call("GET", "/api/scoring/assignments"),
    /** scores an entry named by slug, one dimension (innovation) */
    async score(slug: string, score: number) {
      const { body } = await call("GET", "/api/scoring/assignments");
      const entry = body.entries.find((e: { slug: string }) => e.slug === slug);
      const res = await call("PUT", `/api/scoring/entries/${entry.id}`, { scores: { innovation: score }, revision: 1 });
      expect(res.status).toBe(200);
    },
    async submit() {
      const res = await call("POST", "/api/scoring/submit", { campaign: SLUG });
      expect(res.status).toBe(200);
    },
  };
}

describe("expert scoring in the console", () => {
  it("makes a scorer token, shows progress, the expert not submitted and the outlier, reopens a sheet with a reason", async () => {
    const server = demo.server();
    const organizer = await adminToken(server, "organizer", "主办方甲");
    expect((await admin(server, organizer, "POST", "/api/admin/campaigns", scoredByExperts())).status).toBe(201);

    const context = await phoneContext(demo.browser());
    const page = await context.newPage();
    const errors = collectErrors(page);
    await signIn(page, server, organizer);

    // a scorer token from the console: the campaign, one list, one recusal, shown once
    await route(page, "#/tokens");
    const tokens = page.locator("section.flow", { has: page.getByRole("heading", { name: "管理令牌", exact: true }) });
    await expect.poll(() => tokens.locator(".flow-token").count(), { timeout: 10_000 }).toBe(1);
    await tokens.getByLabel("名称").fill("专家甲");
    await tokens.getByLabel("角色").selectOption("scorer");
    const campaign = tokens.getByLabel("活动", { exact: true });
    await expect.poll(() => campaign.locator(`option[value="${SLUG}"]`).count(), { timeout: 10_000 }).toBe(1);
    await campaign.selectOption(SLUG);
    await tokens.getByLabel("示范基地").check();
    // the recusals offer only the bound list's entries, found by typing part of a name
    await expect.poll(() => tokens.getByLabel("北京示例园区").count(), { timeout: 10_000 }).toBe(1);
    expect(await tokens.getByLabel("甲示例科技有限公司").count()).toBe(0);
    await tokens.getByLabel("筛选对象").fill("北京");
    expect(await tokens.getByLabel("安徽示例园区").count()).toBe(0);
    await tokens.getByLabel("北京示例园区").check();
    expect(await axeViolations(page)).toEqual([]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    await tokens.getByRole("button", { name: "创建令牌" }).click();
    const field = tokens.getByLabel("「专家甲」的令牌");
    await expect.poll(() => field.count(), { timeout: 10_000 }).toBe(1);
    const jia = await field.inputValue();
    const jiaRow = tokens.locator(".flow-token", { hasText: "专家甲" });
    await expect.poll(() => jiaRow.textContent()).toContain("评审专家");
    await expect.poll(() => jiaRow.textContent()).toContain("测试活动 · 示范基地 · 回避 1 个对象");

    // the token is bound as the form said: one list, the recused entry absent
    const mine = await expert(server, jia).assignments();
    expect(mine.status).toBe(200);
    expect(mine.body.entries.map((e: { slug: string }) => e.slug).sort()).toEqual(["u1", "u2"]);

    // three more experts by the API; they score and submit, 丁 far from the others on 张家示例园区
    const scores: Record<string, [number, number, number]> = { 专家乙: [80, 70, 60], 专家丙: [84, 70, 60], 专家丁: [20, 70, 60] };
    for (const [name, [u1, u2, u3]] of Object.entries(scores)) {
      const made = await admin(server, organizer, "POST", "/api/admin/tokens", {
        name,
        role: "scorer",
        campaign: SLUG,
        lists: ["unranked"],
      });
      expect(made.status).toBe(201);
      const e = expert(server, made.body.token);
      await e.score("u1", u1);
      await e.score("u2", u2);
      await e.score("u3", u3);
      await e.submit();
    }
    // 甲 has begun: one entry of two, not submitted
    await expert(server, jia).score("u1", 78);

    await route(page, `#/c/${SLUG}/scoring`);
    const card = page.locator("section.flow", { has: page.getByRole("heading", { name: "专家评审", exact: true }) });
    await expect.poll(() => card.locator(".sc-scorer").count(), { timeout: 10_000 }).toBe(4);
    expect(await card.textContent()).toContain("4 位专家中 1 位尚未提交。");
    const scorer = (name: string) => card.locator(".sc-scorer", { hasText: name });
    const jiaText = (await scorer("专家甲").textContent())!;
    expect(jiaText).toContain("评分中");
    expect(jiaText).toContain("已评 1/2");
    expect(
      await scorer("专家甲")
        .locator(".sc-bar > span")
        .evaluate((el) => (el as HTMLElement).style.width),
    ).toBe("50%");
    expect(jiaText).toContain("北京示例园区");
    const dingText = (await scorer("专家丁").textContent())!;
    expect(dingText).toContain("已提交");
    expect(dingText).toContain("已评 3/3");
    // the outlier: 丁's 20 against the others' 82 ± 2
    const outliers = card.locator("table.sc-outliers tbody tr");
    expect(await outliers.count()).toBe(1);
    const outlier = (await outliers.first().innerText()).replace(/\s+/g, " ");
    expect(outlier).toContain("专家丁");
    expect(outlier).toContain("张家示例园区");
    expect(outlier).toContain("创新投入");
    expect(outlier).toContain("专家评议");
    expect(outlier).toContain("20 82 ± 2");
    // per entry: submitted of assigned (甲 is assigned 张家 and 安徽, recused from 北京)
    const entryRow = (name: string) => card.locator(".sc-entries tbody tr", { hasText: name });
    expect((await entryRow("张家示例园区").innerText()).replace(/\s+/g, " ")).toContain("3/4");
    expect((await entryRow("北京示例园区").innerText()).replace(/\s+/g, " ")).toContain("3/3");
    // the other lists' entries, which no expert scores, are counted rather than listed
    expect(await card.textContent()).toContain("6 个对象还没有分配给任何评审专家。");
    expect(await entryRow("甲示例科技有限公司").count()).toBe(0);
    // the export of every score is one tap away
    expect(await card.getByRole("link", { name: "前往导出" }).getAttribute("href")).toBe(`#/c/${SLUG}/exports`);
    expect(await axeViolations(page)).toEqual([]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);

    // reopening asks why: without a reason the dialog stays and nothing changes
    expect(await scorer("专家甲").getByRole("button", { name: "重新开放" }).count()).toBe(0);
    await scorer("专家丁").getByRole("button", { name: "重新开放" }).click();
    const dialog = page.getByRole("dialog");
    await expect.poll(() => dialog.textContent()).toContain("「专家丁」已提交的 3 个对象的分数将从成绩中撤出");
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "确认重新开放" }).click();
    expect(await dialog.isVisible()).toBe(true);
    const still = await admin(server, organizer, "GET", `/api/admin/campaigns/${SLUG}/scoring`);
    expect(still.body.scorers.find((x: { name: string }) => x.name === "专家丁").status).toBe("submitted");

    const reason = "张家示例园区的分数录入有误，请核对后再提交";
    await dialog.getByLabel("重新开放的原因（必填，记入审计日志）").fill(reason);
    await dialog.getByRole("button", { name: "确认重新开放" }).click();
    await expect.poll(() => card.textContent(), { timeout: 10_000 }).toContain("已重新开放「专家丁」的评分表");
    // the row drawn anew from the reload: its status tag, not the dialog's words ("…回到评分中")
    await expect.poll(() => scorer("专家丁").locator(".sc-status").textContent(), { timeout: 10_000 }).toBe("评分中");
    expect(await scorer("专家丁").textContent()).toContain(reason);
    expect(await card.textContent()).toContain("4 位专家中 2 位尚未提交。");
    // 丁's scores left the composite: two submitted scores on 张家 are no outlier any more
    await expect.poll(() => card.locator("table.sc-outliers").count()).toBe(0);
    expect(await card.textContent()).toContain("暂无偏离较大的分数。");
    expect((await entryRow("张家示例园区").innerText()).replace(/\s+/g, " ")).toContain("2/4");
    expect(await axeViolations(page)).toEqual([]);

    // the API says so, with the reason and who reopened it, and the audit log keeps it
    const after = await admin(server, organizer, "GET", `/api/admin/campaigns/${SLUG}/scoring`);
    const ding = after.body.scorers.find((x: { name: string }) => x.name === "专家丁");
    expect(ding.status).toBe("draft");
    expect(ding.reopened).toEqual([expect.objectContaining({ by: "organizer:主办方甲", reason })]);
    expect(await scorer("专家丁").textContent()).toContain(`由 主办方甲 重新开放：${reason}`);
    const audit = await admin(server, organizer, "GET", "/api/admin/audit?kind=writes");
    const record = audit.body.audit.find((r: { action: string }) => r.action === "scoring.reopen");
    expect(record).toMatchObject({ actor: "organizer:主办方甲", details: { scorer: "专家丁", reason } });
    // and the console's audit log names it
    await route(page, "#/audit");
    await expect.poll(() => page.locator(".adm-audit").first().textContent(), { timeout: 10_000 }).toContain("重新开放评分表");

    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);

  it("binds a scorer token to a round and records a manual round's pick of advancing entries", async () => {
    const server = demo.server();
    const organizer = await adminToken(server, "organizer", "主办方乙");
    const slug = "manual-2026";
    expect((await admin(server, organizer, "POST", "/api/admin/campaigns", expertCampaign({ rounds: "manual", slug }))).status).toBe(201);
    // tokens made as the CLI makes them (no round named: the last), for two campaigns with rounds, the
    // demo's S4 and another: the token form chooses one of them, and the list names each one's round by its title
    const other = "rounds-2026";
    expect((await admin(server, organizer, "POST", "/api/admin/campaigns", expertCampaign({ rounds: "top", slug: other }))).status).toBe(
      201,
    );
    await scorerToken(server, "终审专家甲", { campaign: "pioneer-2024" });
    await scorerToken(server, "终审专家乙", { campaign: other });
    const context = await phoneContext(demo.browser());
    const english = await context.newPage();
    await signIn(english, server, organizer, "en");
    await route(english, "#/tokens");
    for (const name of ["终审专家甲", "终审专家乙"]) {
      const row = english.locator(".flow-token", { hasText: name }).locator(".flow-scorer-binding");
      await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain(" · round: Final round");
      expect(await row.textContent()).toMatch(/^Scores: [^：]+ · every list · round: Final round$/);
    }
    await english.close();
    const page = await context.newPage();
    const errors = collectErrors(page);
    await signIn(page, server, organizer);

    // the round select offers the campaign's rounds, the last one chosen by default
    await route(page, "#/tokens");
    const tokens = page.locator("section.flow", { has: page.getByRole("heading", { name: "管理令牌", exact: true }) });
    for (const name of ["终审专家甲", "终审专家乙"]) {
      const row = tokens.locator(".flow-token", { hasText: name }).locator(".flow-scorer-binding");
      await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain("轮次：终审");
    }
    await tokens.getByLabel("名称").fill("初审专家");
    await tokens.getByLabel("角色").selectOption("scorer");
    const campaign = tokens.getByLabel("活动", { exact: true });
    await expect.poll(() => campaign.locator(`option[value="${slug}"]`).count(), { timeout: 10_000 }).toBe(1);
    await campaign.selectOption(slug);
    const round = tokens.getByLabel("评审轮次");
    await expect.poll(() => round.count(), { timeout: 10_000 }).toBe(1);
    expect(await round.inputValue()).toBe("final");
    expect(await round.locator("option:checked").textContent()).toBe("终审（默认，最后一轮）");
    await round.selectOption("first");
    await tokens.getByRole("button", { name: "创建令牌" }).click();
    const field = tokens.getByLabel("「初审专家」的令牌");
    await expect.poll(() => field.count(), { timeout: 10_000 }).toBe(1);
    const first = await expert(server, await field.inputValue()).assignments();
    expect(first.body.round).toMatchObject({ key: "first", final: false });
    expect(first.body.entries).toHaveLength(7);
    await expect.poll(() => tokens.locator(".flow-token", { hasText: "初审专家" }).textContent()).toContain("轮次：初审");

    // the rounds and how entries go on; the pick for 科技企业
    await route(page, `#/c/${slug}/scoring`);
    const card = page.locator("section.flow", { has: page.getByRole("heading", { name: "专家评审", exact: true }) });
    await expect.poll(() => card.locator(".sc-rounds li").count(), { timeout: 10_000 }).toBe(2);
    const rounds = (await card.locator(".sc-rounds").innerText()).replace(/\s+/g, " ");
    expect(rounds).toContain("初审 由主办方选定进入下一轮的对象");
    expect(rounds).toContain("终审 终审：分数计入总分");
    const tech = card.locator("fieldset.sc-pick", { has: page.locator("legend", { hasText: "科技企业" }) });
    expect(await tech.textContent()).toContain("4 个对象，已选 0 个");
    await tech.getByLabel("甲示例t公司").check();
    await tech.getByLabel("乙示例t公司").check();
    expect(await tech.textContent()).toContain("4 个对象，已选 2 个");
    expect(await axeViolations(page)).toEqual([]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    await tech.getByRole("button", { name: "保存「科技企业」的晋级名单" }).click();
    const dialog = page.getByRole("dialog");
    await expect.poll(() => dialog.textContent()).toContain("「科技企业」的 2 个对象将进入「终审」");
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "确认晋级名单" }).click();
    await expect.poll(() => card.textContent(), { timeout: 10_000 }).toContain("已保存：「科技企业」2 个对象晋级。");
    const view = await admin(server, organizer, "GET", `/api/admin/campaigns/${slug}/scoring`);
    expect([...view.body.advancing.final.tech].sort()).toEqual(["t1", "t2"]);
    // drawn again from the API: the pick checked, and 终审 lists only those two for 科技企业
    await expect.poll(() => tech.getByLabel("甲示例t公司").isChecked()).toBe(true);
    expect(await tech.getByLabel("丙示例t公司").isChecked()).toBe(false);
    const finalRound = card.locator(".sc-entries", { hasText: "终审" });
    expect(await finalRound.count()).toBe(0); // nobody scores 终审 yet: counted, not listed
    expect(await card.textContent()).toContain("终审：2 个对象还没有分配给任何评审专家。");
    const audit = await admin(server, organizer, "GET", "/api/admin/audit?kind=writes");
    expect(audit.body.audit.find((r: { action: string }) => r.action === "scoring.advance")).toMatchObject({ actor: "organizer:主办方乙" });

    // an auditor sees the pick as it stands and cannot change or save it
    await signOut(page);
    await signIn(page, server, await adminToken(server, "auditor", "审计丙"));
    await route(page, `#/c/${slug}/scoring`);
    await expect.poll(() => tech.getByLabel("甲示例t公司").isChecked(), { timeout: 10_000 }).toBe(true);
    expect(await tech.getByLabel("甲示例t公司").isDisabled()).toBe(true);
    expect(await tech.getByRole("button", { name: "保存「科技企业」的晋级名单" }).count()).toBe(0);
    expect(await tech.locator(".adm-readonly-here").textContent()).toBe("审计账号只读：此处的操作由主办方执行。");
    expect(await axeViolations(page)).toEqual([]);

    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});

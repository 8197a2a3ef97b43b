/**
 * A ranked list page as a phone sees it while a campaign runs: the cards follow the live board
 * (votes cast by other people, through the API), no places while nobody has voted, the first
 * 投票 button above the fold on every demo list that votes, and one vote state across every
 * card, the status line and a reload scrolled to the bottom.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations, demoSiteInBrowser, layoutShift, phone } from "../helpers/browser.ts";
import { Voter } from "../helpers/server.ts";

const demo = demoSiteInBrowser();

const cardIds = (page: Page) =>
  page.locator("[data-live-cards] > [data-entry-card]").evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.entryId)));

async function board(list: string) {
  return (await demo.server().json(`/api/campaigns/cinn-2024/lists/${list}/leaderboard`)).body as {
    entries: { id: number; rank: number; votes: number }[];
  };
}

/** Every island on the page has hydrated (Astro drops `ssr` once it has). */
async function hydrated(page: Page) {
  await expect.poll(() => page.locator("astro-island[ssr]").count(), { timeout: 10_000 }).toBe(0);
}

describe("a ranked list page, live", () => {
  it("shows no places while nobody has voted: no 第 1 名 anywhere, 暂无投票 instead", async () => {
    const context = await demo.browser().newContext(phone);
    const page = await context.newPage();
    await page.goto(demo.server().url + "/cinn-2024/high-efficiency/");
    await hydrated(page);
    await expect.poll(() => page.locator(".vstatus-places").textContent()).toMatch(/^暂无投票 · \d\d:\d\d 更新$/);
    const text = await page.locator("main").innerText();
    expect(text).not.toMatch(/第 \d+ 名/);
    expect(await page.locator(".va-place", { hasText: "暂无投票" }).count()).toBe(await page.locator("[data-entry-card]").count());
    expect(await page.locator(".va-badge").count()).toBe(0);
    // the feed keeps its ranks, as the contract says
    const b = await board("high-efficiency");
    expect(b.entries.every((e) => e.rank === 1 && e.votes === 0)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    // without JavaScript the page says the same
    const plain = await (await demo.browser().newContext({ ...phone, javaScriptEnabled: false })).newPage();
    await plain.goto(demo.server().url + "/cinn-2024/high-efficiency/");
    const plainText = await plain.locator("main").innerText();
    expect(plainText).not.toMatch(/第 \d+ 名/);
    expect(plainText).toContain("暂无投票");
    await plain.context().close();
    await context.close();
  });

  it("reorders its cards after votes cast by other people through the API, without a reload", async () => {
    const context = await demo.browser().newContext(phone);
    const page = await context.newPage();
    await page.goto(demo.server().url + "/cinn-2024/supply-chain/");
    await hydrated(page);
    const before = await cardIds(page);
    expect(before.length).toBeGreaterThanOrEqual(5);
    const [last, secondLast] = [before.at(-1)!, before.at(-2)!];

    // two people vote for the last card, one for the one above it
    for (const [i, entry] of [last, last, secondLast].entries()) {
      const res = await new Voter(demo.server(), `203.0.113.${i + 10}`).vote(entry);
      expect(res.status).toBe(201);
    }
    await expect
      .poll(() => cardIds(page), { timeout: 20_000, interval: 500 })
      .toEqual((await board("supply-chain")).entries.map((e) => e.id));
    const after = await cardIds(page);
    expect(after.slice(0, 2)).toEqual([last, secondLast]);

    const first = page.locator("[data-entry-card]").first();
    await expect.poll(() => first.locator(".va-place").textContent()).toBe("1第 1 名");
    expect(await first.locator(".va-count").textContent()).toBe("2 票");
    // the rest share third place
    const third = page.locator("[data-entry-card]").nth(2);
    expect(await third.locator(".va-place").textContent()).toBe("并列第 3 名");
    // medals for the two with votes; the entries tied on 0 share a place, not a medal
    expect(await page.locator(".va-badge").count()).toBe(2);
    await expect.poll(() => page.locator(".vstatus-places").textContent()).toMatch(/^实时名次 · \d\d:\d\d 更新$/);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it("shows each card's picture without moving anything: lazy, with width and height set", async () => {
    const context = await demo.browser().newContext(phone);
    const page = await context.newPage();
    await page.goto(demo.server().url + "/cinn-2024/high-tech/");
    await hydrated(page);
    const thumbs = page.locator("[data-entry-card] img.thumb");
    expect(await thumbs.count()).toBe(await page.locator("[data-entry-card]").count());
    for (const img of await thumbs.all()) {
      expect(await img.getAttribute("width")).toBe("56");
      expect(await img.getAttribute("height")).toBe("56");
      expect(await img.getAttribute("loading")).toBe("lazy");
    }
    // a raster logo comes in densities
    expect(await page.locator("[data-entry-card] img.thumb[srcset]").count()).toBeGreaterThanOrEqual(1);
    for (let y = 0; y < 6; y++) {
      await page.mouse.wheel(0, 700);
      await page.waitForTimeout(150);
    }
    await page.waitForLoadState("networkidle");
    expect(
      await thumbs.evaluateAll((els) => els.every((e) => (e as HTMLImageElement).complete && (e as HTMLImageElement).naturalWidth > 0)),
    ).toBe(true);
    expect(await layoutShift(page)).toBeLessThan(0.01);
    await context.close();
  });

  it("puts the first 投票 button inside a 390×844 screen on every demo list that votes", async () => {
    const campaigns = (await demo.server().json("/api/campaigns")).body.campaigns as {
      lists: { url: string; voting?: { state: string } }[];
    }[];
    const urls = campaigns.flatMap((c) =>
      c.lists.filter((l) => l.voting && ["open", "scheduled"].includes(l.voting.state)).map((l) => l.url),
    );
    expect(urls.length).toBeGreaterThanOrEqual(10);
    const context = await demo.browser().newContext(phone);
    const page = await context.newPage();
    const low: string[] = [];
    for (const url of [...urls, ...urls.map((u) => "/en" + u)]) {
      await page.goto(demo.server().url + url);
      await hydrated(page);
      const box = await page.locator(".vote-btn").first().boundingBox();
      if (!box || box.y < 0 || box.y + box.height > 844) low.push(`${url}: ${JSON.stringify(box)}`);
    }
    expect(low).toEqual([]);
    await context.close();
  });

  it("keeps one vote state on every card, the status line and after a reload scrolled to the bottom", async () => {
    const context = await demo.browser().newContext(phone);
    const page = await context.newPage();
    await page.goto(demo.server().url + "/cinn-2024/innovation/");
    await hydrated(page);
    const buttons = page.locator(".vote-btn");
    const n = await buttons.count();
    // three votes, the day's limit: each on the card then at the bottom of the list
    for (let i = 0; i < 3; i++) {
      const card = page.locator("[data-entry-card]", { has: page.locator('.vote-btn[aria-disabled="false"]') }).last();
      const id = await card.getAttribute("data-entry-id");
      await card.locator(".vote-btn").click();
      await expect.poll(() => page.locator(`[data-entry-id="${id}"] .vote-btn`).textContent(), { timeout: 10_000 }).toMatch(/^已投票/);
    }
    // one answer on the page, and it does not contradict the rest
    const answers = await page.locator(".va-msg:not(:empty)").allTextContents();
    expect(answers).toEqual(["投票成功！今日票数已用完，明天再来。"]);
    await expect.poll(() => page.locator(".vstatus-today").textContent()).toBe("今日票数已用完");
    const labels = await buttons.allTextContents();
    expect(labels.filter((l) => l.startsWith("已投票"))).toHaveLength(3);
    expect(labels.filter((l) => l.startsWith("今日票数已用完"))).toHaveLength(n - 3);
    expect(await page.locator('.vote-btn[aria-disabled="false"]').count()).toBe(0);

    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.reload();
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await hydrated(page);
    await expect.poll(() => page.locator(".vstatus-today").textContent(), { timeout: 10_000 }).toBe("今日票数已用完");
    await expect.poll(() => page.locator('.vote-btn[aria-disabled="false"]').count()).toBe(0);
    expect(
      (await buttons.last().textContent())?.startsWith("今日票数已用完") || (await buttons.last().textContent())?.startsWith("已投票"),
    ).toBe(true);
    expect(await page.locator(".va-msg:not(:empty)").count()).toBe(0);
    await context.close();
  });
});

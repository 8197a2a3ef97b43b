/**
 * A newsroom's article on another origin embeds the leaderboard: the iframe renders, embed.js sizes
 * it to its content, and it follows a vote. Only embed pages may be framed by other sites; the
 * unranked list embeds without figures; the frozen variant never shows live figures.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isoInZone } from "../../api/domain/voting.ts";
import { axeViolations, launchBrowser, phone } from "../helpers/browser.ts";
import { adminToken, entryIds, seedCampaign } from "../helpers/seed.ts";
import { startTestServer, testCampaign, Voter, type TestServer } from "../helpers/server.ts";

let server: TestServer;
let browser: Browser;
let newsroom: Server;
let newsroomUrl: string;
/** the article's HTML, set per test */
let article = "";

beforeAll(async () => {
  server = await startTestServer({ site: true, seedDemo: false, rebuildDelayMs: 50 });
  const day = 86_400_000;
  await seedCampaign(
    server,
    testCampaign({ opensAt: new Date(Date.now() - day).toISOString(), closesAt: new Date(Date.now() + 10 * day).toISOString() }),
  );
  await server.site.idle();
  browser = await launchBrowser();
  // The third party: another origin (its own port), serving an article page.
  newsroom = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(article);
  });
  await new Promise<void>((r) => newsroom.listen(0, "127.0.0.1", r));
  newsroomUrl = `http://localhost:${(newsroom.address() as AddressInfo).port}/article`;
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await new Promise((r) => newsroom?.close(r));
  await server?.close();
});

function articleWith(frames: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>报道</title></head><body style="margin:0">
<h1>新闻报道</h1><p>正文。</p>${frames}<p>正文继续。</p>
<script async src="${server.url}/embed.js"></script></body></html>`;
}

async function embedFrame(page: Page, path: string): Promise<Frame> {
  await expect.poll(() => page.frames().some((f) => f.url().includes(path)), { timeout: 10_000 }).toBe(true);
  return page.frames().find((f) => f.url().includes(path))!;
}

const rowsText = (frame: Frame) => frame.locator("#embed-rows").innerText();

describe("a ranked list nobody has voted on yet", () => {
  it("shows no places, no leader and says 暂无投票, without JavaScript and after the script's redraw", async () => {
    const context = await browser.newContext({ ...phone, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/embed/test-2024/ranked/`);
    expect(await page.locator("#embed-rows > li").count()).toBe(5);
    expect(await page.locator("#embed-rows .rank, #embed-rows li.lead").count()).toBe(0);
    expect(await page.locator("#embed-rows").innerText()).not.toMatch(/第|^\s*1\b/m);
    expect(await page.locator("#embed-novotes").isVisible()).toBe(true);
    expect(await page.locator("#embed-novotes").innerText()).toBe("暂无投票");
    // the counts may stay
    expect(await page.locator("#embed-rows .votes").first().innerText()).toBe("0 票");
    await context.close();

    const live = await browser.newContext(phone);
    const drawn = await live.newPage();
    await drawn.goto(`${server.url}/en/embed/test-2024/ranked/?limit=3`);
    // the script's own rows: 3 and "2 more"
    await expect.poll(() => drawn.locator("#embed-rows > li").count(), { timeout: 10_000 }).toBe(4);
    expect(await drawn.locator("#embed-rows .rank, #embed-rows li.lead").count()).toBe(0);
    expect(await drawn.locator("#embed-novotes").innerText()).toBe("No votes yet");
    expect(await axeViolations(drawn)).toEqual([]);
    await live.close();
  }, 40_000);
});

describe("the leaderboard embedded on another site", () => {
  it("renders, sizes itself to its content and updates after a vote", async () => {
    const src = `${server.url}/embed/test-2024/ranked/?limit=3&refresh=5`;
    article = articleWith(`<iframe src="${src}" data-bangdan-embed title="榜单" style="border:0;width:100%" height="120"></iframe>`);
    const context = await browser.newContext(phone);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(newsroomUrl);
    expect(new URL(page.url()).origin).not.toBe(new URL(server.url).origin);
    const frame = await embedFrame(page, "/embed/test-2024/ranked/");

    // rendered by its script: limit=3 rows, ranks and counts, the as-of line, a link back
    await expect.poll(() => frame.locator("#embed-rows > li").count(), { timeout: 10_000 }).toBe(4); // 3 + "另有 2 个"
    expect(await frame.locator("h1 a").getAttribute("href")).toBe("/test-2024/ranked/");
    expect(await frame.locator("#embed-state").innerText()).toBe("投票进行中");
    expect(await frame.locator("#embed-asof").innerText()).toMatch(/^数据截至 \d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d \(北京时间\)$/);
    expect(await rowsText(frame)).toContain("另有 2 个");

    // sized to its content by embed.js: from 120 px to the frame document's height
    const iframe = page.locator("iframe[data-bangdan-embed]");
    const contentHeight = () => frame.evaluate(() => Math.ceil(document.getElementById("embed")!.getBoundingClientRect().height));
    await expect
      .poll(async () => Math.abs((await iframe.boundingBox())!.height - (await contentHeight())), { timeout: 10_000 })
      .toBeLessThanOrEqual(1);
    const sized = (await iframe.boundingBox())!.height;
    expect(sized).toBeGreaterThan(200);
    // nothing to scroll inside the frame
    expect(await frame.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1)).toBe(true);

    // a vote moves the figures in the embed within its refresh
    const ids = entryIds(server, "test-2024", "ranked");
    const third = ids[2]!;
    const voted = await new Voter(server).vote(third);
    expect(voted.status).toBe(201);
    await expect
      .poll(async () => (await frame.locator("#embed-rows > li").first().innerText()).replace(/\s+/g, " "), {
        timeout: 20_000,
        interval: 500,
      })
      .toBe("1 丙示例科技有限公司 1 票");
    // the other four share 2nd place: marked 并列 and named so; the note about no votes is gone
    const second = frame.locator("#embed-rows > li").nth(1).locator(".rank");
    expect(await second.getAttribute("aria-label")).toBe("并列第 2 名");
    expect((await second.innerText()).replace(/\s+/g, "")).toBe("并列2");
    expect(await frame.locator("#embed-rows .rank.tied").count()).toBe(2); // rows 2 and 3 of limit=3
    expect(await frame.locator("#embed-novotes").isHidden()).toBe(true);

    // a larger limit grows the frame, and embed.js follows
    await frame.evaluate(() => {
      const li = document.createElement("li");
      li.textContent = "x";
      li.style.height = "300px";
      document.getElementById("embed-rows")!.append(li);
    });
    await expect.poll(async () => (await iframe.boundingBox())!.height, { timeout: 5_000 }).toBeGreaterThan(sized + 250);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it("lets only embed pages be framed by another site", async () => {
    article = articleWith(
      `<iframe id="list" src="${server.url}/test-2024/ranked/" style="height:200px"></iframe>` +
        `<iframe id="emb" src="${server.url}/en/embed/test-2024/unranked/?theme=dark" data-bangdan-embed style="border:0;width:100%"></iframe>`,
    );
    const context = await browser.newContext(phone);
    const page = await context.newPage();
    await page.goto(newsroomUrl);
    const embed = await embedFrame(page, "/en/embed/test-2024/unranked/");
    await expect.poll(() => embed.locator("#embed-rows > li").count(), { timeout: 10_000 }).toBe(3);
    // the list page is refused: Chromium shows its error page instead of our content
    await page.waitForLoadState("load");
    const listFrame = await (await page.locator("#list").elementHandle())!.contentFrame();
    expect(listFrame).not.toBeNull();
    await expect.poll(() => listFrame!.url(), { timeout: 10_000 }).toMatch(/^chrome-error:/);
    expect(await listFrame!.locator("main").count()).toBe(0);

    // unranked: names in pinyin order, no rank, no votes, the note saying so; English and dark
    expect(await embed.locator(".rank, .votes").count()).toBe(0);
    expect(
      (await rowsText(embed))
        .split("\n")
        .map((s) => s.trim())
        .filter(Boolean),
    ).toEqual(["安徽示例园区", "北京示例园区", "张家示例园区"]);
    expect(await embed.locator(".status").innerText()).toContain("In pinyin order of name");
    expect(await embed.locator("html").getAttribute("lang")).toBe("en");
    expect(await embed.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(28, 25, 23)");
    await context.close();
  });
});

describe("the embed page on its own", () => {
  it("reads sensibly without JavaScript: the figures as of the build", async () => {
    const context = await browser.newContext({ ...phone, javaScriptEnabled: false });
    const page = await context.newPage();
    const res = await page.goto(`${server.url}/embed/test-2024/ranked/`);
    expect(res!.headers()["x-frame-options"]).toBeUndefined();
    expect(await page.locator("#embed-rows > li").count()).toBe(5);
    expect(await page.locator("#embed-asof").innerText()).toMatch(/^数据截至 /);
    expect(await page.locator("h1").innerText()).toBe("高科技标杆");
    await context.close();
  });

  it("?lang=en goes to the English embed, keeping its options", async () => {
    const context = await browser.newContext(phone);
    const page = await context.newPage();
    await page.goto(`${server.url}/embed/test-2024/ranked/?lang=en&limit=2`);
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe("/en/embed/test-2024/ranked/?limit=2");
    await expect.poll(() => page.locator("#embed-rows > li").count(), { timeout: 10_000 }).toBe(3);
    expect(await page.locator("#embed-state").innerText()).toBe("Voting open");
    await context.close();
  });

  it("?at= an unknown publication shows that the archive is unavailable, never live figures", async () => {
    const context = await browser.newContext(phone);
    const page = await context.newPage();
    await page.goto(`${server.url}/embed/test-2024/ranked/?at=999999`);
    await expect.poll(() => page.locator("#embed-state").innerText(), { timeout: 10_000 }).toBe("该存档不可用");
    expect(await page.locator("#embed-rows > li").count()).toBe(0);
    await page.goto(`${server.url}/embed/test-2024/ranked/?at=abc`);
    await expect.poll(() => page.locator("#embed-state").innerText(), { timeout: 10_000 }).toBe("该存档不可用");
    await context.close();
  });

  it("the list page offers the embed code and oEmbed discovery", async () => {
    const context = await browser.newContext(phone);
    const page = await context.newPage();
    await page.goto(`${server.url}/test-2024/ranked/`);
    const href = await page.locator('link[rel="alternate"][type="application/json+oembed"]').getAttribute("href");
    const oembed = await server.json(href!);
    expect(oembed.status).toBe(200);
    expect(oembed.body.html).toContain(`${server.url}/embed/test-2024/ranked/`);
    await page.getByText("嵌入本榜单").click();
    const code = await page.getByLabel("嵌入代码").inputValue();
    expect(code).toContain(`<iframe src="${server.url}/embed/test-2024/ranked/"`);
    expect(code).toContain(`<script async src="${server.url}/embed.js"></script>`);
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
    const copy = page.getByRole("button", { name: "复制代码" });
    expect((await copy.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await copy.click();
    // the same button, now named by what happened
    await expect.poll(() => page.locator("[data-embed-copy]").innerText()).toBe("已复制");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
    await context.close();
  });
});

describe("accessibility of the embed (axe-core, WCAG 2 A/AA)", () => {
  it("finds no violations on embed pages, light and dark, nor in the list page's embed box", async () => {
    const context = await browser.newContext(phone);
    const page = await context.newPage();
    const found: string[] = [];
    for (const path of [
      "/embed/test-2024/ranked/",
      "/embed/test-2024/ranked/?theme=dark",
      "/en/embed/test-2024/unranked/?theme=dark",
      "/test-2024/ranked/",
    ]) {
      await page.goto(server.url + path);
      await page.waitForLoadState("networkidle");
      if (path.startsWith("/embed/") || path.startsWith("/en/embed/"))
        await expect.poll(() => page.locator("#embed-asof").innerText()).toMatch(/\d/);
      else await page.getByText("嵌入本榜单").click();
      found.push(...(await axeViolations(page)).map((v) => `${path}: ${v}`));
    }
    await context.close();
    expect(found).toEqual([]);
  }, 90_000);
});

describe("following the campaign's state", () => {
  it("says 投票已截止 once the organizer closes the list, without a reload", async () => {
    const context = await browser.newContext(phone);
    const page = await context.newPage();
    await page.goto(`${server.url}/embed/test-2024/ranked/?refresh=5`);
    await expect.poll(() => page.locator("#embed-state").innerText(), { timeout: 10_000 }).toBe("投票进行中");
    expect(await page.locator("#embed-full").innerText()).toBe("查看完整榜单并投票");
    const organizer = await adminToken(server, "organizer", "embed-test");
    const closed = await server.json("/api/admin/campaigns/test-2024/lists/ranked/close", {
      method: "POST",
      headers: { authorization: `Bearer ${organizer}` },
    });
    expect(closed.status).toBe(200);
    await expect.poll(() => page.locator("#embed-state").innerText(), { timeout: 20_000, interval: 500 }).toBe("投票已截止");
    expect(await page.locator("#embed-full").innerText()).toBe("查看完整榜单");
    // the figures stay: a closed ranked list still shows its ranks and counts
    expect(await page.locator("#embed-rows .votes").count()).toBe(5);
    await context.close();
  }, 40_000);
});

describe("following publications (voting closed → preliminary → final) and the frozen variant", () => {
  const publish = async (body: object) => {
    const organizer = await adminToken(server, "organizer", `publisher-${Math.random()}`);
    const res = await server.json("/api/admin/campaigns/test-2024/publications", {
      method: "POST",
      headers: { authorization: `Bearer ${organizer}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(201);
    return res.body as { id: number; sha256: string };
  };

  it("shows the preliminary list during publicity, then the final list; ?at= keeps the preliminary one for good", async () => {
    const context = await browser.newContext(phone);
    const page = await context.newPage();
    await page.goto(`${server.url}/embed/test-2024/ranked/?refresh=5`);
    await expect.poll(() => page.locator("#embed-state").innerText(), { timeout: 10_000 }).toBe("投票已截止");
    const live = await page.locator("#embed-rows").innerText();

    // A short explicit period, so the final list can follow it within the test.
    const endsAt = isoInZone(Date.now() + 15_000, "Asia/Shanghai");
    const preliminary = await publish({ kind: "preliminary", list: "ranked", endsAt });
    await expect.poll(() => page.locator("#embed-state").innerText(), { timeout: 20_000, interval: 500 }).toMatch(/^公示中，至 \d{4}年/);
    expect(await page.locator("#embed-rows").innerText()).toBe(live);
    expect(await page.locator("#embed-asof").innerText()).toMatch(/^发布于 /);

    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(endsAt) - Date.now() + 200)));
    const final = await publish({ kind: "final", list: "ranked" });
    await expect.poll(() => page.locator("#embed-state").innerText(), { timeout: 20_000, interval: 500 }).toBe("最终名单");
    expect(final.id).not.toBe(preliminary.id);

    // the frozen variant: the preliminary snapshot, whatever happened since, never refreshed
    await page.goto(`${server.url}/embed/test-2024/ranked/?at=${preliminary.id}`);
    await expect.poll(() => page.locator("#embed-state").innerText(), { timeout: 10_000 }).toBe("公示名单");
    expect(await page.locator("#embed-frozen").innerText()).toContain(`sha256 ${preliminary.sha256.slice(0, 12)}`);
    expect(await page.locator("#embed-rows").innerText()).toBe(live);
    // a publication without this list is not shown under its embed
    await page.goto(`${server.url}/embed/test-2024/unranked/?at=${preliminary.id}`);
    await expect.poll(() => page.locator("#embed-state").innerText(), { timeout: 10_000 }).toBe("该存档不可用");
    await context.close();
  }, 90_000);
});

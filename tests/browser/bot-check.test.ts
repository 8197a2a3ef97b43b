/**
 * The page side of the bot check with a site key, from a real build: the vote buttons and the
 * objection form both load the adapter's script on their first request and no sooner, render a
 * widget with their own action and the page's language, wait for the visitor's challenge, and reset
 * the widget once a token is spent, so each request carries a fresh one. The server checks every
 * token against a local siteverify for the action it expects. A script that fails to load, or a
 * failed challenge, fails that tap only: the next one loads the script again and goes through.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { launchBrowser, phone } from "../helpers/browser.ts";
import { startFakeSiteverify, type FakeSiteverify } from "../helpers/fake-siteverify.ts";
import { admin, publish } from "../helpers/publicity.ts";
import { adminToken } from "../helpers/seed.ts";
import { liveWindow, startTestServer, testCampaign, type TestServer } from "../helpers/server.ts";
import { TURNSTILE_SECRET } from "../helpers/turnstile.ts";
import { FAIL, PASS, serveStandInTurnstile, standInLog, TURNSTILE_SRC } from "../helpers/turnstile-page.ts";

const SITE_KEY = "0x4AAAAAAAstand-in-site-key";
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

let fake: FakeSiteverify;
let server: TestServer;
let browser: Browser;
let organizer: string;

beforeAll(async () => {
  fake = await startFakeSiteverify(TURNSTILE_SECRET);
  server = await startTestServer({
    site: true,
    seedDemo: false,
    rebuildDelayMs: 100,
    env: { TURNSTILE_SITE_KEY: SITE_KEY, TURNSTILE_SECRET_KEY: TURNSTILE_SECRET, TURNSTILE_VERIFY_URL: fake.url },
  });
  browser = await launchBrowser();
  organizer = await adminToken(server, "organizer");
  // the ranked list open for votes now; the unranked list's preliminary publication in its period
  expect((await admin(server, organizer, "POST", "/api/admin/campaigns", testCampaign(liveWindow()))).status).toBe(201);
  const now = Date.now();
  const published = await publish(server, organizer, "test-2024", {
    kind: "preliminary",
    list: "unranked",
    startsAt: iso(now - 60_000),
    endsAt: iso(now + 7 * 86_400_000),
  });
  expect(published.status).toBe(201);
  // the site rebuilds in the background after the changes
  const deadline = Date.now() + 180_000;
  while (!(await (await server.get("/en/test-2024/publicity/")).text()).includes("ObjectionForm")) {
    if (Date.now() > deadline) throw new Error("the publicity page did not follow the publication");
    await new Promise((r) => setTimeout(r, 500));
  }
  await server.site.idle();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await fake?.close();
});

/** The tokens the server sent to siteverify, in order. */
const verified = () => fake.requests.map((r) => r.get("response") ?? "");

/** The list page's n-th vote button's island, hydrated. */
async function voteIsland(page: Page, n: number): Promise<Locator> {
  const island = page.locator("main astro-island:has(.vote-btn)").nth(n);
  await island.scrollIntoViewIfNeeded();
  await expect.poll(() => island.getAttribute("ssr"), { timeout: 10_000 }).toBeNull();
  return island;
}

describe("a vote with a site key", () => {
  it("loads the adapter's script on the first tap, renders a widget per button with action vote, resets it after each vote", async () => {
    const context = await browser.newContext(phone);
    const requested = await serveStandInTurnstile(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(server.url + "/test-2024/ranked/");
    const first = await voteIsland(page, 0);
    // nothing from the provider until a voter taps
    expect(requested).toEqual([]);

    await first.locator(".vote-btn").click();
    await expect.poll(() => first.locator(".va-msg").textContent(), { timeout: 10_000 }).toBe("请完成下方的人机验证…");
    expect(requested).toEqual([TURNSTILE_SRC]);
    expect((await standInLog(page)).renders).toEqual([{ widget: "0", sitekey: SITE_KEY, action: "vote", language: "zh-cn" }]);
    const before = fake.requests.length;
    await first.locator(".va-bot").getByRole("button", { name: PASS }).click();
    await expect.poll(() => first.locator(".vote-btn").textContent(), { timeout: 10_000 }).toMatch(/^已投票/);
    expect(verified().slice(before)).toEqual([expect.stringMatching(/^ok-/)]);
    // the token is spent: the widget is reset for the next one
    expect((await standInLog(page)).resets).toEqual(["0"]);

    // another button: its own widget, the script not loaded again
    const second = await voteIsland(page, 1);
    await second.locator(".vote-btn").click();
    await second.locator(".va-bot").getByRole("button", { name: PASS }).click();
    await expect.poll(() => second.locator(".vote-btn").textContent(), { timeout: 10_000 }).toMatch(/^已投票/);
    const log = await standInLog(page);
    expect(log.renders.map((r) => [r.widget, r.action])).toEqual([
      ["0", "vote"],
      ["1", "vote"],
    ]);
    expect(log.resets).toEqual(["0", "1"]);
    expect(requested).toEqual([TURNSTILE_SRC]);
    const tokens = verified().slice(before);
    expect(tokens).toHaveLength(2);
    expect(new Set(tokens).size).toBe(2);
    const board = await server.json("/api/campaigns/test-2024/lists/ranked/leaderboard");
    expect(board.body.entries.reduce((s: number, e: { votes: number }) => s + e.votes, 0)).toBe(2);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it("a script that does not load, then a failed challenge, fail their taps only; the next tap votes", async () => {
    const context = await browser.newContext(phone);
    const requested = await serveStandInTurnstile(context, 1);
    const page = await context.newPage();
    await page.goto(server.url + "/test-2024/ranked/");
    const island = await voteIsland(page, 2);
    const button = island.locator(".vote-btn");
    const message = island.locator(".va-msg");

    await button.click();
    await expect.poll(() => message.textContent(), { timeout: 10_000 }).toBe("人机验证未完成，请检查网络后重试。");
    await expect.poll(() => button.textContent()).toMatch(/^投票/);
    expect(requested).toEqual([TURNSTILE_SRC]);

    // the next tap loads the script again; the visitor fails the challenge
    await button.click();
    await island.locator(".va-bot").getByRole("button", { name: FAIL }).click();
    await expect.poll(() => message.textContent(), { timeout: 10_000 }).toBe("人机验证未完成，请检查网络后重试。");
    expect(requested).toEqual([TURNSTILE_SRC, TURNSTILE_SRC]);

    // and passes it on the next tap, in the widget already there
    const before = fake.requests.length;
    await button.click();
    await expect.poll(() => message.textContent(), { timeout: 10_000 }).toBe("请完成下方的人机验证…");
    await island.locator(".va-bot").getByRole("button", { name: PASS }).click();
    await expect.poll(() => button.textContent(), { timeout: 10_000 }).toMatch(/^已投票/);
    expect(verified().slice(before)).toEqual([expect.stringMatching(/^ok-/)]);
    expect((await standInLog(page)).renders).toHaveLength(1);
    await context.close();
  }, 60_000);
});

describe("a challenge left unanswered", () => {
  it("fails its tap after 90 s and not before; a token the visitor gets later serves the next tap", async () => {
    const context = await browser.newContext(phone);
    await serveStandInTurnstile(context);
    const page = await context.newPage();
    // the page's timers run on a clock the test moves
    await page.clock.install();
    await page.goto(server.url + "/test-2024/ranked/");
    const island = await voteIsland(page, 0);
    const button = island.locator(".vote-btn");
    const message = island.locator(".va-msg");

    await button.click();
    await expect.poll(() => message.textContent(), { timeout: 10_000 }).toBe("请完成下方的人机验证…");
    await page.clock.fastForward(89_000);
    expect(await message.textContent()).toBe("请完成下方的人机验证…");
    await page.clock.fastForward(2_000);
    await expect.poll(() => message.textContent(), { timeout: 10_000 }).toBe("人机验证未完成，请检查网络后重试。");
    await expect.poll(() => button.textContent()).toMatch(/^投票/);

    // the visitor finishes the challenge afterwards: the token waits for the next tap, which votes at once
    const before = fake.requests.length;
    await island.locator(".va-bot").getByRole("button", { name: PASS }).click();
    await button.click();
    await expect.poll(() => button.textContent(), { timeout: 10_000 }).toMatch(/^已投票/);
    expect(verified().slice(before)).toEqual([expect.stringMatching(/^ok-/)]);
    expect((await standInLog(page)).renders).toHaveLength(1);
    await context.close();
  }, 60_000);
});

describe("an objection with a site key", () => {
  it("loads the same script, renders one widget with action objection in English, and a fresh token for each submission", async () => {
    const context = await browser.newContext({ ...phone, locale: "en-US" });
    const requested = await serveStandInTurnstile(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(server.url + "/en/test-2024/publicity/");
    const form = page.locator("form.of-form");
    await expect.poll(() => form.count(), { timeout: 10_000 }).toBe(1);
    // The form hydrates once visible (client:visible); a tap before that would go unheard.
    const island = page.locator("astro-island:has(form.of-form)");
    await island.scrollIntoViewIfNeeded();
    await expect.poll(() => island.getAttribute("ssr"), { timeout: 10_000 }).toBeNull();
    const receipt = page.locator(".of-receipt");
    const before = fake.requests.length;
    const receipts: string[] = [];

    for (const [n, name] of ["Li Si", "Zhang San"].entries()) {
      await form.getByLabel("Entry you object to").selectOption({ index: n + 1 });
      await form.getByLabel("Real name").fill(name);
      await form.getByLabel("Contact (phone or email)").fill(`1390000111${n}`);
      await form.getByLabel("Reason").fill("The figures do not match the statistical yearbook.");
      const submit = form.locator("button[type=submit]");
      await submit.click();
      await expect.poll(() => form.getByRole("alert").textContent(), { timeout: 10_000 }).toBe("Please complete the bot check…");
      await form.locator(".of-bot").getByRole("button", { name: PASS }).click();
      // busy ("Submitting…") from the tap until the server's answer
      await expect.poll(() => submit.textContent(), { timeout: 10_000 }).toBe("Submit objection");
      expect(await form.getByRole("alert").textContent()).toBe("");
      const number = /Receipt number: (\d{4}-\d{4}-\d{4})/.exec((await receipt.textContent()) ?? "")?.[1];
      expect(number).toBeDefined();
      expect(number).not.toBe(receipts.at(-1));
      receipts.push(number!);
      await expect.poll(() => form.getByLabel("Real name").inputValue()).toBe("");
      // after each submission the spent token's widget is reset
      expect((await standInLog(page)).resets).toHaveLength(n + 1);
    }

    expect(requested).toEqual([TURNSTILE_SRC]);
    const log = await standInLog(page);
    expect(log.renders).toEqual([{ widget: "0", sitekey: SITE_KEY, action: "objection", language: "en" }]);
    expect(log.resets).toEqual(["0", "0"]);
    const tokens = verified().slice(before);
    expect(tokens).toEqual([expect.stringMatching(/^objection-ok-/), expect.stringMatching(/^objection-ok-/)]);
    expect(new Set(tokens).size).toBe(2);
    const list = await admin(server, organizer, "GET", "/api/admin/objections?campaign=test-2024");
    expect(list.body.objections.map((o: { name: string; receipt: string }) => [o.name, o.receipt]).sort()).toEqual([
      ["Li Si", receipts[0]],
      ["Zhang San", receipts[1]],
    ]);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});

/**
 * The scorer's page on a phone (390×844) against the real server: sign in with a scorer token, score
 * one entry, reload half way through the next (the draft survives), lose the connection (the draft
 * stays on the device and reaches the server once, with the latest values, when it returns), fill
 * the rest, review what is missing, submit through the dialog and see the sheet locked. axe clean on
 * each screen; no console errors; never indexed or framed.
 */
import type { BrowserContext, Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations, demoSiteInBrowser, phone } from "../helpers/browser.ts";
import { adminToken } from "../helpers/seed.ts";
import type { TestServer } from "../helpers/server.ts";

const demo = demoSiteInBrowser();
const CAMPAIGN = "emerging-bases-2025";

interface Assigned {
  status: string;
  submittedAt: string | null;
  components: { key: string }[];
  entries: {
    id: number;
    name: { zh: string };
    dimensions: { key: string }[];
    scores: Record<string, unknown>;
    comment: string | null;
    complete: boolean;
    revision: number;
  }[];
}

async function scorerToken(server: TestServer, name: string): Promise<string> {
  const organizer = await adminToken(server, "organizer");
  const res = await server.json("/api/admin/tokens", {
    method: "POST",
    headers: { authorization: `Bearer ${organizer}`, "content-type": "application/json" },
    body: JSON.stringify({ name, role: "scorer", campaign: CAMPAIGN, lists: ["parks"] }),
  });
  expect(res.status).toBe(201);
  return res.body.token as string;
}

const assignments = async (server: TestServer, token: string): Promise<Assigned> =>
  (await server.json("/api/scoring/assignments", { headers: { authorization: `Bearer ${token}` } })).body;

/** Console errors and page errors from the moment the page opens; each PUT answer's revision. */
function watch(page: Page) {
  const seen = { errors: [] as string[], api: [] as string[], saved: [] as number[] };
  page.on("pageerror", (e) => seen.errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") seen.errors.push(m.text());
  });
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith("/api/")) seen.api.push(`${r.method()} ${url.pathname}`);
  });
  page.on("response", async (r) => {
    if (r.request().method() === "PUT" && r.status() === 200) seen.saved.push(((await r.json()) as { revision: number }).revision);
  });
  return seen;
}

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/** Every visible link, button and field on the screen is at least 44 px tall. */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>(".sc a, .sc button, .sc input"))
      .filter((el) => el.offsetParent !== null && !el.closest("dialog:not([open])"))
      .filter((el) => el.getBoundingClientRect().height < 44)
      .map((el) => el.outerHTML.slice(0, 80)),
  );
}

const saveLine = (page: Page) => page.locator(".sc-save");
const cellInputs = (page: Page): Locator => page.locator(".sc-form input[type=number]");

async function fillEntry(page: Page, base: number) {
  const inputs = cellInputs(page);
  const n = await inputs.count();
  for (let i = 0; i < n; i++) await inputs.nth(i).fill(String(base + i));
  return n;
}

async function signIn(context: BrowserContext, server: TestServer, token: string) {
  const page = await context.newPage();
  const seen = watch(page);
  await page.goto(server.url + "/score/");
  await page.getByLabel("评审令牌").waitFor();
  return { page, seen, token };
}

describe("scoring page", () => {
  it("is never indexed, framed by nobody, and readable before sign-in", async () => {
    for (const path of ["/score/", "/en/score/"]) {
      const res = await demo.server().get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("x-robots-tag")).toContain("noindex");
      const html = await res.text();
      expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
      expect(html).toMatch(path === "/score/" ? /<h1[^>]*>专家评审<\/h1>/ : /<h1[^>]*>Expert review<\/h1>/);
      expect(html).toMatch(
        path === "/score/"
          ? /<noscript>\s*<p[^>]*>\s*评分页需要启用 JavaScript。请开启后重试，或向主办方索取评分表格。\s*<\/p>/
          : /<noscript>\s*<p[^>]*>\s*Scoring needs JavaScript\. Please turn it on, or ask the organizer for a spreadsheet\.\s*<\/p>/,
      );
    }
  });

  it("scores, survives a reload and a lost connection, reviews, submits and locks", async () => {
    const server = demo.server();
    const token = await scorerToken(server, "评审专家甲");
    const before = await assignments(server, token);
    expect(before.status).toBe("draft");
    const total = before.entries.length;
    expect(total).toBeGreaterThanOrEqual(3);
    const [first, second] = before.entries;

    const context = await demo.browser().newContext(phone);
    const { page, seen } = await signIn(context, server, token);
    expect(await axeViolations(page)).toEqual([]);
    expect(seen.api).toEqual([]);
    await page.getByLabel("评审令牌").fill(token);
    await page.getByRole("button", { name: "登录" }).click();
    await expect.poll(() => page.locator(".sc-progress-text").textContent()).toBe(`已评 0/${total}`);
    expect(await page.locator(".sc-badge").allTextContents()).toEqual(Array(total).fill("未评"));
    expect(await axeViolations(page)).toEqual([]);
    expect(await noSidewaysScroll(page)).toBe(true);
    expect(await smallTargets(page)).toEqual([]);

    // the first entry, whole: saved by itself, shown as 已保存 HH:MM, on the server as a complete draft
    await page.getByRole("link", { name: new RegExp(first!.name.zh) }).click();
    await page.getByRole("heading", { level: 2, name: first!.name.zh }).waitFor();
    const cells = await fillEntry(page, 80);
    await page.getByLabel("评语（选填）").fill("园区集群特征明显。");
    await expect.poll(() => saveLine(page).textContent(), { timeout: 10_000 }).toMatch(/^已保存 \d\d:\d\d$/);
    expect(await saveLine(page).getAttribute("aria-live")).toBe("polite");
    expect(await axeViolations(page)).toEqual([]);
    expect(await noSidewaysScroll(page)).toBe(true);
    expect(await smallTargets(page)).toEqual([]);
    // the number inputs bring the phone's numeric keypad, within the sheet's range
    const input = cellInputs(page).first();
    expect(await input.getAttribute("inputmode")).toBe("decimal");
    expect([await input.getAttribute("min"), await input.getAttribute("max")]).toEqual(["0", "100"]);
    await expect.poll(async () => (await assignments(server, token)).entries[0]!.complete).toBe(true);
    expect((await assignments(server, token)).entries[0]!.comment).toBe("园区集群特征明显。");
    await expect.poll(() => page.locator(".sc-progress-text").textContent()).toBe(`已评 1/${total}`);

    // the second, half way; a reload at once: the draft is still there, and reaches the server
    await page.getByRole("link", { name: /下一个/ }).click();
    await page.getByRole("heading", { level: 2, name: second!.name.zh }).waitFor();
    await cellInputs(page).first().fill("71");
    await page.reload();
    await page.getByRole("heading", { level: 2, name: second!.name.zh }).waitFor();
    expect(await cellInputs(page).first().inputValue()).toBe("71");
    await expect.poll(() => saveLine(page).textContent(), { timeout: 10_000 }).toMatch(/^已保存/);
    expect(await page.locator(".sc-entry-head .sc-badge").textContent()).toBe(cells > 1 ? "草稿" : "已评");
    expect(JSON.stringify((await assignments(server, token)).entries[1]!.scores)).toContain("71");

    // the connection fails after the server took the save (its answer lost): the page cannot tell,
    // so the next change must go out under a newer revision or the server would ignore it
    const revisionBefore = (await assignments(server, token)).entries[1]!.revision;
    await page.route("**/api/scoring/entries/*", async (route) => {
      await route.fetch();
      await route.abort("internetdisconnected");
    });
    await cellInputs(page).first().fill("72");
    await expect.poll(() => saveLine(page).textContent(), { timeout: 10_000 }).toBe("未联网，已存在本机，恢复后自动保存");
    expect(JSON.stringify((await assignments(server, token)).entries[1]!.scores)).toContain("72");
    // then it is gone altogether: changes are kept on the device and said so
    await context.setOffline(true);
    await page.unrouteAll({ behavior: "wait" });
    await cellInputs(page).first().fill("73");
    await page.getByLabel("评语（选填）").fill("方案可行。");
    await page.getByLabel("评语（选填）").blur();
    await expect.poll(() => saveLine(page).textContent(), { timeout: 10_000 }).toBe("未联网，已存在本机，恢复后自动保存");
    const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("bd_score:")));
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatch(new RegExp(`^bd_score:[0-9a-f]{12}:${second!.id}$`));
    expect(kept[0]).not.toContain(token);
    expect((await assignments(server, token)).entries[1]!.revision).toBeGreaterThan(revisionBefore);
    const heldByServer = (await assignments(server, token)).entries[1]!;
    // back online: the latest values arrive, once
    seen.errors.length = 0; // the browser reports each refused request while offline
    const savedBefore = seen.saved.length;
    await context.setOffline(false);
    await expect.poll(() => saveLine(page).textContent(), { timeout: 15_000 }).toMatch(/^已保存 \d\d:\d\d$/);
    const back = (await assignments(server, token)).entries[1]!;
    expect(JSON.stringify(back.scores)).toContain("73");
    expect(JSON.stringify(back.scores)).not.toContain("72");
    expect(back.comment).toBe("方案可行。");
    expect(back.revision).toBeGreaterThan(heldByServer.revision);
    await expect.poll(() => seen.saved.slice(savedBefore)).toEqual([back.revision]);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("bd_score:")))).toEqual([]);

    // the first entry is scored; the second too when it has a single cell
    await reviewAndSubmit(page, server, token, total - (cells > 1 ? 1 : 2));
    expect(seen.errors).toEqual([]);
    await context.close();
  });

  it("submits by keyboard or touch, and shows the server's 409 beside the button when the sheet was submitted elsewhere", async () => {
    const server = demo.server();
    const token = await scorerToken(server, "评审专家乙");
    const sheet = await assignments(server, token);
    const cells = (e: Assigned["entries"][number]) => Object.fromEntries(e.dimensions.map((d) => [d.key, 66]));
    for (const e of sheet.entries) {
      const scores = sheet.components.length > 1 ? Object.fromEntries(sheet.components.map((c) => [c.key, cells(e)])) : cells(e);
      const res = await server.json(`/api/scoring/entries/${e.id}`, {
        method: "PUT",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ scores, revision: e.revision + 1 }),
      });
      expect(res.status).toBe(200);
    }
    const context = await demo.browser().newContext(phone);
    const { page, seen } = await signIn(context, server, token);
    await page.getByLabel("评审令牌").fill(token);
    await page.getByRole("button", { name: "登录" }).tap();
    await page.getByRole("link", { name: "检查并提交" }).tap();
    await expect.poll(() => page.locator(".sc-done").textContent()).toBe("全部评分已完成，可以提交。");
    // by keyboard: Enter opens the dialog, Esc cancels and gives the button its focus back
    const submit = page.getByRole("button", { name: "提交评分表" });
    await submit.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog");
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await submit.evaluate((b) => b === document.activeElement)).toBe(true);
    // the sheet is submitted from another device meanwhile; this one's submit is refused, and says so
    const elsewhere = await server.json("/api/scoring/submit", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ campaign: CAMPAIGN }),
    });
    expect(elsewhere.status).toBe(200);
    await submit.tap();
    await dialog.getByRole("button", { name: "确认提交" }).tap();
    await expect.poll(() => page.locator(".sc-review .sc-error").textContent(), { timeout: 10_000 }).toMatch(/[\u4e00-\u9fff]/);
    await expect.poll(() => page.locator(".sc-locked strong").textContent()).toMatch(/^已提交 · /);
    expect(await page.getByRole("button", { name: "提交评分表" }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    // the refused request itself is the only error the browser reports
    expect(seen.errors.filter((e) => !/409/.test(e))).toEqual([]);
    await context.close();
  });

  it("speaks English at /en/score/", async () => {
    const context = await demo.browser().newContext({ ...phone, locale: "en" });
    const page = await context.newPage();
    await page.goto(demo.server().url + "/en/score/");
    await page.getByLabel("Scorer token").fill("bd_not_a_token");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("not valid");
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});

/** The review lists what is left by entry; each links back; submitting goes through the dialog and locks. */
async function reviewAndSubmit(page: Page, server: TestServer, token: string, left: number) {
  await page.getByRole("link", { name: "← 返回列表" }).click();
  await page.getByRole("link", { name: "检查并提交" }).click();
  await page.getByRole("heading", { name: "提交前检查" }).waitFor();
  const missing = page.locator(".sc-missing .sc-entry-link");
  expect(await missing.count()).toBe(left);
  expect(await page.getByRole("button", { name: "提交评分表" }).isDisabled()).toBe(true);
  expect(await axeViolations(page)).toEqual([]);
  expect(await noSidewaysScroll(page)).toBe(true);

  // each missing entry, from its link, filled whole
  let base = 60;
  while ((await missing.count()) > 0) {
    await missing.first().click();
    await page.locator(".sc-entry-head h2").waitFor();
    await fillEntry(page, base++);
    await expect.poll(() => saveLine(page).textContent(), { timeout: 10_000 }).toMatch(/^已保存/);
    await page.getByRole("link", { name: "← 返回列表" }).click();
    await page.getByRole("link", { name: "检查并提交" }).click();
    await page.getByRole("heading", { name: "提交前检查" }).waitFor();
  }
  expect(await page.locator(".sc-done").textContent()).toBe("全部评分已完成，可以提交。");
  expect(await page.locator(".sc-progress-text").textContent()).toMatch(/^已评 (\d+)\/\1$/);

  await page.getByRole("button", { name: "提交评分表" }).click();
  const dialog = page.getByRole("dialog");
  await expect.poll(() => dialog.textContent()).toContain("提交后评分表锁定");
  expect(await axeViolations(page)).toEqual([]);
  await dialog.getByRole("button", { name: "确认提交" }).click();
  await expect.poll(() => page.locator(".sc-locked strong").textContent(), { timeout: 10_000 }).toMatch(/^已提交 · \d+月\d+日 \d\d:\d\d$/);
  const after = await assignments(server, token);
  expect(after.status).toBe("submitted");
  expect(after.entries.every((e) => e.complete)).toBe(true);
  // read-only now: the entries open, their fields cannot change, and the server refuses a change
  await page.locator(".sc-entry-link").first().click();
  expect(await cellInputs(page).first().getAttribute("readonly")).not.toBeNull();
  expect(await page.getByRole("link", { name: "检查并提交" }).count()).toBe(0);
  expect(await axeViolations(page)).toEqual([]);
  const refused = await server.json(`/api/scoring/entries/${after.entries[0]!.id}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ scores: after.entries[0]!.scores, revision: after.entries[0]!.revision + 1 }),
  });
  expect(refused.status).toBe(409);
}

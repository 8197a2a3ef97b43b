/** The organizer console in a phone: signing in, going to a feature's address, what the page logged. */
import type { BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";
import { phone } from "./browser.ts";
import type { TestServer } from "./server.ts";

/**
 * Page errors and console errors, for `expect(errors).toEqual([])` at the end of a test. Chromium
 * logs every 4xx answer as a console error; `expected` names the statuses the test itself provokes
 * (a refused upload's 422, a duplicate's 409), which alone are let through.
 */
export function collectErrors(page: Page, expected: number[] = []): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    const status = /Failed to load resource: the server responded with a status of (\d+)/.exec(m.text());
    if (status && expected.includes(Number(status[1]))) return;
    errors.push(m.text());
  });
  return errors;
}

/** A phone context; `clipboard` lets the page write to (and the test read) the clipboard. */
export async function phoneContext(
  browser: { newContext: (o: object) => Promise<BrowserContext> },
  clipboard = false,
): Promise<BrowserContext> {
  return browser.newContext({ ...phone, ...(clipboard ? { permissions: ["clipboard-read", "clipboard-write"] } : {}) });
}

/** Signs in on /admin/ (or /en/admin/) with `token`, and waits until the console has kept it. */
export async function signIn(page: Page, server: TestServer, token: string, lang: "zh" | "en" = "zh"): Promise<void> {
  await page.goto(server.url + (lang === "en" ? "/en/admin/" : "/admin/"));
  await page.getByLabel(lang === "en" ? "Admin token" : "管理令牌").fill(token);
  await page.getByRole("button", { name: lang === "en" ? "Sign in" : "登录", exact: true }).click();
  await expect.poll(() => page.evaluate(() => sessionStorage.getItem("bd_admin_token")), { timeout: 10_000 }).toBe(token);
}

/** Signs out through the console's menu (更多 → 退出), and waits for the sign-in form. */
export async function signOut(page: Page): Promise<void> {
  await page.locator("details.adm-menu > summary").click();
  await page.getByRole("button", { name: "退出" }).click();
  await expect.poll(() => page.getByLabel("管理令牌").count()).toBe(1);
}

/** Goes to a console address (`#/tokens`, `#/c/test-2024/publish` …) without reloading the page. */
export async function route(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    location.hash = h;
  }, hash);
}

/** Nothing wider than the phone. */
export async function scrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

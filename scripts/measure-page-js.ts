/**
 * How much JavaScript a page of the demo ships, measured the way the budget is (SPEC §9): a production
 * build, the page loaded in Chromium, every script it runs (files and inline) gzipped at level 9, summed.
 * Usage: tsx scripts/measure-page-js.ts [path…] (default /cinn-2024/high-tech/).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { loadEnv } from "../api/config.ts";
import { startServer } from "../api/node.ts";

const paths = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ["/cinn-2024/high-tech/"];
const dir = mkdtempSync(join(tmpdir(), "bangdan-measure-"));
const env = loadEnv({
  DATABASE_URL: `file:${join(dir, "bangdan.db")}`,
  BANGDAN_DATA_DIR: dir,
  BANGDAN_SECRET: "measure-secret-measure-secret-0123456789",
  PORT: "0",
});
const server = await startServer({ env, site: true, log: () => {} });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu"],
});
try {
  for (const path of paths) {
    const page = await browser.newPage();
    const files: Promise<[string, Buffer]>[] = [];
    page.on("response", (r) => {
      if (r.request().resourceType() === "script") files.push(r.body().then((b) => [new URL(r.url()).pathname, b]));
    });
    await page.goto(server.url + path);
    await page.waitForLoadState("networkidle");
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForTimeout(500);
    await page.waitForLoadState("networkidle");
    const inline = await page.evaluate(() => Array.from(document.querySelectorAll("script:not([src])"), (s) => s.textContent ?? ""));
    const scripts = [...(await Promise.all(files)), ...inline.map((t, i): [string, Buffer] => [`inline #${i + 1}`, Buffer.from(t)])];
    let total = 0;
    for (const [name, body] of scripts) {
      const gz = gzipSync(body, { level: 9 }).length;
      total += gz;
      console.log(`${String(gz).padStart(7)} B  ${name}`);
    }
    console.log(`${String(total).padStart(7)} B  total for ${path}`);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}

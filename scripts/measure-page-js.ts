/**
 * How much JavaScript a page of the demo ships, measured the way the budget is (SPEC §9): a production
 * build, the page loaded in Chromium, every script it runs (files and inline) gzipped at level 9, summed.
 * Usage: tsx scripts/measure-page-js.ts [path…] (default /cinn-2024/high-tech/).
 */
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS, startDemoSite } from "./demo-site.ts";

const paths = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ["/cinn-2024/high-tech/"];
const demo = await startDemoSite("measure");
const server = demo.server;
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
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
  await demo.close();
}

/**
 * The console in English (/en/admin/) on a phone: signed in, each main view — campaigns, a campaign's
 * lists, a list's panel, tokens, exports, publicity and results, objections, revocations, expert
 * scoring — reads in English. Chinese may appear only where it is the organizer's own data with no
 * English given (an entry's name, a reason): every Chinese run on screen must be a string the API
 * sent without an English twin. Dates read in English; axe clean; nothing scrolls sideways.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations, demoSiteInBrowser } from "../helpers/browser.ts";
import { collectErrors, phoneContext, route, scrollWidth, signIn } from "../helpers/console.ts";
import { admin, object, publish } from "../helpers/publicity.ts";
import { adminToken, entryIds } from "../helpers/seed.ts";
import { testCampaign } from "../helpers/server.ts";

const demo = demoSiteInBrowser();
const SHOTS = process.env.SCREENSHOTS_DIR;
const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/**
 * Chinese strings the API sent that have no English twin: plain strings, and the `zh` of a
 * `{zh}` without `en`. A `{zh, en}` pair's Chinese is not data the English console may show.
 */
function chineseData(value: unknown, into: Set<string>): void {
  if (typeof value === "string") {
    if (CJK.test(value)) into.add(value.trim());
  } else if (Array.isArray(value)) {
    for (const v of value) chineseData(v, into);
  } else if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    const bilingual = typeof o.zh === "string" && typeof o.en === "string" && o.en !== "";
    for (const [k, v] of Object.entries(o)) if (!(bilingual && k === "zh")) chineseData(v, into);
  }
}

/** Every visible text run in the console (or an open dialog) still holding Chinese once the API's Chinese data is taken out. */
async function chineseLeft(page: Page, data: Set<string>): Promise<string[]> {
  const runs = await page.evaluate(() => {
    const root = document.querySelector("dialog[open]") ?? document.querySelector("main") ?? document.body;
    const out: string[] = [];
    const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const el = n.parentElement!;
      if (!el.checkVisibility() || el.closest("script,style,template")) continue;
      if (el.closest("option") && !el.closest("select")) continue;
      const t = (n.textContent ?? "").trim();
      if (t) out.push(t);
    }
    // labels and names a reader hears but does not see
    for (const el of root.querySelectorAll("[aria-label],[placeholder],[title]"))
      for (const a of ["aria-label", "placeholder", "title"]) {
        const v = el.getAttribute(a);
        if (v) out.push(v);
      }
    return out;
  });
  const known = [...data].sort((a, b) => b.length - a.length);
  return runs.filter((run) => {
    let rest = run;
    for (const d of known) if (rest.includes(d)) rest = rest.split(d).join(" ");
    return CJK.test(rest);
  });
}

describe("the English console", () => {
  it("reads in English on every main view, with Chinese only where the data has no English", async () => {
    const server = demo.server();
    const organizer = await adminToken(server, "organizer", "Organizer A");
    const slug = "en-2026";
    expect((await admin(server, organizer, "POST", "/api/admin/campaigns", testCampaign({ slug }))).status).toBe(201);
    const now = Date.now();
    const pub = await publish(server, organizer, slug, {
      kind: "preliminary",
      list: "ranked",
      startsAt: iso(now - 60_000),
      endsAt: iso(now + 7 * 86_400_000),
    });
    expect(pub.status).toBe(201);
    expect((await publish(server, organizer, slug, { kind: "final", list: "unranked" })).status).toBe(201);
    expect((await object(server, { publicationId: pub.body.id, entryId: entryIds(server, slug, "ranked")[1]! })).status).toBe(201);
    const revoked = await admin(server, organizer, "POST", `/api/admin/campaigns/${slug}/revocations`, {
      entry: "unranked/u2",
      date: "2026-03-01",
      reason: "成效评估不合格",
    });
    expect(revoked.status).toBe(201);

    const context = await phoneContext(demo.browser());
    const page = await context.newPage();
    const errors = collectErrors(page);
    const data = new Set<string>();
    // each answer's body is read after the response event: every read is awaited before a check
    const reading: Promise<void>[] = [];
    page.on("response", (res) => {
      if (!new URL(res.url()).pathname.startsWith("/api/")) return;
      if (!(res.headers()["content-type"] ?? "").includes("json")) return;
      reading.push(
        res.json().then(
          (body: unknown) => chineseData(body, data),
          () => undefined,
        ),
      );
    });
    await signIn(page, server, organizer, "en");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");

    const views: [string, string][] = [
      ["#/", "campaigns"],
      [`#/c/${slug}`, "lists"],
      [`#/c/${slug}/l/ranked`, "list panel"],
      ["#/tokens", "tokens"],
      [`#/c/${slug}/exports`, "exports"],
      [`#/c/${slug}/publish`, "publicity"],
      [`#/c/${slug}/objections`, "objections"],
      [`#/c/${slug}/revocations`, "revocations"],
      ["#/audit", "audit"],
      ["#/c/emerging-bases-2025/scoring", "scoring"],
    ];
    // Chinese that has an English twin in a campaign file is never data the English console may show
    // (unless another campaign uses the same Chinese without English: 高科技标杆 is in two)
    const twins = new Set<string>();
    const bare = new Set<string>();
    const twin = (t: { zh: string; en?: string } | undefined) => t && (t.en ? twins : bare).add(t.zh);
    for (const campaign of server.deps.catalog.current.campaigns) {
      twin(campaign.title);
      for (const l of campaign.lists) {
        twin(l.title);
        for (const e of l.entries) twin(e.name);
      }
    }
    for (const b of bare) twins.delete(b);
    const allowed = () => new Set([...data].filter((d) => !twins.has(d)));

    for (const [hash, name] of views) {
      await route(page, hash);
      await expect.poll(() => page.locator("main h2").count(), { timeout: 10_000 }).toBeGreaterThan(0);
      await page.waitForLoadState("networkidle");
      await expect.poll(() => page.locator("main").innerText()).not.toMatch(/Loading…/);
      await Promise.all(reading);
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/en-${name.replace(/ /g, "-")}.png`, fullPage: true });
      expect({ [name]: await chineseLeft(page, allowed()) }).toEqual({ [name]: [] });
      const headings = await page.locator("main h2, main h3, main button, main label").allInnerTexts();
      expect(headings.length).toBeGreaterThan(0);
      expect({ [name]: headings.filter((h) => CJK.test(h) && !allowed().has(h.trim())) }).toEqual({ [name]: [] });
      expect({ [name]: await axeViolations(page) }).toEqual({ [name]: [] });
      expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    }

    // campaigns and their lists by their English titles, times in English words
    await route(page, "#/");
    const cinn = server.deps.catalog.current.campaign("cinn-2024")!;
    const campaignCard = page.locator(".adm-card", { hasText: cinn.title.en! });
    await expect.poll(() => campaignCard.count(), { timeout: 10_000 }).toBe(1);
    expect(await campaignCard.innerText()).toMatch(/Next: .+ (opens|closes) [A-Z][a-z]{2} \d{1,2}, \d{2}:\d{2}/);
    await route(page, `#/c/cinn-2024`);
    await expect.poll(() => page.locator("main h2").first().innerText(), { timeout: 10_000 }).toBe(cinn.title.en);
    // the revocation: who and when in English
    await route(page, `#/c/${slug}/revocations`);
    const row = page.locator(".flow-revocation");
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    expect(await row.innerText()).toContain("Designation revoked on 1 March 2026: ");
    expect((await row.innerText()).replace(/\s+/g, " ")).toMatch(
      /Recorded \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} by Organizer A \(organizer\)/,
    );
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);
});

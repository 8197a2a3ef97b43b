/**
 * What crawlers, phones and browsers look for besides the pages (decision 022): robots.txt, a
 * sitemap with language alternates, the web manifest and its icons, favicon.ico and the
 * apple-touch-icon, absolute canonical and hreflang links with PUBLIC_ORIGIN, and a description on
 * every page that says more than the campaign's title. Two demo servers with built sites: one with
 * PUBLIC_ORIGIN (files absolute at build time), one without (the server fills in the request's origin).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../helpers/server.ts";

const ORIGIN = "https://vote.example.cn";
let withOrigin: TestServer;
let bare: TestServer;

beforeAll(async () => {
  [withOrigin, bare] = await Promise.all([
    startTestServer({ site: true, env: { PUBLIC_ORIGIN: ORIGIN } }),
    startTestServer({ site: true }),
  ]);
}, 300_000);
afterAll(async () => {
  await withOrigin?.close();
  await bare?.close();
});

interface SitemapUrl {
  loc: string;
  alternates: Record<string, string>;
}

/** Well-formed XML in the shape of a sitemap with xhtml:link alternates; throws on anything else. */
function parseSitemap(xml: string): SitemapUrl[] {
  const header = '<?xml version="1.0" encoding="UTF-8"?>';
  expect(xml.startsWith(header)).toBe(true);
  const body = xml.slice(header.length).trim();
  const open = /^<urlset xmlns="http:\/\/www\.sitemaps\.org\/schemas\/sitemap\/0\.9" xmlns:xhtml="http:\/\/www\.w3\.org\/1999\/xhtml">/;
  expect(body).toMatch(open);
  expect(body.endsWith("</urlset>")).toBe(true);
  const inner = body.replace(open, "").slice(0, -"</urlset>".length);
  // no stray "&" (only the five XML entities), and every <url> is exactly loc + alternates
  expect(inner).not.toMatch(/&(?!(amp|lt|gt|quot|#39);)/);
  const url = /<url><loc>([^<]+)<\/loc>((?:<xhtml:link rel="alternate" hreflang="[^"]+" href="[^"]+"\/>)+)<\/url>/g;
  expect(inner.replace(url, "").trim()).toBe("");
  return [...inner.matchAll(url)].map(([, loc, links]) => ({
    loc: loc!,
    alternates: Object.fromEntries([...links!.matchAll(/hreflang="([^"]+)" href="([^"]+)"/g)].map(([, l, h]) => [l!, h!])),
  }));
}

/** Width and height from a PNG's IHDR chunk (bytes 16–23), after checking the signature. */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(new TextDecoder().decode(bytes.subarray(12, 16))).toBe("IHDR");
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

async function fetchBytes(server: TestServer, path: string) {
  const res = await server.get(path);
  return { status: res.status, type: res.headers.get("content-type"), bytes: new Uint8Array(await res.arrayBuffer()) };
}

const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
/** The first tag in the page matching `pattern`'s start, and its attribute `attr`. */
function attr(html: string, tag: RegExp, name: string): string | undefined {
  const found = html.match(tag)?.[0];
  const value = found?.match(new RegExp(`${name}="([^"]*)"`))?.[1];
  return value === undefined ? undefined : decode(value);
}
const link = (html: string, rel: string, extra = "") => attr(html, new RegExp(`<link rel="${rel}"${extra}[^>]*>`), "href");

/** The demo's public lists and entries as the API knows them: expected page paths, without /en/. */
async function demoPages(server: TestServer) {
  const { body } = await server.json<{ campaigns: { slug: string; title: string; titleEn?: string; lists: { slug: string }[] }[] }>(
    "/api/campaigns",
  );
  const lists: string[] = [];
  const entries: string[] = [];
  for (const c of body.campaigns) {
    for (const l of c.lists) {
      lists.push(`/${c.slug}/${l.slug}/`);
      const board = await server.json<{ entries: { slug: string }[] }>(`/api/campaigns/${c.slug}/lists/${l.slug}/leaderboard`);
      for (const e of board.body.entries) entries.push(`/${c.slug}/${l.slug}/${e.slug}/`);
    }
  }
  const titles = body.campaigns.flatMap((c) => [c.title, c.titleEn].filter((x): x is string => !!x));
  return { campaigns: body.campaigns.map((c) => `/${c.slug}/`), lists, entries, titles };
}

describe("robots.txt and the sitemap", () => {
  it("robots.txt keeps the console out and names the sitemap by an absolute URL", async () => {
    for (const [server, origin] of [
      [withOrigin, ORIGIN],
      [bare, bare.url],
    ] as const) {
      const res = await server.get("/robots.txt");
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
      const lines = (await res.text()).split("\n");
      expect(lines).toContain("User-agent: *");
      expect(lines).toContain("Disallow: /admin/");
      expect(lines).toContain("Disallow: /en/admin/");
      expect(lines.filter((l) => l.startsWith("Sitemap:"))).toEqual([`Sitemap: ${origin}/sitemap.xml`]);
    }
  });

  it("lists every list and entry page in both languages, each with zh-CN, en and x-default alternates", async () => {
    const res = await withOrigin.get("/sitemap.xml");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/xml/);
    const urls = parseSitemap(await res.text());
    const locs = new Set(urls.map((u) => u.loc));
    expect(locs.size).toBe(urls.length);
    const { campaigns, lists, entries, titles } = await demoPages(withOrigin);
    expect(titles.length).toBeGreaterThan(2);
    expect(entries.length).toBeGreaterThan(10);
    for (const path of ["/", "/privacy/", ...campaigns, ...lists, ...entries]) {
      expect(locs, path).toContain(ORIGIN + path);
      expect(locs, path).toContain(`${ORIGIN}/en${path}`);
    }
    for (const u of urls) {
      const path = u.loc.slice(ORIGIN.length).replace(/^\/en\//, "/");
      expect(u.alternates, u.loc).toEqual({ "zh-CN": ORIGIN + path, en: `${ORIGIN}/en${path}`, "x-default": ORIGIN + path });
      expect(u.loc).not.toMatch(/\/(admin|embed)\//);
    }
  });

  it("without PUBLIC_ORIGIN, the server writes the request's origin into the sitemap", async () => {
    const urls = parseSitemap(await (await bare.get("/sitemap.xml")).text());
    expect(urls.length).toBeGreaterThan(20);
    for (const u of urls) {
      expect(u.loc.startsWith(`${bare.url}/`), u.loc).toBe(true);
      for (const h of Object.values(u.alternates)) expect(h.startsWith(`${bare.url}/`), h).toBe(true);
    }
  });
});

describe("manifest and icons", () => {
  it("the manifest is JSON with the site's name, language, colours and PNG icons of the sizes it states", async () => {
    const res = await withOrigin.get("/manifest.webmanifest");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/manifest\+json/);
    const manifest = JSON.parse(await res.text());
    expect(manifest).toMatchObject({ name: "榜单 bangdan", lang: "zh-CN", start_url: "/" });
    expect(["standalone", "browser", "minimal-ui"]).toContain(manifest.display);
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
    const pngs = (manifest.icons as { src: string; sizes: string; type: string; purpose?: string }[]).filter((i) => i.type === "image/png");
    expect(pngs.map((i) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
    expect(pngs.some((i) => i.purpose === "maskable")).toBe(true);
    for (const icon of pngs) {
      const { status, type, bytes } = await fetchBytes(withOrigin, icon.src);
      expect(status, icon.src).toBe(200);
      expect(type, icon.src).toBe("image/png");
      const { width, height } = pngSize(bytes);
      expect(`${width}x${height}`, icon.src).toBe(icon.sizes);
    }
  });

  it("favicon.ico holds 16, 32 and 48 pixel PNGs; the apple-touch-icon is 180×180", async () => {
    const ico = await fetchBytes(withOrigin, "/favicon.ico");
    expect(ico.status).toBe(200);
    expect(ico.type).toBe("image/x-icon");
    const view = new DataView(ico.bytes.buffer);
    expect([view.getUint16(0, true), view.getUint16(2, true)]).toEqual([0, 1]);
    const count = view.getUint16(4, true);
    const sizes = Array.from({ length: count }, (_, i) => {
      const at = 6 + 16 * i;
      const [length, offset] = [view.getUint32(at + 8, true), view.getUint32(at + 12, true)];
      const size = pngSize(ico.bytes.subarray(offset, offset + length));
      expect(size.width).toBe(view.getUint8(at));
      return size.width;
    });
    expect(sizes).toEqual([16, 32, 48]);
    const touch = await fetchBytes(withOrigin, "/apple-touch-icon.png");
    expect(touch.status).toBe(200);
    expect(touch.type).toBe("image/png");
    expect(pngSize(touch.bytes)).toEqual({ width: 180, height: 180 });
  });
});

describe("every page in the sitemap", () => {
  it("has absolute canonical and hreflang links, the icons, and a description that says more than the title", async () => {
    const urls = parseSitemap(await (await withOrigin.get("/sitemap.xml")).text());
    const { lists, entries, titles } = await demoPages(withOrigin);
    for (const u of urls) {
      const path = u.loc.slice(ORIGIN.length);
      const res = await withOrigin.get(path);
      expect(res.status, path).toBe(200);
      const html = await res.text();
      expect(link(html, "canonical"), path).toBe(u.loc);
      for (const [lang, href] of Object.entries(u.alternates))
        expect(link(html, "alternate", ` hreflang="${lang}"`), `${path} ${lang}`).toBe(href);
      expect(link(html, "apple-touch-icon"), path).toBe("/apple-touch-icon.png");
      expect(link(html, "manifest"), path).toBe("/manifest.webmanifest");
      expect(link(html, "icon", ' href="/favicon.ico"'), path).toBe("/favicon.ico");
      const description = attr(html, /<meta name="description"[^>]*>/, "content") ?? "";
      const title = decode(html.match(/<title>([^<]*)<\/title>/)?.[1] ?? "");
      expect(description.length, path).toBeGreaterThan(20);
      expect(titles, path).not.toContain(description);
      expect(title.startsWith(description), path).toBe(false);
      const bare = path.replace(/^\/en\//, "/");
      // a list page says how many entries it has, named as the page names them (a list nobody
      // votes on or ranks has no shortlist); an entry page names its list's campaign
      if (lists.includes(bare)) {
        const count = description.match(/(?<=[：:] ?)\d+ (个\p{Script=Han}+|[a-z]+( [a-z]+)?)/u)?.[0];
        expect(count, `${path}: ${description}`).toBeDefined();
        expect(html, `${path}: ${count}`).toContain(`>${count}</span>`);
      }
      if (entries.includes(bare))
        expect(
          titles.some((t) => description.includes(t)),
          `${path}: ${description}`,
        ).toBe(true);
    }
  });

  it("without PUBLIC_ORIGIN, hreflang links are there, relative, and no canonical (a relative one is invalid)", async () => {
    const html = await (await bare.get("/en/cinn-2024/high-tech/")).text();
    expect(link(html, "canonical")).toBeUndefined();
    expect(link(html, "alternate", ' hreflang="en"')).toBe("/en/cinn-2024/high-tech/");
    expect(link(html, "alternate", ' hreflang="zh-CN"')).toBe("/cinn-2024/high-tech/");
    expect(link(html, "alternate", ' hreflang="x-default"')).toBe("/cinn-2024/high-tech/");
    // the 404 page answers at any address: it names no canonical or alternate, with or without an origin
    const notFound = await withOrigin.get("/no-such-page/");
    expect(notFound.status).toBe(404);
    const notFoundHtml = await notFound.text();
    expect(link(notFoundHtml, "canonical")).toBeUndefined();
    expect(link(notFoundHtml, "alternate", ' hreflang="zh-CN"')).toBeUndefined();
  });
});

/** A page's share preview: Open Graph, the Twitter card and WeChat's itemprop (decision 026). */
function preview(html: string) {
  const og = (p: string) => attr(html, new RegExp(`<meta property="og:${p}"[^>]*>`), "content");
  const item = (p: string) => attr(html, new RegExp(`<meta itemprop="${p}"[^>]*>`), "content");
  return {
    title: og("title"),
    description: og("description"),
    url: og("url"),
    image: og("image"),
    twitter: attr(html, /<meta name="twitter:card"[^>]*>/, "content"),
    itemName: item("name"),
    itemDescription: item("description"),
    itemImage: item("image"),
    scoped: /<html[^>]* itemscope[^>]*>/.test(html),
    metaDescription: attr(html, /<meta name="description"[^>]*>/, "content"),
    canonical: link(html, "canonical"),
  };
}

describe("share previews (og, twitter:card, WeChat's itemprop) on every public page kind", () => {
  async function kinds(server: TestServer) {
    const { body } = await server.json<{ campaigns: { slug: string; lists: { slug: string }[] }[] }>("/api/campaigns");
    const cinn = body.campaigns.find((c) => c.slug === "cinn-2024")!;
    const board = await server.json<{ entries: { id: number; slug: string }[] }>("/api/campaigns/cinn-2024/lists/high-tech/leaderboard");
    const entry = board.body.entries[0]!;
    const listCard = (c: string, l: string) => `/api/campaigns/${c}/lists/${l}/card.png`;
    const first = body.campaigns[0]!;
    const campaignCard = listCard("cinn-2024", cinn.lists[0]!.slug);
    return [
      { kind: "home", path: "/", image: listCard(first.slug, first.lists[0]!.slug), url: "/" },
      { kind: "campaign", path: "/cinn-2024/", image: campaignCard, url: "/cinn-2024/" },
      { kind: "list", path: "/cinn-2024/high-tech/", image: listCard("cinn-2024", "high-tech"), url: "/cinn-2024/high-tech/" },
      {
        kind: "entry",
        path: `/cinn-2024/high-tech/${entry.slug}/`,
        image: `/api/entries/${entry.id}/card.png`,
        url: `/cinn-2024/high-tech/${entry.slug}/`,
      },
      { kind: "publicity", path: "/cinn-2024/publicity/", image: campaignCard, url: "/cinn-2024/publicity/" },
      { kind: "results", path: "/cinn-2024/results/", image: campaignCard, url: "/cinn-2024/results/" },
      // an embed is shared as the list it shows
      { kind: "embed", path: "/embed/cinn-2024/high-tech/", image: listCard("cinn-2024", "high-tech"), url: "/cinn-2024/high-tech/" },
      { kind: "privacy", path: "/privacy/", image: "/icon-512.png", url: "/privacy/" },
    ];
  }
  const en = (path: string) => (path === "/" ? "/en/" : `/en${path}`);
  const enImage = (image: string) => (image.startsWith("/api/") ? `${image}?lang=en` : image);

  it("with PUBLIC_ORIGIN: absolute og:url (the canonical) and og:image, the same in itemprop, in zh and en", async () => {
    for (const k of await kinds(withOrigin)) {
      for (const lang of ["zh", "en"] as const) {
        const path = lang === "en" ? en(k.path) : k.path;
        const res = await withOrigin.get(path);
        expect(res.status, path).toBe(200);
        const p = preview(await res.text());
        const card = k.image.startsWith("/api/");
        expect(p.title, path).toMatch(/\S/);
        expect(p.url, path).toBe(ORIGIN + (lang === "en" ? en(k.url) : k.url));
        if (k.kind !== "embed") expect(p.url, path).toBe(p.canonical);
        expect(p.image, path).toBe(ORIGIN + (lang === "en" ? enImage(k.image) : k.image));
        expect(p.twitter, path).toBe(card ? "summary_large_image" : "summary");
        expect(p.description, path).toMatch(/\S{10}/);
        if (k.kind !== "embed") expect(p.description, path).toBe(p.metaDescription);
        expect([p.itemName, p.itemDescription, p.itemImage], path).toEqual([p.title, p.description, p.image]);
        expect(p.scoped, `${path}: itemprop needs an itemscope`).toBe(true);
      }
    }
    // the site icon a page without a card shows is there, a PNG
    const icon = await fetchBytes(withOrigin, "/icon-512.png");
    expect([icon.status, icon.type]).toEqual([200, "image/png"]);
    expect(pngSize(icon.bytes)).toEqual({ width: 512, height: 512 });
  });

  it("the 404 page, served at any address, has a preview with the icon but no og:url", async () => {
    const res = await withOrigin.get("/no-such-page/");
    expect(res.status).toBe(404);
    const p = preview(await res.text());
    expect(p.url).toBeUndefined();
    expect(p.image).toBe(`${ORIGIN}/icon-512.png`);
    expect(p.itemImage).toBe(p.image);
    expect(p.title).toMatch(/页面不存在/);
  });

  it("without PUBLIC_ORIGIN, as with canonical: no og:url, and the image from the root", async () => {
    for (const k of await kinds(bare)) {
      for (const path of [k.path, en(k.path)]) {
        const p = preview(await (await bare.get(path)).text());
        expect(p.url, path).toBeUndefined();
        expect(p.image, path).toBe(path.startsWith("/en/") ? enImage(k.image) : k.image);
        expect(p.itemImage, path).toBe(p.image);
        expect(p.title, path).toMatch(/\S/);
      }
    }
  });

  it("list and entry pages carry one 分享 control that names its page, its poster and the sheet's own script", async () => {
    const board = await withOrigin.json<{ entries: { id: number; slug: string }[] }>(
      "/api/campaigns/cinn-2024/lists/high-tech/leaderboard",
    );
    const entry = board.body.entries[0]!;
    const pages = [
      { path: "/cinn-2024/high-tech/", poster: "/api/campaigns/cinn-2024/lists/high-tech/leaderboard.png?layout=portrait" },
      { path: "/en/cinn-2024/high-tech/", poster: "/api/campaigns/cinn-2024/lists/high-tech/leaderboard.png?layout=portrait&lang=en" },
      { path: `/cinn-2024/high-tech/${entry.slug}/`, poster: `/api/entries/${entry.id}/poster.png` },
      { path: `/en/cinn-2024/high-tech/${entry.slug}/`, poster: `/api/entries/${entry.id}/poster.png?lang=en` },
    ];
    for (const { path, poster } of pages) {
      const html = await (await withOrigin.get(path)).text();
      // a tag whose quoted attributes may hold ">" (the handler's arrow)
      const tag = /<button(?:[^>"]|"[^"]*")* data-share(?:[^>"]|"[^"]*")*>/g;
      const buttons = html.match(tag) ?? [];
      expect(buttons.length, path).toBe(1);
      // Astro writes attribute characters as numeric references (&#34; &#38;)
      const button = buttons[0]!.replace(/&#(\d+);/g, (_, n: string) => (n === "34" ? "&quot;" : String.fromCharCode(Number(n))));
      expect(attr(button, /^.*$/s, "data-url"), path).toBe(ORIGIN + path);
      expect(attr(button, /^.*$/s, "data-poster"), path).toBe(poster);
      const script = attr(button, /^.*$/s, "onclick")?.match(/import\("([^"]+)"\)/)?.[1];
      expect(script, path).toMatch(/^\/_astro\/share\.[\w-]+\.js$/);
      const res = await withOrigin.get(script!);
      expect(res.status, script).toBe(200);
      expect(res.headers.get("content-type"), script).toMatch(/javascript/);
      expect(await res.text(), script).toContain("showModal");
    }
  });
});

/**
 * Entry logos and photos: the campaign file's fields, which picture a card shows, how thumbnails are
 * named, and that the demo campaigns' pictures are there.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCampaign } from "../../api/domain/campaign.ts";
import { demoDir, readCampaignFile } from "../../api/services/demo.ts";
import { densitySrcset, listHasThumbs, monogram, sourceKind, thumbAlt, thumbOf, variantPath } from "../../site/lib/thumb.ts";
import { testCampaign } from "../helpers/server.ts";

function withEntry(fields: Record<string, unknown>) {
  const c = testCampaign();
  Object.assign(c.lists[0]!.entries[0]!, fields);
  return c;
}

describe("logo and photo in the campaign file", () => {
  it("accepts a site path or an https URL, with an optional alt", () => {
    const r = parseCampaign(
      withEntry({
        logo: { src: "/demo/x/logo.svg" },
        photo: { src: "https://img.example.org/p.webp", alt: { zh: "示意插画", en: "An illustration" } },
      }),
    );
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.campaign.lists[0]!.entries[0]!.logo).toEqual({ src: "/demo/x/logo.svg" });
      expect(r.campaign.lists[0]!.entries[0]!.photo?.alt?.zh).toBe("示意插画");
    }
  });

  it("reports a bad src, an unknown key and a missing src by path, in Chinese", () => {
    const c = testCampaign();
    Object.assign(c.lists[0]!.entries[0]!, { logo: { src: "http://insecure.example/logo.png" } });
    Object.assign(c.lists[0]!.entries[1]!, { photo: { src: "//cdn.example/p.jpg" } });
    Object.assign(c.lists[1]!.entries[0]!, { logo: { src: "/ok.svg", caption: { zh: "多余" } }, photo: {} });
    const r = parseCampaign(c);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = new Map(r.problems.map((p) => [p.path, p.message]));
    expect(byPath.get("lists.0.entries.0.logo.src")).toContain("图片地址须以 / 或 https:// 开头");
    expect(byPath.get("lists.0.entries.1.photo.src")).toContain("图片地址须以 / 或 https:// 开头");
    expect(r.problems.some((p) => p.path === "lists.1.entries.0.logo" && /caption/.test(p.message))).toBe(true);
    expect(byPath.has("lists.1.entries.0.photo.src")).toBe(true);
    for (const p of r.problems) expect(p.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe("thumbOf", () => {
  const figure = { src: "/demo/c/fig.svg", caption: { zh: "流程图" } };
  it("takes the logo, else the photo, else a case's first figure, else none", () => {
    expect(thumbOf({ logo: { src: "/l.svg" }, photo: { src: "/p.png" }, images: [figure] })).toEqual({
      src: "/l.svg",
      role: "logo",
      fit: "contain",
    });
    expect(thumbOf({ photo: { src: "/p.png", alt: { zh: "头像" } }, images: [figure] })).toEqual({
      src: "/p.png",
      alt: { zh: "头像" },
      role: "photo",
      fit: "cover",
    });
    expect(thumbOf({ images: [figure, { ...figure, src: "/second.svg" }] })).toMatchObject({
      src: "/demo/c/fig.svg",
      alt: { zh: "流程图" },
      role: "figure",
    });
    expect(thumbOf({ images: [figure] }, { figure: false })).toBeUndefined();
    expect(thumbOf({})).toBeUndefined();
    expect(thumbOf({ images: [] })).toBeUndefined();
  });

  it("says whether a list has any picture", () => {
    expect(listHasThumbs([{}, { images: [figure] }])).toBe(true);
    expect(listHasThumbs([{}, { images: [] }])).toBe(false);
  });
});

describe("thumbnail sources and names", () => {
  it("sorts sources into raster files on this site, SVGs, and the rest", () => {
    expect(sourceKind("/demo/a.png")).toBe("raster");
    expect(sourceKind("/demo/a.JPG")).toBe("raster");
    expect(sourceKind("/demo/a.jpeg?v=2")).toBe("raster");
    expect(sourceKind("/demo/a.webp")).toBe("raster");
    expect(sourceKind("/demo/a.svg")).toBe("vector");
    expect(sourceKind("https://img.example.org/a.png")).toBe("as-is");
    expect(sourceKind("//img.example.org/a.png")).toBe("as-is");
    expect(sourceKind("/demo/a.gif")).toBe("as-is");
  });

  it("names variants by source, content hash, fit and pixels, under /_thumbs/", () => {
    expect(variantPath("/demo/c/Aurora Logo.png?x=1", "0123456789", "contain", 112)).toBe("/_thumbs/Aurora-Logo-0123456789-n112.webp");
    expect(variantPath("/p.jpg", "abcdef0123", "cover", 56)).toBe("/_thumbs/p-abcdef0123-c56.webp");
    expect(densitySrcset(["/a1.webp", "/a2.webp", "/a3.webp"])).toBe("/a1.webp 1x, /a2.webp 2x, /a3.webp 3x");
  });

  it("makes a monogram and an alt text for where the picture stands alone", () => {
    expect(monogram({ zh: "澄川示例智能装备", en: "chengchuan Demo" }, "en")).toEqual({ text: "C", lang: "en" });
    expect(monogram({ zh: "澄川示例智能装备" }, "en")).toEqual({ text: "澄", lang: "zh" });
    expect(monogram({ zh: "𠀋字开头" }, "zh").text).toBe("𠀋");
    const name = { zh: "星衡示例半导体", en: "Xingheng Demo" };
    expect(thumbAlt({ src: "/l.svg", role: "logo", fit: "contain" }, name, "zh")).toEqual({ text: "星衡示例半导体标志", lang: "zh" });
    expect(thumbAlt({ src: "/p.svg", role: "photo", fit: "cover" }, name, "en")).toEqual({ text: "Xingheng Demo photo", lang: "en" });
    expect(thumbAlt({ src: "/p.svg", role: "photo", fit: "cover", alt: { zh: "示意插画" } }, name, "zh").text).toBe("示意插画");
  });
});

describe("demo pictures", () => {
  const campaigns = readdirSync(demoDir())
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => readCampaignFile(join(demoDir(), f)) as { slug: string; lists: { slug: string; entries: any[] }[] });

  it("exist under site/public for every logo and photo the demo names, and are small", () => {
    const named = campaigns.flatMap((c) => c.lists.flatMap((l) => l.entries.flatMap((e) => [e.logo?.src, e.photo?.src]))).filter(Boolean);
    expect(named.length).toBeGreaterThanOrEqual(30);
    for (const src of named) {
      const file = join("site/public", src);
      expect(existsSync(file), src).toBe(true);
      expect(statSync(file).size, src).toBeLessThan(4096);
    }
    expect(named.some((s) => s.endsWith(".png"))).toBe(true);
    expect(named.some((s) => s.endsWith(".webp"))).toBe(true);
  });

  it("give every entry of the flagship's first two lists a logo", () => {
    const cinn = campaigns.find((c) => c.slug === "cinn-2024")!;
    for (const list of cinn.lists.slice(0, 2)) {
      for (const e of list.entries) expect(e.logo?.src, `${list.slug}/${e.slug}`).toMatch(/^\/demo\/cinn-2024\//);
    }
  });
});

/**
 * Entry pictures in the built demo site: the entry page shows its logo or photo in a box of fixed
 * size; raster pictures come with 1×/2×/3× WebP variants that the build made and the server serves;
 * SVGs are linked as they are.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../helpers/server.ts";
import { imageUrls, thumbTags, type ThumbTag } from "../../helpers/thumbs.ts";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ site: true });
}, 240_000);
afterAll(async () => server?.close());

async function pageThumbs(path: string): Promise<ThumbTag[]> {
  const res = await server.get(path);
  expect(res.status, path).toBe(200);
  return thumbTags(await res.text());
}

/** Fetches every URL the image may load; each must answer 200 with the type its name says. */
async function expectFetchable(attrs: Record<string, string>) {
  for (const url of imageUrls(attrs)) {
    const res = await server.get(url);
    expect(res.status, url).toBe(200);
    const type = url.endsWith(".svg") ? "image/svg+xml" : url.endsWith(".png") ? "image/png" : "image/webp";
    expect(res.headers.get("content-type"), url).toContain(type);
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.length, url).toBeGreaterThan(40);
    if (type === "image/webp") expect(body.subarray(8, 12).toString("latin1"), url).toBe("WEBP");
  }
}

/** The pixel size a WebP variant was made at (its VP8/VP8L/VP8X header), to match the density it claims. */
function webpWidth(b: Buffer): number {
  const chunk = b.subarray(12, 16).toString("latin1");
  if (chunk === "VP8X") return 1 + b.readUIntLE(24, 3);
  if (chunk === "VP8L") return 1 + (b.readUInt16LE(21) & 0x3fff);
  return b.readUInt16LE(26) & 0x3fff;
}

describe("entry pictures in the built site", () => {
  it("shows a raster logo with its size set and 1x/2x/3x WebP variants the server serves", async () => {
    const [logo, ...rest] = await pageThumbs("/cinn-2024/high-tech/chengchuan-equipment/");
    expect(rest).toEqual([]);
    expect(logo).toMatchObject({ role: "logo", tag: "img" });
    const a = logo!.attrs;
    expect([a.width, a.height]).toEqual(["72", "72"]);
    expect(a.decoding).toBe("async");
    expect(a.alt).toBe("");
    expect(a.src).toMatch(/^\/_thumbs\/chengchuan-equipment-[0-9a-f]{10}-n72\.webp$/);
    const candidates = a.srcset!.split(", ").map((c) => c.split(" "));
    expect(candidates.map((c) => c[1])).toEqual(["1x", "2x", "3x"]);
    await expectFetchable(a);
    for (const [url, density] of candidates) {
      const body = Buffer.from(await (await server.get(url!)).arrayBuffer());
      expect(webpWidth(body), url).toBe(72 * Number.parseInt(density!, 10));
    }
  });

  it("links an SVG logo as it is, without variants", async () => {
    const [logo] = await pageThumbs("/cinn-2024/high-tech/jiangnan-materials/");
    expect(logo!.attrs.src).toBe("/demo/cinn-2024/jiangnan-materials.svg");
    expect(logo!.attrs.srcset).toBeUndefined();
    expect([logo!.attrs.width, logo!.attrs.height]).toEqual(["72", "72"]);
    await expectFetchable(logo!.attrs);
  });

  it("shows photos of people, products and parks, raster or not, in English too", async () => {
    const [person] = await pageThumbs("/en/pioneer-2024/pioneer-person/zhou-shiheng/");
    expect(person).toMatchObject({ role: "photo", tag: "img" });
    expect(person!.attrs.class).toContain("cover");
    expect(person!.attrs.srcset).toMatch(/-c216\.webp 3x$/);
    await expectFetchable(person!.attrs);
    const [product] = await pageThumbs("/pioneer-2024/pioneer-product/xinche-e1-edge-ai-chip/");
    expect(product!.attrs.srcset).toMatch(/^\/_thumbs\/xinche-e1-edge-ai-chip-[0-9a-f]{10}-c72\.webp 1x/);
    await expectFetchable(product!.attrs);
    const [park] = await pageThumbs("/emerging-bases-2025/parks/binjiang-hitech-zone/");
    expect(park!.attrs.src).toBe("/demo/emerging-bases-2025/binjiang-hitech-zone.svg");
    await expectFetchable(park!.attrs);
  });

  it("shows nothing on an entry page without a logo or photo (a case's figures have their own section)", async () => {
    expect(await pageThumbs("/cinn-2024/high-quality/ciyuan-ceramics/")).toEqual([]);
    expect(await pageThumbs("/npf-eval-2025/cases/dongling-ancient-town/")).toEqual([]);
  });
});

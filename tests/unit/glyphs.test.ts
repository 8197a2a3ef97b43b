/**
 * Chinese in the leaderboard image renders on any machine: every character is drawn from Noto Sans
 * SC's outlines, never the .notdef box, and rasterised (as a reader's viewer would) each character
 * is a distinct shape with ink — boxes of a missing font would all look alike.
 */
import { describe, expect, it } from "vitest";
import { fontFor, fitText, GlyphSheet, textWidth } from "../../api/embeds/glyphs.ts";
import { leaderboardSvg, svgToPixels } from "../../api/embeds/image.ts";

const SAMPLE = "高科技标杆甲乙丙示例有限公司投票园区榜单";

/** SVG content rasterised in a 64×64 white square: 1 = ink. */
async function bitmapOf(content: string): Promise<Uint8Array> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="64" height="64"><rect width="64" height="64" fill="#fff"/>${content}</svg>`;
  const { pixels, width, height } = await svgToPixels(svg);
  expect([width, height]).toEqual([64, 64]);
  const ink = new Uint8Array(64 * 64);
  for (let i = 0; i < ink.length; i++) ink[i] = pixels[i * 4]! < 128 ? 1 : 0;
  return ink;
}

/** A character drawn at 48 px exactly as the leaderboard image draws text (defs + use). */
function bitmap(ch: string): Promise<Uint8Array> {
  const sheet = new GlyphSheet();
  const { svg } = sheet.text(ch, 48, "#000", 8, 52);
  return bitmapOf(sheet.defs + svg);
}

/** The .notdef glyph (an empty-box tofu) at the same place and size. */
function notdefBitmap(font: NonNullable<ReturnType<typeof fontFor>>): Promise<Uint8Array> {
  const d = font
    .getGlyph(0)
    .path.scale(48 / font.unitsPerEm, -48 / font.unitsPerEm)
    .translate(8, 52)
    .toSVG();
  return bitmapOf(`<path fill="#000" d="${d}"/>`);
}

const inkShare = (b: Uint8Array) => b.reduce((s, v) => s + v, 0) / b.length;
const difference = (a: Uint8Array, b: Uint8Array) => a.reduce((s, v, i) => s + (v !== b[i] ? 1 : 0), 0) / a.length;

describe("glyph outlines for Chinese text", () => {
  it("finds a real glyph (not .notdef) for every character of campaign text, in both weights", () => {
    for (const weight of [400, 700] as const) {
      for (const ch of SAMPLE + "Demo Tech Co. 0123456789·（）…") {
        const cp = ch.codePointAt(0)!;
        if (ch === " ") continue;
        const font = fontFor(cp, weight);
        expect(font, `${ch} ${weight}`).toBeDefined();
        expect(font!.glyphForCodePoint(cp).id, ch).toBeGreaterThan(0);
      }
    }
  });

  it("rasterises each character to its own shape, none of them the .notdef box", async () => {
    const chars = [...SAMPLE];
    const maps = await Promise.all(chars.map((ch) => bitmap(ch)));
    const box = await notdefBitmap(fontFor("高".codePointAt(0)!, 400)!);
    maps.forEach((m, i) => {
      expect(inkShare(m), chars[i]).toBeGreaterThan(0.04);
      expect(inkShare(m), chars[i]).toBeLessThan(0.6);
      expect(difference(m, box), `${chars[i]} vs .notdef`).toBeGreaterThan(0.05);
      for (let j = 0; j < i; j++) expect(difference(m, maps[j]!), `${chars[i]} vs ${chars[j]}`).toBeGreaterThan(0.03);
    });
    // a stroke-for-stroke check of one known character: 一 is one horizontal bar, so its ink sits
    // in a few rows spanning most of the width
    const one = await bitmap("一");
    const rows = [...Array(64).keys()].filter((y) => one.slice(y * 64, y * 64 + 64).some((v) => v === 1));
    expect(rows.length).toBeLessThanOrEqual(6);
    const cols = [...Array(64).keys()].filter((x) => rows.some((y) => one[y * 64 + x] === 1));
    expect(cols.length).toBeGreaterThan(36);
  });

  it("draws known characters as their strokes: 一 二 三 are 1, 2 and 3 bars, 川 three columns", async () => {
    /** how many separate bands of ink a bitmap has, looking across rows (or columns) */
    const bands = (b: Uint8Array, byColumn: boolean) => {
      let count = 0;
      let inside = false;
      for (let i = 0; i < 64; i++) {
        let ink = false;
        for (let j = 0; j < 64; j++) if (b[byColumn ? j * 64 + i : i * 64 + j]) ink = true;
        if (ink && !inside) count += 1;
        inside = ink;
      }
      return count;
    };
    const draw = bitmap;
    expect(bands(await draw("一"), false)).toBe(1);
    expect(bands(await draw("二"), false)).toBe(2);
    expect(bands(await draw("三"), false)).toBe(3);
    expect(bands(await draw("川"), true)).toBe(3);
    // the .notdef box would be one band either way
    const box = await notdefBitmap(fontFor("三".codePointAt(0)!, 400)!);
    expect(bands(box, false)).not.toBe(3);
  });

  it("measures and cuts long names with an ellipsis", () => {
    expect(textWidth("示例", 20)).toBeCloseTo(40, 0);
    const cut = fitText("示例科技有限公司示例科技有限公司示例科技有限公司", 20, 200);
    expect(cut.endsWith("…")).toBe(true);
    expect(textWidth(cut, 20)).toBeLessThanOrEqual(200);
    expect(fitText("短名", 20, 200)).toBe("短名");
  });
});

describe("the leaderboard image", () => {
  const board = (names: string[]) => ({
    campaign: "c",
    list: "l",
    title: "榜",
    ranking: "ranked" as const,
    state: "open" as const,
    generatedAt: "2024-10-10T04:00:00.000Z",
    entries: names.map((name, i) => ({ id: i + 1, slug: `e${i}`, name, kind: "enterprise", url: "/", rank: i + 1, votes: 10 - i })),
  });
  const ctx = (names: string[]) => ({
    board: board(names),
    listTitle: { zh: "高科技标杆" },
    campaignTitle: { zh: "测试活动" },
    timezone: "Asia/Shanghai",
  });

  it("draws a different name where the name differs, and ink where the text is", async () => {
    const a = leaderboardSvg(ctx(["甲示例科技有限公司"]), { limit: 10, theme: "light", lang: "zh" });
    const b = leaderboardSvg(ctx(["乙示例园区"]), { limit: 10, theme: "light", lang: "zh" });
    const pa = await svgToPixels(a.svg);
    const pb = await svgToPixels(b.svg);
    expect([pa.width, pa.height]).toEqual([a.width, a.height]);
    // the first row's name: y 120–164, x 72–400
    let inkA = 0;
    let differs = 0;
    for (let y = 124; y < 160; y++) {
      for (let x = 72; x < 400; x++) {
        const i = (y * pa.width + x) * 4;
        if (pa.pixels[i]! < 128) inkA += 1;
        if (Math.abs(pa.pixels[i]! - pb.pixels[i]!) > 64) differs += 1;
      }
    }
    expect(inkA).toBeGreaterThan(400);
    expect(differs).toBeGreaterThan(200);
  });

  it("shows a revealed score's total beside the votes, and no figure at all for an unranked list", () => {
    const withScore = ctx(["甲示例科技有限公司"]);
    Object.assign(withScore.board.entries[0]!, { score: { total: 86.4999, dimensions: {}, components: {} } });
    const ranked = leaderboardSvg(withScore, { limit: 10, theme: "light", lang: "zh" }).svg;
    expect(ranked).toContain("1. 甲示例科技有限公司 — 86.50 分 · 10 票");
    const unranked = ctx(["乙示例园区"]);
    const board = {
      ...unranked.board,
      ranking: "unranked" as const,
      entries: [{ id: 1, slug: "u", name: "乙示例园区", kind: "park", url: "/" }],
    };
    const svg = leaderboardSvg({ ...unranked, board }, { limit: 10, theme: "light", lang: "zh" }).svg;
    expect(/<desc id="d">([\s\S]*?)<\/desc>/.exec(svg)![1]!.split("\n")[1]).toBe("乙示例园区");
    expect(svg).not.toMatch(/\d+ 票|分 ·/);
  });
});

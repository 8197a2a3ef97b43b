/**
 * Text drawn as glyph outlines, so an SVG shows Chinese on any reader's machine without relying
 * on its fonts (decision 014). The font is Noto Sans SC from @fontsource/noto-sans-sc in
 * node_modules: woff2 files split by Unicode range, each read by fontkit the first time one of its
 * characters is needed and kept for the life of the process. Nothing is downloaded.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as fontkit from "fontkit";

export type Weight = 400 | 700;

interface Face {
  file: string;
  ranges: [number, number][];
}

const require = createRequire(import.meta.url);
const fontDir = dirname(require.resolve("@fontsource/noto-sans-sc/package.json"));

const facesByWeight = new Map<Weight, Face[]>();
const fonts = new Map<string, fontkit.Font>();

/** The faces of one weight, from the package's CSS (its @font-face rules name file and unicode-range). */
function faces(weight: Weight): Face[] {
  let list = facesByWeight.get(weight);
  if (list) return list;
  const css = readFileSync(join(fontDir, `${weight}.css`), "utf8");
  list = [];
  for (const rule of css.split("@font-face").slice(1)) {
    const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(rule)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(rule)?.[1];
    if (!file || !range) continue;
    const ranges = range.split(",").map((part): [number, number] => {
      const [lo, hi] = part.trim().replace(/^U\+/i, "").split("-");
      const from = parseInt(lo!, 16);
      return [from, hi ? parseInt(hi, 16) : from];
    });
    list.push({ file, ranges });
  }
  if (list.length === 0) throw new Error(`no font faces found in ${fontDir}/${weight}.css`);
  facesByWeight.set(weight, list);
  return list;
}

function fontFile(file: string): fontkit.Font {
  let font = fonts.get(file);
  if (!font) {
    font = fontkit.create(readFileSync(join(fontDir, "files", file))) as fontkit.Font;
    fonts.set(file, font);
  }
  return font;
}

/** The font file that draws this code point, or undefined when Noto Sans SC has no glyph for it. */
export function fontFor(codePoint: number, weight: Weight): fontkit.Font | undefined {
  const face = faces(weight).find((f) => f.ranges.some(([lo, hi]) => codePoint >= lo && codePoint <= hi));
  if (!face) return undefined;
  const font = fontFile(face.file);
  return font.hasGlyphForCodePoint(codePoint) ? font : undefined;
}

export interface TextRun {
  /** SVG path data, origin at the start of the baseline */
  d: string;
  /** advance width in px */
  width: number;
  /** code points this font could not draw (shown as a gap of a space's width) */
  missing: number[];
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * Lays out `text` at `size` px: consecutive characters from the same font file are shaped together
 * (kerning for Latin), each glyph's outline is scaled, flipped (fonts grow upwards) and moved to its
 * pen position. Coordinates are rounded to 0.1 px to keep the SVG small.
 */
export function textPath(text: string, size: number, weight: Weight = 400, x = 0, y = 0): TextRun {
  const parts: string[] = [];
  const missing: number[] = [];
  let pen = 0;
  const chars = [...text];
  let i = 0;
  while (i < chars.length) {
    const cp = chars[i]!.codePointAt(0)!;
    const font = fontFor(cp, weight);
    if (!font) {
      if (cp !== 0x20) missing.push(cp);
      pen += size * 0.3;
      i += 1;
      continue;
    }
    let j = i + 1;
    while (j < chars.length && fontFor(chars[j]!.codePointAt(0)!, weight) === font) j += 1;
    const scale = size / font.unitsPerEm;
    const run = font.layout(chars.slice(i, j).join(""));
    run.glyphs.forEach((glyph, k) => {
      const pos = run.positions[k]!;
      const gx = x + pen + pos.xOffset * scale;
      const gy = y - pos.yOffset * scale;
      for (const cmd of glyph.path.commands) {
        const a = cmd.args;
        const pt = (n: number) => `${round(gx + a[n]! * scale)} ${round(gy - a[n + 1]! * scale)}`;
        if (cmd.command === "moveTo") parts.push(`M${pt(0)}`);
        else if (cmd.command === "lineTo") parts.push(`L${pt(0)}`);
        else if (cmd.command === "quadraticCurveTo") parts.push(`Q${pt(0)} ${pt(2)}`);
        else if (cmd.command === "bezierCurveTo") parts.push(`C${pt(0)} ${pt(2)} ${pt(4)}`);
        else if (cmd.command === "closePath") parts.push("Z");
      }
      pen += pos.xAdvance * scale;
    });
    i = j;
  }
  return { d: parts.join(""), width: pen, missing };
}

/** Width of `text` at `size` px without building its outlines. */
export function textWidth(text: string, size: number, weight: Weight = 400): number {
  let width = 0;
  for (const ch of text) {
    const font = fontFor(ch.codePointAt(0)!, weight);
    width += font ? (font.glyphForCodePoint(ch.codePointAt(0)!).advanceWidth * size) / font.unitsPerEm : size * 0.3;
  }
  return width;
}

/** `text` cut with an ellipsis so it fits in `max` px. */
export function fitText(text: string, size: number, max: number, weight: Weight = 400): string {
  if (textWidth(text, size, weight) <= max) return text;
  const chars = [...text];
  const ellipsis = "…";
  const room = max - textWidth(ellipsis, size, weight);
  let width = 0;
  let n = 0;
  for (const ch of chars) {
    const w = textWidth(ch, size, weight);
    if (width + w > room) break;
    width += w;
    n += 1;
  }
  return chars.slice(0, n).join("").trimEnd() + ellipsis;
}

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

/**
 * Where the font's files come from: the package's folder on Node (found when first needed), or what
 * an edge runtime fetched from its static assets before drawing (`useFontFiles`).
 */
export interface FontFiles {
  /** the package's CSS for one weight (its @font-face rules) */
  css(weight: Weight): string;
  /** one woff2 file named by that CSS */
  file(name: string): Uint8Array;
}

let fontFilesInUse: FontFiles | undefined;

function packageFontFiles(): FontFiles {
  const dir = dirname(createRequire(import.meta.url).resolve("@fontsource/noto-sans-sc/package.json"));
  return {
    css: (weight) => readFileSync(join(dir, `${weight}.css`), "utf8"),
    file: (name) => readFileSync(join(dir, "files", name)),
  };
}

function fontFiles(): FontFiles {
  return (fontFilesInUse ??= packageFontFiles());
}

/** Draws with these files from now on (the edge's, fetched from its assets). */
export function useFontFiles(files: FontFiles): void {
  fontFilesInUse = files;
}

/** Every woff2 file the CSS of `weights` names: what an edge runtime fetches before it draws. */
export function fontFileNames(css: string): string[] {
  return [...css.matchAll(/url\(\.\/files\/([^)]+\.woff2)\)/g)].map((m) => m[1]!);
}

const facesByWeight = new Map<Weight, Face[]>();
const fonts = new Map<string, fontkit.Font>();
const fontFileOf = new WeakMap<fontkit.Font, string>();

/** The faces of one weight, from the package's CSS (its @font-face rules name file and unicode-range). */
function faces(weight: Weight): Face[] {
  let list = facesByWeight.get(weight);
  if (list) return list;
  const css = fontFiles().css(weight);
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
  if (list.length === 0) throw new Error(`no font faces found in the ${weight} CSS of @fontsource/noto-sans-sc`);
  facesByWeight.set(weight, list);
  return list;
}

function fontFile(file: string): fontkit.Font {
  let font = fonts.get(file);
  if (!font) {
    font = fontkit.create(Buffer.from(fontFiles().file(file))) as fontkit.Font;
    fonts.set(file, font);
    fontFileOf.set(font, file);
  }
  return font;
}

/** The font file that draws this code point, or undefined when Noto Sans SC has no glyph for it. */
const fontOfChar = new Map<number, fontkit.Font | null>();

export function fontFor(codePoint: number, weight: Weight): fontkit.Font | undefined {
  const key = codePoint * 2 + (weight === 700 ? 1 : 0);
  let found = fontOfChar.get(key);
  if (found === undefined) {
    found = findFont(codePoint, weight) ?? null;
    fontOfChar.set(key, found);
  }
  return found ?? undefined;
}

function findFont(codePoint: number, weight: Weight): fontkit.Font | undefined {
  const face = faces(weight).find((f) => f.ranges.some(([lo, hi]) => codePoint >= lo && codePoint <= hi));
  if (!face) return undefined;
  const font = fontFile(face.file);
  return font.hasGlyphForCodePoint(codePoint) ? font : undefined;
}

/** A glyph's outline in font units (y up), kept for the life of the process: images reuse it. */
const outlines = new Map<string, string>();

function outline(fontKey: string, glyph: fontkit.Glyph): string {
  const key = `${fontKey}#${glyph.id}`;
  let d = outlines.get(key);
  if (d === undefined) {
    const parts: string[] = [];
    for (const cmd of glyph.path.commands) {
      const a = cmd.args.map((n) => Math.round(n));
      if (cmd.command === "moveTo") parts.push(`M${a[0]} ${a[1]}`);
      else if (cmd.command === "lineTo") parts.push(`L${a[0]} ${a[1]}`);
      else if (cmd.command === "quadraticCurveTo") parts.push(`Q${a[0]} ${a[1]} ${a[2]} ${a[3]}`);
      else if (cmd.command === "bezierCurveTo") parts.push(`C${a[0]} ${a[1]} ${a[2]} ${a[3]} ${a[4]} ${a[5]}`);
      else if (cmd.command === "closePath") parts.push("Z");
    }
    d = parts.join("");
    outlines.set(key, d);
  }
  return d;
}

/**
 * Text for one SVG document: each distinct glyph is defined once in <defs> and placed with <use>,
 * so a name's characters repeated down a list cost a few bytes each, and outlines are computed
 * once per process.
 */
export class GlyphSheet {
  readonly #ids = new Map<string, string>();
  readonly #defs: string[] = [];

  /** `<g>` drawing `text` at `size` px with its baseline starting at (x, y); its width in px. */
  text(text: string, size: number, fill: string, x: number, y: number, weight: Weight = 400): { svg: string; width: number } {
    const runs: string[] = [];
    let pen = 0;
    const chars = [...text];
    let i = 0;
    while (i < chars.length) {
      const cp = chars[i]!.codePointAt(0)!;
      const font = fontFor(cp, weight);
      if (!font) {
        pen += size * 0.3;
        i += 1;
        continue;
      }
      let j = i + 1;
      while (j < chars.length && fontFor(chars[j]!.codePointAt(0)!, weight) === font) j += 1;
      const scale = size / font.unitsPerEm;
      const fontKey = `${weight}/${fontFileOf.get(font)}`;
      const run = font.layout(chars.slice(i, j).join(""));
      const uses: string[] = [];
      run.glyphs.forEach((glyph, k) => {
        const pos = run.positions[k]!;
        if (glyph.path.commands.length > 0) {
          const key = `${fontKey}#${glyph.id}`;
          let id = this.#ids.get(key);
          if (!id) {
            id = `g${this.#ids.size}`;
            this.#ids.set(key, id);
            this.#defs.push(`<path id="${id}" d="${outline(fontKey, glyph)}"/>`);
          }
          // in font units, inside the run's scale(s, -s): the baseline is y = 0
          const ux = Math.round((x + pen) / scale + pos.xOffset);
          const uy = Math.round(-y / scale + pos.yOffset);
          uses.push(`<use xlink:href="#${id}" x="${ux}" y="${uy}"/>`);
        }
        pen += pos.xAdvance * scale;
      });
      if (uses.length) runs.push(`<g transform="scale(${+scale.toFixed(6)} ${-scale.toFixed(6)})">${uses.join("")}</g>`);
      i = j;
    }
    return { svg: runs.length ? `<g fill="${fill}">${runs.join("")}</g>` : "", width: pen };
  }

  get defs(): string {
    return this.#defs.length ? `<defs>${this.#defs.join("")}</defs>` : "";
  }
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

/**
 * `text` broken into at most `maxLines` lines of at most `max` px: between any two Chinese
 * characters, between Latin words at spaces (a word longer than a line is cut where it must be);
 * what does not fit goes, with an ellipsis on the last line.
 */
export function wrapText(text: string, size: number, max: number, maxLines: number, weight: Weight = 400): string[] {
  // tokens: a run of Latin letters/digits (kept whole where it fits), or one other character
  const tokens = text.match(/[A-Za-z0-9'’.,:;!?()&/+-]+|\s+|[^\sA-Za-z0-9'’.,:;!?()&/+-]/gu) ?? [];
  const lines: string[] = [];
  let line = "";
  const push = () => {
    lines.push(line.trimEnd());
    line = "";
  };
  for (const token of tokens) {
    if (/^\s+$/.test(token)) {
      if (line) line += " ";
      continue;
    }
    if (textWidth(line + token, size, weight) <= max) {
      line += token;
      continue;
    }
    if (line.trim()) push();
    if (textWidth(token, size, weight) <= max) {
      line = token;
      continue;
    }
    // a token wider than a line: as many characters as fit, then on
    for (const ch of token) {
      if (textWidth(line + ch, size, weight) > max && line) push();
      line += ch;
    }
  }
  if (line.trim()) push();
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1]!;
  const next = lines[maxLines]!;
  // Latin words were broken at a space: put it back before cutting with the ellipsis
  const gap = /[\x21-\x7e]$/.test(last) && /^[\x21-\x7e]/.test(next) ? " " : "";
  kept[maxLines - 1] = fitText(`${last}${gap}${next} `, size, max, weight);
  if (!kept[maxLines - 1]!.endsWith("…")) kept[maxLines - 1] += "…";
  return kept;
}

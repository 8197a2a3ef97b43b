/**
 * The top N of a leaderboard as an SVG image (and a PNG of the same SVG for social posts). Every
 * figure comes from the leaderboard view; unranked lists show names only, in the view's pinyin
 * order. Text is drawn as glyph outlines (./glyphs.ts), with the words also in <title>/<desc>
 * so screen readers and search engines read them.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { initWasm, Resvg } from "@resvg/resvg-wasm";
import { escapeHtml } from "../../common/escape.ts";
import { placesShown, sharedRanks } from "../../common/ranks.ts";
import type { LeaderboardView, PublicEntry } from "../read/leaderboard.ts";
import { fitText, GlyphSheet, textWidth, type Weight } from "./glyphs.ts";
import { embedText, formatAsOf, shareText, type EmbedLang } from "./text.ts";

export type ImageTheme = "light" | "dark";

export interface ImageOptions {
  limit: number;
  theme: ImageTheme;
  lang: EmbedLang;
}

export interface ImageContext {
  board: LeaderboardView;
  listTitle: { zh: string; en?: string };
  campaignTitle: { zh: string; en?: string };
  timezone: string;
}

export const palettes: Record<ImageTheme, { bg: string; text: string; muted: string; line: string; accent: string }> = {
  // the site's colours: AA contrast on white
  light: { bg: "#ffffff", text: "#1f1b18", muted: "#5e5750", line: "#e3ded8", accent: "#c8102e" },
  // the same roles on a warm near-black; the red lightened to keep 4.5:1
  dark: { bg: "#1c1917", text: "#f3efea", muted: "#b8b0a8", line: "#3d3833", accent: "#ff6b81" },
};

export const IMAGE_WIDTH = 640;
const PAD = 24;
const HEAD = 120;
const ROW = 44;
const FOOT = 60;

/** Height of the image for `rows` entries (oEmbed thumbnails need it before rendering). */
export function imageHeight(rows: number): number {
  return HEAD + Math.max(rows, 1) * ROW + FOOT;
}

export type Draw = (text: string, size: number, fill: string, x: number, y: number, weight?: Weight) => number;
type Words = (typeof embedText)[EmbedLang];
type Colours = (typeof palettes)[ImageTheme];

/**
 * What a ranked list may show of its places (common/ranks.ts): none while nobody has voted on a
 * list ordered by votes, and which ranks are shared. A view without `orderedBy` is read from its
 * entries: revealed scores order it by total.
 */
export function placesOf(board: LeaderboardView): { shown: boolean; shared: Set<number> } {
  if (board.ranking !== "ranked") return { shown: false, shared: new Set() };
  const orderedBy = board.orderedBy ?? (board.entries.some((e) => e.score) ? "total" : "votes");
  const shown = placesShown(board.entries, orderedBy);
  return { shown, shared: shown ? sharedRanks(board.entries) : new Set() };
}

/** The rank column: the figure, after a tie mark (并列 / =) when another entry holds the same rank. */
function drawPlace(draw: Draw, words: Words, rank: number, tied: boolean, fill: string, baseline: number): void {
  let x = PAD;
  if (tied) x += draw(words.tiedMark.text, words.tiedMark.size, fill, x, baseline, 700) + 2;
  draw(String(rank), 18, fill, x, baseline, 700);
}

/** One entry's row; returns its line of the text alternative. */
export function drawRow(
  draw: Draw,
  ctx: { words: Words; colours: Colours; ranked: boolean; places: { shown: boolean; shared: Set<number> }; width: number },
  e: PublicEntry,
  name: string,
  baseline: number,
): string {
  const { words, colours, places, width } = ctx;
  const inner = width - 2 * PAD;
  let nameX = PAD;
  let nameRoom = inner;
  let line = name;
  if (ctx.ranked) {
    const placed = places.shown && e.rank !== undefined;
    const lead = placed && e.rank === 1;
    // once scores are revealed the view's entries carry `score`: its total comes first
    const total = e.score?.total;
    const votes = (total !== undefined ? `${words.score(total)} · ` : "") + words.votes(e.votes ?? 0);
    const votesWidth = textWidth(votes, 16, 700);
    draw(votes, 16, lead ? colours.accent : colours.text, width - PAD - votesWidth, baseline, 700);
    nameRoom = inner - votesWidth - 16;
    line = `${name} — ${votes}`;
    if (placed) {
      const tied = places.shared.has(e.rank!);
      drawPlace(draw, words, e.rank!, tied, lead ? colours.accent : colours.muted, baseline);
      nameX = PAD + 48;
      nameRoom -= 48;
      line = `${tied ? `${words.tiedLine(e.rank!)} ` : `${e.rank}. `}${line}`;
    }
  }
  draw(fitText(name, 17, nameRoom), 17, colours.text, nameX, baseline);
  return line;
}

export function leaderboardSvg(ctx: ImageContext, options: ImageOptions): { svg: string; width: number; height: number } {
  const { board } = ctx;
  const lang = options.lang;
  const words = embedText[lang];
  const colours = palettes[options.theme];
  const ranked = board.ranking === "ranked";
  const places = placesOf(board);
  const entries = board.entries.slice(0, options.limit);
  const width = IMAGE_WIDTH;
  const height = imageHeight(entries.length);
  const paths: string[] = [];
  const sheet = new GlyphSheet();
  const draw: Draw = (text, size, fill, x, y, weight = 400) => {
    const run = sheet.text(text, size, fill, x, y, weight);
    if (run.svg) paths.push(run.svg);
    return run.width;
  };
  const pick = (v: { zh: string; en?: string }) => (lang === "en" && v.en ? v.en : v.zh);
  const inner = width - 2 * PAD;

  const campaignTitle = pick(ctx.campaignTitle);
  const listTitle = pick(ctx.listTitle);
  draw(fitText(campaignTitle, 15, inner), 15, colours.muted, PAD, 38);
  draw(fitText(listTitle, 24, inner, 700), 24, colours.text, PAD, 72, 700);
  const shownOf = ranked && !places.shown ? [words.noVotes, words.count(entries.length, board.entries.length)] : [];
  const status = [
    words.states[board.state],
    ...(!ranked ? [words.unranked] : places.shown ? [words.topN(entries.length, board.entries.length)] : shownOf),
  ].join(" · ");
  draw(fitText(status, 14, inner), 14, colours.muted, PAD, 100);
  paths.push(`<rect x="${PAD}" y="${HEAD - 8}" width="${inner}" height="1" fill="${colours.line}"/>`);

  const lines: string[] = [];
  const rowCtx = { words, colours, ranked, places, width };
  entries.forEach((e, i) => {
    const top = HEAD + i * ROW;
    const name = lang === "en" && e.nameEn ? e.nameEn : e.name;
    lines.push(drawRow(draw, rowCtx, e, name, top + 28));
    if (i < entries.length - 1) paths.push(`<rect x="${PAD}" y="${top + ROW - 1}" width="${inner}" height="1" fill="${colours.line}"/>`);
  });
  if (entries.length === 0) draw(words.empty, 16, colours.muted, PAD, HEAD + 28);

  const footY = HEAD + Math.max(entries.length, 1) * ROW;
  paths.push(`<rect x="${PAD}" y="${footY + 8}" width="${inner}" height="1" fill="${colours.line}"/>`);
  const asOf = words.asOf(formatAsOf(board.generatedAt, ctx.timezone, lang));
  const brand = "榜单 bangdan";
  const brandWidth = textWidth(brand, 13, 700);
  draw(fitText(asOf, 13, inner - brandWidth - 16), 13, colours.muted, PAD, footY + 36);
  draw(brand, 13, colours.accent, width - PAD - brandWidth, footY + 36, 700);

  const title = `${listTitle} · ${campaignTitle}`;
  const desc = [status, ...lines, asOf].join("\n");
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="t d">` +
    `<title id="t">${escapeHtml(title)}</title><desc id="d">${escapeHtml(desc)}</desc>` +
    sheet.defs +
    `<rect width="${width}" height="${height}" fill="${colours.bg}"/>` +
    paths.join("") +
    `</svg>`;
  return { svg, width, height };
}

let wasmReady: Promise<void> | undefined;

/**
 * Starts the renderer from a compiled module: an edge runtime cannot compile wasm from bytes, so
 * its bundle carries the package's .wasm file as a module and hands it in before the first image.
 */
export function useResvgModule(module: WebAssembly.Module): void {
  wasmReady ??= initWasm(module);
}

/** Starts the wasm renderer once per process, from the package's own .wasm file. */
function ensureWasm(): Promise<void> {
  if (!wasmReady) {
    const require = createRequire(import.meta.url);
    const wasm = readFileSync(require.resolve("@resvg/resvg-wasm/index_bg.wasm"));
    wasmReady = initWasm(wasm);
  }
  return wasmReady;
}

/** The SVG as a PNG at `zoom` × its size (2× by default: sharp on phones and in social posts). */
export async function svgToPng(svg: string, zoom = 2): Promise<Uint8Array> {
  await ensureWasm();
  const resvg = new Resvg(svg, { fitTo: { mode: "zoom", value: zoom } });
  const image = resvg.render();
  try {
    return image.asPng();
  } finally {
    image.free();
    resvg.free();
  }
}

/** The SVG rasterised to RGBA pixels (tests look at what a reader would see). */
export async function svgToPixels(svg: string, zoom = 1): Promise<{ width: number; height: number; pixels: Uint8Array }> {
  await ensureWasm();
  const resvg = new Resvg(svg, { fitTo: { mode: "zoom", value: zoom } });
  const image = resvg.render();
  try {
    return { width: image.width, height: image.height, pixels: image.pixels.slice() };
  } finally {
    image.free();
    resvg.free();
  }
}

/**
 * Starts the renderer before the first reader asks: the wasm module, and the font files of the
 * words every image has (state, "as of", digits, the brand). Names' characters still load on
 * first use. For the long-running server (scripts/start.ts), not for every test server.
 */
export async function warmImageRenderer(): Promise<void> {
  const words = [embedText.zh, embedText.en].flatMap((w) => [
    ...Object.values(w.states),
    w.unranked,
    w.asOf("0123456789年月日:（）"),
    w.votes(1234),
    w.topN(1, 2),
    w.count(1, 2),
    w.noVotes,
    w.tiedMark.text,
  ]);
  // the share images' own words (posters, cards): their calls to action in every state
  for (const s of [shareText.zh, shareText.en])
    words.push(
      s.brand,
      s.shortlisted,
      s.firstVote,
      s.perDay(3),
      s.organizer(""),
      ...Object.values(s.cta).flat(),
      ...Object.values(s.listCta).flat(),
    );
  const sheet = new GlyphSheet();
  for (const w of words) for (const weight of [400, 700] as const) sheet.text(w, 16, "#000", 0, 16, weight);
  await svgToPng(`<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8"/></svg>`, 1);
}

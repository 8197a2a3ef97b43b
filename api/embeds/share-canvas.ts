/**
 * What the share images (decision 026) draw with: a canvas of glyph runs and shapes (the leaderboard
 * images' pipeline, decision 015), the colours, and the pieces several images share: the medal, the
 * entry's picture or monogram, the state pill, the QR block with its call to action.
 */
import { escapeHtml } from "../../common/escape.ts";
import { medalOf, placeText } from "../../common/ranks.ts";
import type { Localized } from "../domain/campaign-fields.ts";
import type { LeaderboardView, PublicEntry } from "../read/leaderboard.ts";
import { fitText, GlyphSheet, textWidth, wrapText, type Weight } from "./glyphs.ts";
import { palettes, placesOf, type Draw } from "./image.ts";
import { qrSvg } from "./qr.ts";
import { embedText, type EmbedLang } from "./text.ts";

export const POSTER = { width: 375, height: 667 } as const;
export const CARD = { width: 600, height: 315 } as const;
export const PORTRAIT_WIDTH = 375;
export const colours = {
  ...palettes.light,
  page: "#f7f3ee",
  band: "#c8102e",
  bandDeep: "#a50d26",
  onBand: "#ffffff",
  onBandSoft: "#fde4e8",
  tile: "#fbe9ec",
};
const medalColours = { 1: "#c99a06", 2: "#8a949c", 3: "#b06a35" } as const;

export interface ShareContext {
  board: LeaderboardView;
  listTitle: Localized;
  campaignTitle: Localized;
  organizer?: Localized;
  timezone: string;
  lang: EmbedLang;
}

export interface EntryShareContext extends ShareContext {
  /** the entry as the leaderboard view shows it (figures only on ranked lists) */
  entry: PublicEntry;
  /** a square PNG data: URL of its logo or photo, or undefined for the monogram */
  picture?: string;
  /** how many votes a voter may give a day on this list (the poster's note while voting is open) */
  perDay?: number;
  /** when voting opens (ISO), for the poster of a list not open yet */
  opensAt?: string;
}

/** One SVG being drawn: glyph runs and shapes in order, the glyphs defined once. */
export class Canvas {
  readonly sheet = new GlyphSheet();
  readonly parts: string[] = [];
  readonly defs: string[] = [];

  draw: Draw = (text, size, fill, x, y, weight = 400) => {
    const run = this.sheet.text(text, size, fill, x, y, weight);
    if (run.svg) this.parts.push(run.svg);
    return run.width;
  };

  centered(text: string, size: number, fill: string, cx: number, y: number, weight: Weight = 400): void {
    this.draw(text, size, fill, cx - textWidth(text, size, weight) / 2, y, weight);
  }

  right(text: string, size: number, fill: string, rx: number, y: number, weight: Weight = 400): void {
    this.draw(text, size, fill, rx - textWidth(text, size, weight), y, weight);
  }

  shape(svg: string): void {
    this.parts.push(svg);
  }

  svg(width: number, height: number, title: string, desc: string): string {
    const defs = this.defs.join("") + this.sheet.defs.replace(/^<defs>|<\/defs>$/g, "");
    return (
      `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="t d">` +
      `<title id="t">${escapeHtml(title)}</title><desc id="d">${escapeHtml(desc)}</desc>` +
      (defs ? `<defs>${defs}</defs>` : "") +
      this.parts.join("") +
      `</svg>`
    );
  }
}

export const pickIn = (lang: EmbedLang) => (v: Localized | undefined) => (!v ? "" : lang === "en" && v.en ? v.en : v.zh);

export const nameOf = (e: PublicEntry, lang: EmbedLang) => (lang === "en" && e.nameEn ? e.nameEn : e.name);

/** What an entry's figures say, or undefined where none may be shown (unranked; no vote yet). */
export interface EntryFigures {
  /** 第 3 名 / 并列第 3 名 */
  place: string;
  medal?: 1 | 2 | 3;
  /** 1,234 票 (after 87.50 分 once scores are revealed) */
  figures: string;
}

export function entryFigures(board: LeaderboardView, entry: PublicEntry, lang: EmbedLang): EntryFigures | undefined {
  if (board.ranking !== "ranked" || entry.rank === undefined) return undefined;
  const places = placesOf(board);
  if (!places.shown) return undefined;
  const words = embedText[lang];
  const orderedBy = board.orderedBy ?? (board.entries.some((e) => e.score) ? "total" : "votes");
  const total = entry.score?.total;
  return {
    place: placeText(entry.rank, places.shared.has(entry.rank), lang),
    medal: medalOf(entry, orderedBy),
    figures: (total !== undefined ? `${words.score(total)} · ` : "") + words.votes(entry.votes ?? 0),
  };
}

/** A round medal with its place in it (the pages' 🥇🥈🥉, drawn: emoji are not in the font). */
export function medal(c: Canvas, place: 1 | 2 | 3, cx: number, cy: number, r: number): void {
  c.shape(`<circle cx="${cx}" cy="${cy}" r="${r}" fill="${medalColours[place]}"/>`);
  c.shape(`<circle cx="${cx}" cy="${cy}" r="${r - 2.5}" fill="none" stroke="#ffffff" stroke-opacity="0.55" stroke-width="1"/>`);
  const size = r * 1.15;
  c.centered(String(place), size, "#ffffff", cx, cy + size * 0.36, 700);
}

/** The entry's picture in a rounded square, or its monogram (first character) on a pale tile. */
export function picture(c: Canvas, ctx: EntryShareContext, x: number, y: number, side: number, id: string): void {
  const r = Math.round(side * 0.14);
  if (ctx.picture) {
    c.defs.push(`<clipPath id="${id}"><rect x="${x}" y="${y}" width="${side}" height="${side}" rx="${r}"/></clipPath>`);
    c.shape(`<rect x="${x}" y="${y}" width="${side}" height="${side}" rx="${r}" fill="#ffffff"/>`);
    c.shape(`<image x="${x}" y="${y}" width="${side}" height="${side}" clip-path="url(#${id})" xlink:href="${ctx.picture}"/>`);
    c.shape(
      `<rect x="${x + 0.5}" y="${y + 0.5}" width="${side - 1}" height="${side - 1}" rx="${r}" fill="none" stroke="${colours.line}"/>`,
    );
    return;
  }
  c.shape(`<rect x="${x}" y="${y}" width="${side}" height="${side}" rx="${r}" fill="${colours.tile}"/>`);
  const initial = [...nameOf(ctx.entry, ctx.lang).trim()][0] ?? "?";
  const size = side * 0.46;
  c.centered(initial, size, colours.accent, x + side / 2, y + side / 2 + size * 0.36, 700);
}

/** The state as a pill: white text on a translucent white ground, on the red band. */
export function statePill(c: Canvas, text: string, rx: number, cy: number): void {
  const size = 12;
  const w = textWidth(text, size, 700) + 20;
  c.shape(`<rect x="${rx - w}" y="${cy - 12}" width="${w}" height="24" rx="12" fill="#ffffff" fill-opacity="0.2"/>`);
  c.draw(text, size, colours.onBand, rx - w + 10, cy + 4.5, 700);
}

/** Soft circles on the band, so it reads as a designed surface rather than a flat block. */
export function bandDecor(c: Canvas, width: number, height: number): void {
  c.shape(`<circle cx="${width - 20}" cy="${-10}" r="${height * 0.55}" fill="#ffffff" fill-opacity="0.07"/>`);
  c.shape(`<circle cx="${width + 30}" cy="${height * 0.75}" r="${height * 0.4}" fill="#ffffff" fill-opacity="0.06"/>`);
}

/** The QR code with its two lines of call to action beside it; returns the text alternative's line. */
export function qrBlock(
  c: Canvas,
  url: string,
  lines: [string, string],
  note: string | undefined,
  box: { x: number; y: number; width: number; height: number; qr: number },
): string {
  c.shape(`<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" rx="14" fill="#ffffff"/>`);
  const inset = (box.height - box.qr) / 2;
  const code = qrSvg(url, box.x + inset, box.y + inset, box.qr);
  c.shape(code.svg);
  const tx = box.x + inset + code.side + 14;
  const room = box.x + box.width - tx - 12;
  const mid = box.y + box.height / 2;
  const first = fitText(lines[0], 16, room, 700);
  const second = wrapText(lines[1], 17, room, 2, 700);
  const noteLine = note ? fitText(note, 11.5, room) : undefined;
  const blockHeight = 22 + second.length * 24 + (noteLine ? 20 : 0);
  let y = mid - blockHeight / 2 + 16;
  c.draw(first, 16, colours.text, tx, y, 700);
  y += 26;
  for (const l of second) {
    c.draw(l, 17, colours.accent, tx, y, 700);
    y += 24;
  }
  if (noteLine) c.draw(noteLine, 11.5, colours.muted, tx, y - 2);
  return `${lines[0]} · ${lines[1]} · ${url}`;
}

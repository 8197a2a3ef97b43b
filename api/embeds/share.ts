/**
 * An entry's share images (issue 14, decision 026), drawn like the leaderboard images (decision 015):
 * SVG with every word as glyph outlines from the embedded Noto Sans SC, rasterised by resvg at 2×.
 * - the poster (拉票海报): 375 × 667, a PNG of 750 × 1334, for 朋友圈 and chats, with a QR code
 *   to the entry page;
 * - the share card: 600 × 315, a PNG of 1200 × 630, for og:image.
 * Figures come from the leaderboard view and follow common/ranks.ts as every other surface does:
 * unranked lists never show rank, votes or score; a list ordered by votes nobody has voted on shows
 * no place ("暂无投票"); shared places say 并列; the top three with votes get a medal.
 */
import { fitText, textWidth, wrapText } from "./glyphs.ts";
import {
  bandDecor,
  Canvas,
  CARD,
  colours,
  entryFigures,
  medal,
  nameOf,
  picture,
  pickIn,
  POSTER,
  qrBlock,
  statePill,
  type EntryShareContext,
} from "./share-canvas.ts";
import { embedText, formatAsOf, shareText } from "./text.ts";

/** Under the name on the poster: place, figures and time; 暂无投票; or, unranked, 入围对象 and the summary. */
function drawPosterFigures(c: Canvas, ctx: EntryShareContext, top: number, desc: string[]): void {
  const { board, lang, entry } = ctx;
  const { width: W } = POSTER;
  const words = shareText[lang];
  const card = { w: W - 40 };
  let y = top;
  const figures = entryFigures(board, entry, lang);
  if (figures) {
    const placeSize = 24;
    const placeW = textWidth(figures.place, placeSize, 700);
    const medalW = figures.medal ? 34 : 0;
    const x0 = W / 2 - (medalW + placeW) / 2;
    if (figures.medal) medal(c, figures.medal, x0 + 14, y - 9, 14);
    c.draw(figures.place, placeSize, colours.accent, x0 + medalW, y, 700);
    y += 28;
    c.centered(figures.figures, 17, colours.text, W / 2, y, 700);
    y += 24;
    const asOf = embedText[lang].asOf(formatAsOf(board.generatedAt, ctx.timezone, lang));
    c.centered(fitText(asOf, 12, card.w - 32), 12, colours.muted, W / 2, y);
    desc.push(`${figures.place} · ${figures.figures}`, asOf);
  } else if (board.ranking === "ranked") {
    // ranked, nobody has voted yet: no place for anyone (common/ranks.ts)
    const none = embedText[lang].noVotes;
    c.centered(none, 18, colours.muted, W / 2, y + 4, 700);
    desc.push(none);
    if (board.state === "open") c.centered(words.firstVote, 14, colours.accent, W / 2, y + 30, 700);
    if (board.state === "scheduled" && ctx.opensAt) {
      const opens = words.opens(formatAsOf(ctx.opensAt, ctx.timezone, lang));
      c.centered(fitText(opens, 13, card.w - 32), 13, colours.accent, W / 2, y + 30, 700);
      desc.push(opens);
    }
  } else {
    const tag = words.shortlisted;
    const tagW = textWidth(tag, 13, 700) + 20;
    c.shape(`<rect x="${W / 2 - tagW / 2}" y="${y - 14}" width="${tagW}" height="22" rx="11" fill="${colours.tile}"/>`);
    c.centered(tag, 13, colours.accent, W / 2, y + 1.5, 700);
    y += 30;
    if (entry.summary && lang === "zh") {
      for (const line of wrapText(entry.summary, 13.5, card.w - 56, 2)) {
        c.centered(line, 13.5, colours.muted, W / 2, y);
        y += 20;
      }
    }
    desc.push(tag);
  }
}

/** The poster (拉票海报): 375 × 667 (750 × 1334 as PNG). */
export function posterSvg(ctx: EntryShareContext, url: string): string {
  const { board, lang, entry } = ctx;
  const { width: W, height: H } = POSTER;
  const words = shareText[lang];
  const pick = pickIn(lang);
  const state = board.state;
  const c = new Canvas();
  const desc: string[] = [];

  c.shape(`<rect width="${W}" height="${H}" fill="${colours.page}"/>`);
  const bandH = 236;
  c.shape(`<rect width="${W}" height="${bandH}" fill="${colours.band}"/>`);
  bandDecor(c, W, bandH);
  c.draw(words.brand, 13, colours.onBand, 24, 38, 700);
  statePill(c, embedText[lang].states[state], W - 24, 33);

  const campaign = pick(ctx.campaignTitle);
  const list = pick(ctx.listTitle);
  // four lines at most above the card: the campaign's title gets a second line only when the list's fits on one
  const listLines = wrapText(list, 24, W - 48, 2, 700);
  let y = 78;
  for (const line of wrapText(campaign, 14, W - 48, listLines.length > 1 ? 1 : 2)) {
    c.draw(line, 14, colours.onBandSoft, 24, y);
    y += 21;
  }
  y += 10;
  for (const line of listLines) {
    c.draw(line, 24, colours.onBand, 24, y, 700);
    y += 32;
  }
  desc.push(campaign, list, embedText[lang].states[state]);

  // the entry's card, overlapping the band
  const card = { x: 20, y: 168, w: W - 40, h: 300 };
  c.shape(`<rect x="${card.x}" y="${card.y + 3}" width="${card.w}" height="${card.h}" rx="18" fill="#000000" fill-opacity="0.06"/>`);
  c.shape(`<rect x="${card.x}" y="${card.y}" width="${card.w}" height="${card.h}" rx="18" fill="#ffffff"/>`);
  const side = 100;
  picture(c, ctx, (W - side) / 2, card.y + 24, side, "pic");
  const name = nameOf(entry, lang);
  const nameLines = wrapText(name, 22, card.w - 40, 2, 700);
  y = card.y + 24 + side + 38;
  for (const line of nameLines) {
    c.centered(line, 22, colours.text, W / 2, y, 700);
    y += 30;
  }
  desc.push(name);
  y += 8;
  drawPosterFigures(c, ctx, y, desc);

  // the QR code and what to do with it
  const cta = words.cta[state];
  const note = state === "open" && ctx.perDay ? words.perDay(ctx.perDay) : undefined;
  desc.push(qrBlock(c, url, cta, note, { x: 20, y: 486, width: W - 40, height: 132, qr: 108 }));

  const organizer = pick(ctx.organizer);
  const foot = organizer ? words.organizer(organizer) : words.brand;
  c.centered(fitText(foot, 12, W - 48), 12, colours.muted, W / 2, H - 22);
  if (organizer) desc.push(foot);

  return c.svg(W, H, `${name} · ${list}`, desc.join("\n"));
}

/** The entry's share card: 600 × 315 (1200 × 630 as PNG). */
export function entryCardSvg(ctx: EntryShareContext): string {
  const { board, lang, entry } = ctx;
  const { width: W, height: H } = CARD;
  const words = shareText[lang];
  const pick = pickIn(lang);
  const c = new Canvas();
  const desc: string[] = [];
  c.shape(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  const bandH = 78;
  c.shape(`<rect width="${W}" height="${bandH}" fill="${colours.band}"/>`);
  bandDecor(c, W, bandH);
  const campaign = pick(ctx.campaignTitle);
  const list = pick(ctx.listTitle);
  const stateText = embedText[lang].states[board.state];
  const pillW = textWidth(stateText, 12, 700) + 20;
  c.draw(fitText(campaign, 14, W - 64 - pillW - 16), 14, colours.onBandSoft, 32, 32);
  c.draw(fitText(list, 21, W - 64), 21, colours.onBand, 32, 61, 700);
  statePill(c, stateText, W - 32, 27);
  desc.push(campaign, list, stateText);

  const side = 136;
  picture(c, ctx, 32, bandH + 28, side, "pic");
  const tx = 32 + side + 28;
  const room = W - tx - 32;
  const name = nameOf(entry, lang);
  const nameLines = wrapText(name, 30, room, 2, 700);
  let y = bandH + 28 + 34;
  for (const line of nameLines) {
    c.draw(line, 30, colours.text, tx, y, 700);
    y += 40;
  }
  desc.push(name);
  y += 4;
  const figures = entryFigures(board, entry, lang);
  if (figures) {
    let x = tx;
    if (figures.medal) {
      medal(c, figures.medal, x + 13, y - 8, 13);
      x += 32;
    }
    x += c.draw(figures.place, 22, colours.accent, x, y, 700);
    c.draw(` · ${figures.figures}`, 18, colours.text, x, y, 700);
    desc.push(`${figures.place} · ${figures.figures}`);
  } else {
    const text = board.ranking === "ranked" ? embedText[lang].noVotes : words.shortlisted;
    c.draw(text, 17, colours.muted, tx, y, 700);
    desc.push(text);
  }

  c.shape(`<rect x="32" y="${H - 52}" width="${W - 64}" height="1" fill="${colours.line}"/>`);
  const organizer = pick(ctx.organizer);
  const brandW = textWidth(words.brand, 14, 700);
  const left = organizer ? words.organizer(organizer) : embedText[lang].asOf(formatAsOf(board.generatedAt, ctx.timezone, lang));
  c.draw(fitText(left, 13, W - 64 - brandW - 24), 13, colours.muted, 32, H - 22);
  c.right(words.brand, 14, colours.accent, W - 32, H - 22, 700);
  desc.push(left);
  return c.svg(W, H, `${name} · ${list}`, desc.join("\n"));
}

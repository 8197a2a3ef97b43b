/**
 * A list's share images (decision 026): its share card (600 × 315, a PNG of 1200 × 630, for
 * og:image) and the portrait leaderboard for 公众号 articles (375 wide, a PNG of 750, with a QR code
 * to the list page). Places follow common/ranks.ts, as on the landscape leaderboard image.
 */
import { medalOf, placeText } from "../../common/ranks.ts";
import { fitText, textWidth, wrapText } from "./glyphs.ts";
import { drawRow, palettes, placesOf } from "./image.ts";
import {
  bandDecor,
  Canvas,
  CARD,
  colours,
  medal,
  nameOf,
  pickIn,
  PORTRAIT_WIDTH,
  qrBlock,
  statePill,
  type ShareContext,
} from "./share-canvas.ts";
import { embedText, formatAsOf, shareText } from "./text.ts";

/** The list's share card: 600 × 315 (1200 × 630 as PNG), with its first three. */
export function listCardSvg(ctx: ShareContext): string {
  const { board, lang } = ctx;
  const { width: W, height: H } = CARD;
  const words = shareText[lang];
  const ew = embedText[lang];
  const pick = pickIn(lang);
  const c = new Canvas();
  const desc: string[] = [];
  c.shape(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  const bandH = 112;
  c.shape(`<rect width="${W}" height="${bandH}" fill="${colours.band}"/>`);
  bandDecor(c, W, bandH);
  const campaign = pick(ctx.campaignTitle);
  const list = pick(ctx.listTitle);
  const stateText = ew.states[board.state];
  const pillW = textWidth(stateText, 12, 700) + 20;
  c.draw(fitText(campaign, 15, W - 64 - pillW - 16), 15, colours.onBandSoft, 32, 36);
  c.draw(fitText(list, 30, W - 64), 30, colours.onBand, 32, 84, 700);
  statePill(c, stateText, W - 32, 31);
  desc.push(campaign, list);

  const places = placesOf(board);
  const ranked = board.ranking === "ranked";
  const total = board.entries.length;
  const status = [
    stateText,
    !ranked ? ew.unranked : places.shown ? ew.topN(Math.min(3, total), total) : `${ew.noVotes} · ${ew.count(total, total)}`,
  ].join(" · ");
  c.draw(fitText(status, 14, W - 64), 14, colours.muted, 32, bandH + 30);
  desc.push(status);

  const orderedBy = board.orderedBy ?? (board.entries.some((e) => e.score) ? "total" : "votes");
  const top = board.entries.slice(0, 3);
  let y = bandH + 66;
  for (const e of top) {
    const name = nameOf(e, lang);
    let x = 32;
    let line = name;
    if (ranked && places.shown && e.rank !== undefined) {
      const m = medalOf(e, orderedBy);
      if (m) medal(c, m, x + 12, y - 7, 12);
      else c.centered(String(e.rank), 16, colours.muted, x + 12, y, 700);
      x += 34;
      const votes = (e.score ? `${ew.score(e.score.total)} · ` : "") + ew.votes(e.votes ?? 0);
      const vw = textWidth(votes, 16, 700);
      c.draw(votes, 16, e.rank === 1 ? colours.accent : colours.text, W - 32 - vw, y, 700);
      c.draw(fitText(name, 18, W - 64 - 34 - vw - 20), 18, colours.text, x, y);
      line = `${placeText(e.rank, places.shared.has(e.rank), lang)} ${name} — ${votes}`;
    } else {
      c.shape(`<circle cx="${x + 6}" cy="${y - 6}" r="3" fill="${colours.accent}"/>`);
      c.draw(fitText(name, 18, W - 64 - 22), 18, colours.text, x + 20, y);
    }
    desc.push(line);
    y += 34;
  }
  if (top.length === 0) c.draw(ew.empty, 16, colours.muted, 32, y);

  const asOf = ew.asOf(formatAsOf(board.generatedAt, ctx.timezone, lang));
  const brandW = textWidth(words.brand, 14, 700);
  c.draw(fitText(total > 3 ? `${words.more(total)} · ${asOf}` : asOf, 12, W - 64 - brandW - 24), 12, colours.muted, 32, H - 20);
  c.right(words.brand, 14, colours.accent, W - 32, H - 20, 700);
  desc.push(asOf);
  return c.svg(W, H, `${list} · ${campaign}`, desc.join("\n"));
}

const ROW = 44;

/** Height of the portrait leaderboard for `rows` entries: always taller than wide. */
export function portraitHeight(rows: number, titleLines: number): number {
  return Math.max(PORTRAIT_WIDTH + 40, 96 + titleLines * 30 + 40 + Math.max(rows, 1) * ROW + 252);
}

/** The top N for 公众号 articles: 375 wide (750 px as PNG), with a QR code to the list page. */
export function portraitLeaderboardSvg(ctx: ShareContext, limit: number, url: string): string {
  const { board, lang } = ctx;
  const W = PORTRAIT_WIDTH;
  const words = shareText[lang];
  const ew = embedText[lang];
  const pick = pickIn(lang);
  const c = new Canvas();
  const desc: string[] = [];
  const campaign = pick(ctx.campaignTitle);
  const list = pick(ctx.listTitle);
  const titleLines = wrapText(list, 24, W - 48, 2, 700);
  const entries = board.entries.slice(0, limit);
  const H = portraitHeight(entries.length, titleLines.length);

  c.shape(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  const bandH = 96 + titleLines.length * 30;
  c.shape(`<rect width="${W}" height="${bandH}" fill="${colours.band}"/>`);
  bandDecor(c, W, bandH);
  c.draw(words.brand, 13, colours.onBand, 24, 36, 700);
  const stateText = ew.states[board.state];
  statePill(c, stateText, W - 24, 31);
  c.draw(fitText(campaign, 14, W - 48), 14, colours.onBandSoft, 24, 76);
  let y = 110;
  for (const line of titleLines) {
    c.draw(line, 24, colours.onBand, 24, y, 700);
    y += 30;
  }

  const ranked = board.ranking === "ranked";
  const places = placesOf(board);
  const status = [
    stateText,
    ...(!ranked
      ? [ew.unranked]
      : places.shown
        ? [ew.topN(entries.length, board.entries.length)]
        : [ew.noVotes, ew.count(entries.length, board.entries.length)]),
  ].join(" · ");
  c.draw(fitText(status, 13, W - 48), 13, colours.muted, 24, bandH + 28);
  desc.push(campaign, list, status);

  const head = bandH + 44;
  const rowCtx = { words: ew, colours: palettes.light, ranked, places, width: W };
  entries.forEach((e, i) => {
    const top = head + i * ROW;
    desc.push(drawRow(c.draw, rowCtx, e, nameOf(e, lang), top + 28));
    if (i < entries.length - 1) c.shape(`<rect x="24" y="${top + ROW - 1}" width="${W - 48}" height="1" fill="${colours.line}"/>`);
  });
  if (entries.length === 0) c.draw(ew.empty, 16, colours.muted, 24, head + 28);

  const footY = head + Math.max(entries.length, 1) * ROW;
  c.shape(`<rect x="24" y="${footY + 8}" width="${W - 48}" height="1" fill="${colours.line}"/>`);
  const asOf = ew.asOf(formatAsOf(board.generatedAt, ctx.timezone, lang));
  c.draw(fitText(asOf, 12, W - 48), 12, colours.muted, 24, footY + 32);
  desc.push(asOf);

  // the QR block on a warm ground to the foot
  const blockY = footY + 48;
  c.shape(`<rect x="0" y="${blockY}" width="${W}" height="${H - blockY}" fill="${colours.page}"/>`);
  desc.push(qrBlock(c, url, words.listCta[board.state], undefined, { x: 20, y: blockY + 20, width: W - 40, height: 128, qr: 104 }));
  const organizer = pick(ctx.organizer);
  const foot = organizer ? words.organizer(organizer) : words.brand;
  c.centered(fitText(foot, 12, W - 48), 12, colours.muted, W / 2, H - 22);
  if (organizer) desc.push(foot);
  return c.svg(W, H, `${list} · ${campaign}`, desc.join("\n"));
}

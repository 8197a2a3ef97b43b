/** Reading the share images as a phone would: the PNG header's size, the pixels, the QR code in them. */
import jsQR from "jsqr";
import sharp from "sharp";
import { svgToPng } from "../../api/embeds/image.ts";
import { entryShareContext, POSTER_PICTURE_PX, shareContext, CARD_PICTURE_PX } from "../../api/embeds/share-context.ts";
import { listCardSvg, portraitLeaderboardSvg } from "../../api/embeds/share-lists.ts";
import { entryCardSvg, posterSvg } from "../../api/embeds/share.ts";
import type { EmbedLang } from "../../api/embeds/text.ts";
import type { TestServer } from "./server.ts";

/** Width and height as the PNG's IHDR chunk states them, after checking the signature. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const b = Buffer.from(bytes);
  if (!b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) throw new Error("not a PNG");
  if (b.toString("latin1", 12, 16) !== "IHDR") throw new Error("no IHDR first");
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** The text of the QR code in the PNG, decoded by jsqr over its RGBA pixels; undefined when none is found. */
export async function readQr(bytes: Uint8Array): Promise<string | undefined> {
  const { data, info } = await sharp(Buffer.from(bytes)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const found = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), info.width, info.height);
  return found?.data;
}

export async function fetchPng(server: TestServer, path: string, init?: RequestInit) {
  const res = await server.get(path, init);
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { res, bytes };
}

/** The <desc> lines of an SVG: the words the image draws, for screen readers and for these tests. */
export const descOf = (svg: string) => /<desc id="d">([\s\S]*?)<\/desc>/.exec(svg)![1]!.split("\n");

/**
 * The SVGs the routes draw, from the server's own catalog and leaderboard view: a test compares
 * the route's PNG with this SVG rendered, then reads what it says.
 */
export async function drawnEntry(server: TestServer, id: number, lang: EmbedLang, kind: "poster" | "card", url = "") {
  const entry = server.deps.catalog.current.entry(id)!;
  const { board } = await server.deps.leaderboards.view(entry.list, server.deps.catalog.current.version);
  const ctx = (await entryShareContext(entry, board, lang, kind === "poster" ? POSTER_PICTURE_PX : CARD_PICTURE_PX))!;
  const svg = kind === "poster" ? posterSvg(ctx, url) : entryCardSvg(ctx);
  return { svg, png: await svgToPng(svg), ctx };
}

export async function drawnList(
  server: TestServer,
  campaign: string,
  slug: string,
  lang: EmbedLang,
  portrait?: { limit: number; url: string },
) {
  const list = server.deps.catalog.current.list(campaign, slug)!;
  const { board } = await server.deps.leaderboards.view(list, server.deps.catalog.current.version);
  const ctx = shareContext(list, board, lang);
  const svg = portrait ? portraitLeaderboardSvg(ctx, portrait.limit, portrait.url) : listCardSvg(ctx);
  return { svg, png: await svgToPng(svg) };
}

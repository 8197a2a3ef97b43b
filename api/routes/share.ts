/**
 * Share images (issue 14): an entry's poster (拉票海报) and share card, a list's share card. Public
 * reads like the leaderboard images: CORS `*`, ETag with 304, a short shared cache life; each image
 * is drawn once per leaderboard view, language and origin (the QR code carries the address), and
 * its PNG rendered on the first request that needs it.
 */
import type { Context, Hono } from "hono";
import { entryPageUrl } from "../../common/page-url.ts";
import type { AppDeps } from "../deps.ts";
import { svgToPng } from "../embeds/image.ts";
import { CARD_PICTURE_PX, entryShareContext, POSTER_PICTURE_PX, shareContext } from "../embeds/share-context.ts";
import type { EntryShareContext } from "../embeds/share-canvas.ts";
import { listCardSvg } from "../embeds/share-lists.ts";
import { entryCardSvg, posterSvg } from "../embeds/share.ts";
import type { EmbedLang } from "../embeds/text.ts";
import { AppError } from "../errors.ts";
import { ImagesByView, sendPng, siteOrigin } from "../http/images.ts";
import type { CatalogEntry, CatalogList } from "../read/catalog.ts";
import type { LeaderboardView } from "../read/leaderboard.ts";

/** lang zh|en (default zh); anything else is 400, as on the leaderboard images. */
function langOf(c: Context): EmbedLang {
  const lang = c.req.query("lang") ?? "zh";
  if (lang !== "zh" && lang !== "en") throw new AppError("invalid_request", { zh: "lang 只能是 zh 或 en", en: "lang must be zh or en" });
  return lang;
}

export function registerShareRoutes(app: Hono, deps: AppDeps): void {
  const images = new ImagesByView<LeaderboardView>();

  const findEntry = (raw: string | undefined): CatalogEntry => {
    const id = Number(raw);
    const entry = /^\d{1,15}$/.test(raw ?? "") && Number.isSafeInteger(id) && id > 0 ? deps.catalog.current.entry(id) : undefined;
    if (!entry) throw new AppError("not_found", { zh: "找不到该参评对象", en: "No such entry" });
    return entry;
  };

  const findList = (campaign: string, list: string): CatalogList => {
    const found = deps.catalog.current.list(campaign, list);
    if (!found) throw new AppError("not_found", { zh: "找不到该榜单", en: "No such list" });
    return found;
  };

  /** The entry with its figures as the view shows them, and its picture at `px` pixels. */
  const entryContext = async (entry: CatalogEntry, board: LeaderboardView, lang: EmbedLang, px: number): Promise<EntryShareContext> => {
    const ctx = await entryShareContext(entry, board, lang, px);
    if (!ctx) throw new AppError("not_found", { zh: "找不到该参评对象", en: "No such entry" });
    return ctx;
  };

  app.get("/api/entries/:id/poster.png", async (c) => {
    const entry = findEntry(c.req.param("id"));
    const lang = langOf(c);
    const { board } = await deps.leaderboards.view(entry.list, deps.catalog.current.version);
    const url = entryPageUrl(siteOrigin(deps, c), lang, { campaign: entry.list.campaign.slug, list: entry.list.slug, slug: entry.slug });
    const image = await images.get(board, `poster/${entry.id}/${lang}/${url}`, async () =>
      posterSvg(await entryContext(entry, board, lang, POSTER_PICTURE_PX), url),
    );
    return sendPng(c, image, (svg) => svgToPng(svg));
  });

  app.get("/api/entries/:id/card.png", async (c) => {
    const entry = findEntry(c.req.param("id"));
    const lang = langOf(c);
    const { board } = await deps.leaderboards.view(entry.list, deps.catalog.current.version);
    const image = await images.get(board, `card/${entry.id}/${lang}`, async () =>
      entryCardSvg(await entryContext(entry, board, lang, CARD_PICTURE_PX)),
    );
    return sendPng(c, image, (svg) => svgToPng(svg));
  });

  app.get("/api/campaigns/:campaign/lists/:list/card.png", async (c) => {
    const list = findList(c.req.param("campaign")!, c.req.param("list")!);
    const lang = langOf(c);
    const { board } = await deps.leaderboards.view(list, deps.catalog.current.version);
    const image = await images.get(board, `list-card/${lang}`, () => listCardSvg(shareContext(list, board, lang)));
    return sendPng(c, image, (svg) => svgToPng(svg));
  });
}

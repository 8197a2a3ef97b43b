/**
 * Feeds for newsrooms beside the JSON and CSV ones: the top N of a list as SVG and PNG, and
 * oEmbed. Public reads like the others: CORS `*`, ETag with 304, a short shared cache life with
 * stale-while-revalidate. Images are rendered once per leaderboard view and options, then served
 * from memory until the view changes.
 */
import type { Context, Hono } from "hono";
import type { AppDeps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { ImagesByView, sendPng, sendPublic, siteOrigin, tagOf } from "../http/images.ts";
import { publicBody, publicJson } from "../http/public.ts";
import type { LeaderboardView } from "../read/leaderboard.ts";
import { leaderboardSvg, svgToPng, type ImageOptions } from "../embeds/image.ts";
import { shareContext } from "../embeds/share-context.ts";
import { portraitLeaderboardSvg } from "../embeds/share-lists.ts";
import type { CatalogList } from "../read/catalog.ts";
import { listPageUrl } from "../../common/page-url.ts";
import { EMBED_DEFAULT_LIMIT, EMBED_MAX_LIMIT, embedTargetOf, oembedFor } from "../embeds/oembed.ts";

interface Rendered {
  svg: string;
  svgTag: string;
  png?: Promise<{ bytes: Uint8Array; tag: string }>;
}

/** Per view object (a new one whenever figures or state change), per options. */
const images = new WeakMap<LeaderboardView, Map<string, Rendered>>();

function invalid(zh: string, en: string): never {
  throw new AppError("invalid_request", { zh, en });
}

/** limit 1–50 (default 10), theme light|dark (auto draws light: an image cannot follow the reader), lang zh|en. */
function imageOptions(c: Context): ImageOptions {
  const q = (k: string) => c.req.query(k);
  const rawLimit = q("limit");
  let limit = EMBED_DEFAULT_LIMIT;
  if (rawLimit !== undefined) {
    if (!/^\d{1,3}$/.test(rawLimit) || Number(rawLimit) < 1 || Number(rawLimit) > EMBED_MAX_LIMIT) {
      invalid(`limit 应为 1 到 ${EMBED_MAX_LIMIT} 之间的整数`, `limit must be a whole number from 1 to ${EMBED_MAX_LIMIT}`);
    }
    limit = Number(rawLimit);
  }
  const theme = q("theme") ?? "light";
  if (theme !== "light" && theme !== "dark" && theme !== "auto")
    invalid("theme 只能是 light、dark 或 auto", "theme must be light, dark or auto");
  const lang = q("lang") ?? "zh";
  if (lang !== "zh" && lang !== "en") invalid("lang 只能是 zh 或 en", "lang must be zh or en");
  return { limit, theme: theme === "dark" ? "dark" : "light", lang };
}

const portraits = new ImagesByView<LeaderboardView>();

/** `leaderboard.png?layout=portrait`: 750 px wide for 公众号 articles, with a QR code to the list page; drawn light. */
async function portraitPng(c: Context, deps: AppDeps, list: CatalogList): Promise<Response> {
  const options = imageOptions(c);
  if (options.theme === "dark") invalid("竖版榜单图只有浅色（theme=light）", "The portrait image is drawn light only (theme=light)");
  const { board } = await deps.leaderboards.view(list, deps.catalog.current.version);
  const url = listPageUrl(siteOrigin(deps, c), options.lang, { campaign: list.campaign.slug, slug: list.slug });
  const image = await portraits.get(board, `${options.limit}/${options.lang}/${url}`, () =>
    portraitLeaderboardSvg(shareContext(list, board, options.lang), options.limit, url),
  );
  return sendPng(c, image, (svg) => svgToPng(svg));
}

export function registerEmbedRoutes(app: Hono, deps: AppDeps): void {
  const findList = (campaign: string, list: string) => {
    const found = deps.catalog.current.list(campaign, list);
    if (!found) throw new AppError("not_found", { zh: "找不到该榜单", en: "No such list" });
    return found;
  };

  const rendered = async (c: Context): Promise<Rendered> => {
    const list = findList(c.req.param("campaign")!, c.req.param("list")!);
    const options = imageOptions(c);
    const { board } = await deps.leaderboards.view(list, deps.catalog.current.version);
    let byOptions = images.get(board);
    if (!byOptions) images.set(board, (byOptions = new Map()));
    const key = `${options.limit}/${options.theme}/${options.lang}`;
    let found = byOptions.get(key);
    if (!found) {
      const { svg } = leaderboardSvg(
        { board, listTitle: list.title, campaignTitle: list.campaign.title, timezone: list.campaign.timezone },
        options,
      );
      found = { svg, svgTag: tagOf(svg, "svg") };
      byOptions.set(key, found);
    }
    return found;
  };

  app.get("/api/campaigns/:campaign/lists/:list/leaderboard.svg", async (c) => {
    const image = await rendered(c);
    // compressed per coding once per image (outlines compress about fourfold); the language is in the query
    return publicBody(c, image.svg, "image/svg+xml; charset=UTF-8", { etag: image.svgTag, vary: "" });
  });

  app.get("/api/campaigns/:campaign/lists/:list/leaderboard.png", async (c) => {
    const layout = c.req.query("layout");
    if (layout !== undefined && layout !== "landscape" && layout !== "portrait")
      invalid("layout 只能是 landscape 或 portrait", "layout must be landscape or portrait");
    if (layout === "portrait") return portraitPng(c, deps, findList(c.req.param("campaign")!, c.req.param("list")!));
    const image = await rendered(c);
    // The PNG's tag follows the SVG's, so a 304 needs no rendering at all.
    const tag = image.svgTag.replace('W/"svg-', 'W/"png-');
    const inm = c.req.header("if-none-match");
    if (inm && inm.split(",").some((t) => t.trim() === tag)) return sendPublic(c, "", "image/png", tag);
    image.png ??= svgToPng(image.svg).then((bytes) => ({ bytes, tag }));
    const png = await image.png;
    return sendPublic(c, png.bytes, "image/png", png.tag);
  });

  app.get("/api/oembed", (c) => {
    const format = c.req.query("format");
    if (format !== undefined && format !== "json") {
      throw new AppError("not_implemented", { zh: "只提供 JSON 格式的 oEmbed", en: "Only the json oEmbed format is available" });
    }
    const raw = c.req.query("url");
    if (!raw) invalid("缺少 url 参数", "The url parameter is missing");
    const origin = siteOrigin(deps, c);
    let url: URL;
    try {
      // A path alone is read against this site (discovery links written without PUBLIC_ORIGIN).
      url = new URL(raw, origin + "/");
    } catch {
      invalid("url 不是有效的网址", "url is not a valid URL");
    }
    if (url.origin !== origin) {
      throw new AppError("not_found", { zh: "只能嵌入本站的榜单页面", en: "Only this site's list pages can be embedded" });
    }
    const target = embedTargetOf(url);
    const list = target && deps.catalog.current.list(target.campaign, target.list);
    if (!target || !list)
      throw new AppError("not_found", { zh: "该网址不是本站的榜单页面", en: "That URL is not a list page of this site" });
    const dimension = (name: string) => {
      const v = c.req.query(name);
      if (v === undefined) return undefined;
      if (!/^\d{1,5}$/.test(v) || Number(v) < 1) invalid(`${name} 应为正整数`, `${name} must be a positive whole number`);
      return Number(v);
    };
    const maxwidth = dimension("maxwidth");
    const maxheight = dimension("maxheight");
    return publicJson(c, oembedFor(list, target, { origin, maxwidth, maxheight }));
  });
}

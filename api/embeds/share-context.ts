/** What a share image is drawn from: the list's words and the view, and for an entry its figures and picture. */
import type { CatalogEntry, CatalogList } from "../read/catalog.ts";
import type { LeaderboardView } from "../read/leaderboard.ts";
import { pictureDataUrl, pictureOf } from "./picture.ts";
import type { EntryShareContext, ShareContext } from "./share-canvas.ts";
import type { EmbedLang } from "./text.ts";

export function shareContext(list: CatalogList, board: LeaderboardView, lang: EmbedLang): ShareContext {
  return {
    board,
    listTitle: list.title,
    campaignTitle: list.campaign.title,
    ...(list.campaign.definition.organizer ? { organizer: list.campaign.definition.organizer } : {}),
    timezone: list.campaign.timezone,
    lang,
  };
}

/**
 * The entry as the view shows it (figures only on ranked lists), with its picture made `px` square;
 * undefined when the view does not hold it (a catalog that changed between the two reads).
 */
export async function entryShareContext(
  entry: CatalogEntry,
  board: LeaderboardView,
  lang: EmbedLang,
  px: number,
): Promise<EntryShareContext | undefined> {
  const shown = board.entries.find((e) => e.id === entry.id);
  if (!shown) return undefined;
  const picture = await pictureDataUrl(pictureOf(entry), px);
  const opensAt = entry.list.window ? new Date(entry.list.window.opensAt).toISOString() : undefined;
  return {
    ...shareContext(entry.list, board, lang),
    entry: shown,
    perDay: entry.list.perDay,
    ...(opensAt ? { opensAt } : {}),
    ...(picture ? { picture } : {}),
  };
}

/** The poster's picture size in PNG pixels (100 SVG px at 2×, a little over for the resampling), and the card's. */
export const POSTER_PICTURE_PX = 240;
export const CARD_PICTURE_PX = 300;

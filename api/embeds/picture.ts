/**
 * An entry's picture for the share images: the same choice as the pages' thumbnails (decision 023:
 * the logo, else the photo, else a case's first figure), read from the site's public folder and
 * made by sharp into a small square PNG that the image's SVG carries inline, so resvg draws it
 * with the text. Pictures elsewhere (https URLs) are not fetched: the server downloads nothing
 * while it draws, and the image shows the monogram tile the pages show for an entry without one.
 */
import { stat } from "node:fs/promises";
import { dirname, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { CatalogEntry } from "../read/catalog.ts";

/** site/public, found when first needed. */
const publicRoot = (): string => resolve(dirname(fileURLToPath(import.meta.url)), "../../site/public");

export type PictureFit = "contain" | "cover";

export interface EntryPicture {
  src: string;
  fit: PictureFit;
}

/** The logo (shown whole), else the photo, else a case's first figure (both cropped to fill). */
export function pictureOf(entry: Pick<CatalogEntry, "logo" | "photo" | "images">): EntryPicture | undefined {
  if (entry.logo) return { src: entry.logo.src, fit: "contain" };
  if (entry.photo) return { src: entry.photo.src, fit: "cover" };
  const first = entry.images?.[0];
  return first ? { src: first.src, fit: "cover" } : undefined;
}

/** The file under site/public a site path names; undefined for a URL or a path outside it. */
export function publicFileOf(src: string, root = publicRoot()): string | undefined {
  if (!src.startsWith("/") || src.startsWith("//")) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(src.split(/[?#]/)[0]!);
  } catch {
    return undefined;
  }
  const file = resolve(root, `.${path}`);
  return file.startsWith(root + sep) ? file : undefined;
}

/** Square PNGs as data: URLs, per file, fit, size and the file's modification: a changed file is read again. */
const made = new Map<string, Promise<string | undefined>>();
const MAX_KEPT = 500;

/**
 * The picture as a `px`-square PNG data: URL (a logo whole on white, a photo cropped to fill), or
 * undefined when there is none this server can read: the caller draws the monogram instead.
 */
export async function pictureDataUrl(picture: EntryPicture | undefined, px: number): Promise<string | undefined> {
  if (!picture) return undefined;
  let file: string | undefined;
  let stamp: string;
  try {
    // no site folder where the code is not a file (an edge bundle): no picture, the monogram
    file = publicFileOf(picture.src);
    if (!file) return undefined;
    const st = await stat(file);
    if (!st.isFile()) return undefined;
    stamp = `${st.mtimeMs}:${st.size}`;
  } catch {
    return undefined;
  }
  const key = `${file}|${picture.fit}|${px}|${stamp}`;
  let found = made.get(key);
  if (!found) {
    if (made.size >= MAX_KEPT) made.delete(made.keys().next().value!);
    const source = file;
    // sharp loaded on the first picture: a runtime without its native module never loads it
    found = import("sharp")
      .then(({ default: sharp }) =>
        sharp(source, { density: 300 })
          .resize(px, px, { fit: picture.fit, background: { r: 255, g: 255, b: 255, alpha: 1 } })
          .flatten({ background: "#ffffff" })
          .png({ compressionLevel: 9 })
          .toBuffer(),
      )
      .then((png) => `data:image/png;base64,${png.toString("base64")}`)
      // an unreadable or corrupt file: the monogram, and no error for the reader
      .catch(() => undefined);
    made.set(key, found);
  }
  return found;
}

/**
 * Which picture stands for an entry in a list, and how its thumbnail is named: pure functions, so
 * the rule is tested without a build. The files themselves are made by site/lib/thumb-files.ts.
 */
import type { Localized, SnapshotEntry } from "../../common/snapshot";
import { pick, type Lang } from "../../common/i18n";

/** How the picture fills its square: a logo whole on a light tile, a photo or figure cropped to fill. */
export type ThumbFit = "contain" | "cover";

export interface Thumb {
  src: string;
  /** what the picture shows, for where it is not beside the entry's name */
  alt?: Localized;
  role: "logo" | "photo" | "figure";
  fit: ThumbFit;
}

/**
 * The entry's logo, else its photo, else a case's first figure (unless `figure` is false: the entry
 * page shows the figures in full further down), else none.
 */
export function thumbOf(entry: Pick<SnapshotEntry, "logo" | "photo" | "images">, { figure = true } = {}): Thumb | undefined {
  if (entry.logo) return { src: entry.logo.src, ...(entry.logo.alt ? { alt: entry.logo.alt } : {}), role: "logo", fit: "contain" };
  if (entry.photo) return { src: entry.photo.src, ...(entry.photo.alt ? { alt: entry.photo.alt } : {}), role: "photo", fit: "cover" };
  const first = figure ? entry.images?.[0] : undefined;
  if (first) return { src: first.src, alt: first.alt ?? first.caption, role: "figure", fit: "cover" };
  return undefined;
}

/** Whether any entry of a list has a picture: then the others show a monogram tile so the cards align. */
export function listHasThumbs(entries: readonly Pick<SnapshotEntry, "logo" | "photo" | "images">[]): boolean {
  return entries.some((e) => thumbOf(e) !== undefined);
}

/**
 * raster: a PNG, JPEG or WebP file on this site, shrunk at build time into WebP variants per pixel
 * density; vector: an SVG on this site, sharp at every size as it is; as-is: anything else (an
 * https URL, another format), used as given.
 */
export type SourceKind = "raster" | "vector" | "as-is";

export function sourceKind(src: string): SourceKind {
  if (!src.startsWith("/") || src.startsWith("//")) return "as-is";
  const path = src.split(/[?#]/)[0]!.toLowerCase();
  if (/\.(png|jpe?g|webp)$/.test(path)) return "raster";
  if (path.endsWith(".svg")) return "vector";
  return "as-is";
}

/** The pixel densities raster thumbnails are made for: phones run at 2× and 3×. */
export const DENSITIES = [1, 2, 3] as const;

/** Where the variants are served from, in the built site. */
export const THUMB_DIR = "_thumbs";

/**
 * A variant's path: the source's name, a hash of its bytes (a changed file gets a new URL, so the
 * old one may be cached for ever), the fit and the pixel size: /_thumbs/aurora-3f2a9c01d4-c112.webp.
 */
export function variantPath(src: string, hash: string, fit: ThumbFit, px: number): string {
  const file = src.split(/[?#]/)[0]!.split("/").pop() ?? "image";
  const stem = file.replace(/\.[^.]+$/, "").replace(/[^a-zA-Z0-9_-]/g, "-") || "image";
  return `/${THUMB_DIR}/${stem}-${hash}-${fit === "contain" ? "n" : "c"}${px}.webp`;
}

/** A `srcset` of x descriptors: the box is a fixed number of CSS pixels, only the density varies. */
export function densitySrcset(paths: readonly string[]): string {
  return paths.map((p, i) => `${p} ${DENSITIES[i]}x`).join(", ");
}

const roleWords: Record<Lang, Record<Thumb["role"], string>> = {
  zh: { logo: "标志", photo: "照片", figure: "配图" },
  en: { logo: "logo", photo: "photo", figure: "figure" },
};

/** The alt text of a thumbnail that stands alone: the picture's own, else "<name> 标志" / "<name> logo". */
export function thumbAlt(thumb: Thumb, name: Localized, lang: Lang): { text: string; lang: Lang } {
  if (thumb.alt) return pick(thumb.alt, lang);
  const n = pick(name, lang);
  return { text: `${n.text}${n.lang === "en" ? " " : ""}${roleWords[n.lang][thumb.role]}`, lang: n.lang };
}

/** The monogram for an entry without a picture: the first character of its name in the page's language. */
export function monogram(name: Localized, lang: Lang): { text: string; lang: Lang } {
  const picked = pick(name, lang);
  const first = Array.from(picked.text.trim())[0] ?? "";
  return { text: first.toLocaleUpperCase(), lang: picked.lang };
}

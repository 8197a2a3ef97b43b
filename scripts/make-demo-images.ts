/**
 * Draws the demo campaigns' fictional logos and photos: every `logo` and `photo` the files in
 * db/demo/ name under /demo/ is written to site/public/demo/…, drawn from the entry's slug (colours,
 * shapes) and English name (initials), so the same files come out on every run and no picture
 * resembles a real brand or person. An .svg path gets the SVG; a .png or .webp path gets it
 * rasterised by sharp at 240 px (3× the largest thumbnail), without text, so that raster files
 * exercise the site's responsive variants whatever fonts this machine has.
 *
 * Usage: tsx scripts/make-demo-images.ts (then commit db/demo and site/public/demo together).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, extname, join } from "node:path";
import sharp from "sharp";
import { parse as parseYaml } from "yaml";
import { projectRoot } from "../api/site/build.ts";

interface DemoEntry {
  slug: string;
  kind: string;
  name: { zh: string; en?: string };
  logo?: { src: string };
  photo?: { src: string };
}

const RASTER_PX = 240;

/** A small deterministic number stream from a slug (FNV-1a, then xorshift). */
function stream(seed: string): () => number {
  let h = 0x811c9dc5;
  for (const ch of seed) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
  return () => {
    h ^= h << 13;
    h ^= h >>> 17;
    h ^= h << 5;
    h >>>= 0;
    return h / 0x1_0000_0000;
  };
}

const pickOf = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
const hsl = (h: number, s: number, l: number) => `hsl(${Math.round(h)} ${s}% ${l}%)`;

/** Up to two initials from the English name, leaving out "Demo" and legal words. */
function initials(entry: DemoEntry): string {
  const skip = /^(demo|co\.?,?|ltd\.?|inc\.?|the|of|and|group|technology|&)$/i;
  const words = (entry.name.en ?? entry.slug.replace(/-/g, " ")).split(/[\s-]+/).filter((w) => w && !skip.test(w));
  return words
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join("");
}

const shapes = [
  '<circle cx="32" cy="32" r="30"',
  '<rect x="2" y="2" width="60" height="60" rx="14"',
  '<path d="M32 2 58 17v30L32 62 6 47V17z"',
  '<path d="M32 1 63 32 32 63 1 32z"',
] as const;
const marks = [
  '<circle cx="32" cy="32" r="20" fill="none" stroke="#fff" stroke-width="3" opacity=".45"/>',
  '<path d="M14 46h36M14 52h36" stroke="#fff" stroke-width="3" opacity=".5"/>',
  '<path d="M12 20 32 10l20 10" fill="none" stroke="#fff" stroke-width="3" opacity=".55"/>',
  '<path d="M10 48q11-8 22 0t22 0" fill="none" stroke="#fff" stroke-width="3" opacity=".5"/>',
] as const;

function logoSvg(entry: DemoEntry, withText: boolean): string {
  const next = stream(entry.slug);
  const hue = next() * 360;
  const fill = hsl(hue, 55, 34);
  const shape = pickOf(next, shapes);
  const mark = pickOf(next, marks);
  const text = withText
    ? `<text x="32" y="40" fill="#fff" font-family="Arial,Helvetica,sans-serif" font-size="22" font-weight="700" text-anchor="middle">${initials(entry)}</text>`
    : `<rect x="22" y="22" width="20" height="20" rx="${Math.round(next() * 10)}" fill="${hsl(hue + 40, 70, 82)}"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">${shape} fill="${fill}"/>${mark}${text}</svg>`;
}

/** An illustrated portrait: a head and shoulders in flat colour, plainly not a photograph. */
function portraitSvg(entry: DemoEntry): string {
  const next = stream(entry.slug);
  const hue = next() * 360;
  const tone = hsl(20 + next() * 20, 35, 62 + next() * 14);
  const hair = next() < 0.5 ? `<path d="M20 28q0-16 12-16t12 16q-3-9-12-9t-12 9z" fill="${hsl(hue, 20, 20)}"/>` : "";
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="${hsl(hue, 45, 86)}"/>` +
    `<path d="M8 64q2-20 24-20t24 20z" fill="${hsl(hue, 40, 38)}"/><circle cx="32" cy="29" r="12" fill="${tone}"/>${hair}</svg>`
  );
}

/** A product shot: one rounded object on a soft background, with a highlight. */
function productSvg(entry: DemoEntry): string {
  const next = stream(entry.slug);
  const hue = next() * 360;
  const w = 26 + Math.round(next() * 16);
  const h = 18 + Math.round(next() * 22);
  const x = 32 - w / 2;
  const y = 34 - h / 2;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="${hsl(hue, 30, 90)}"/>` +
    `<ellipse cx="32" cy="${y + h + 5}" rx="${w / 2 + 4}" ry="3" fill="#000" opacity=".12"/>` +
    `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="${Math.round(next() * 10) + 2}" fill="${hsl(hue, 50, 36)}"/>` +
    `<rect x="${x + 4}" y="${y + 4}" width="${Math.round(w / 3)}" height="3" rx="1.5" fill="#fff" opacity=".6"/></svg>`
  );
}

/** A park from above: green land, a river, a few blocks of buildings. */
function aerialSvg(entry: DemoEntry): string {
  const next = stream(entry.slug);
  const blocks = Array.from({ length: 5 }, () => {
    const [x, y] = [4 + Math.round(next() * 44), 4 + Math.round(next() * 30)];
    return `<rect x="${x}" y="${y}" width="${8 + Math.round(next() * 8)}" height="${6 + Math.round(next() * 8)}" rx="1"/>`;
  }).join("");
  const bend = 20 + Math.round(next() * 24);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="${hsl(90 + next() * 50, 30, 72)}"/>` +
    `<path d="M0 ${bend + 10}Q32 ${bend + 30} 64 ${bend}" fill="none" stroke="${hsl(205, 55, 58)}" stroke-width="7"/>` +
    `<g fill="${hsl(30, 10, 94)}" stroke="${hsl(30, 8, 60)}" stroke-width=".8">${blocks}</g></svg>`
  );
}

function drawing(entry: DemoEntry, field: "logo" | "photo", withText: boolean): string {
  if (field === "logo") return logoSvg(entry, withText);
  if (entry.kind === "person" || entry.kind === "team") return portraitSvg(entry);
  if (entry.kind === "park" || entry.kind === "block") return aerialSvg(entry);
  return productSvg(entry);
}

async function write(src: string, svg: string): Promise<number> {
  const file = join(projectRoot, "site/public", src);
  mkdirSync(dirname(file), { recursive: true });
  const ext = extname(file);
  let bytes: Buffer;
  if (ext === ".svg") bytes = Buffer.from(`${svg}\n`);
  else {
    const image = sharp(Buffer.from(svg), { density: (72 * RASTER_PX) / 64 }).resize(RASTER_PX, RASTER_PX);
    bytes =
      ext === ".png" ? await image.png({ palette: true, compressionLevel: 9 }).toBuffer() : await image.webp({ quality: 80 }).toBuffer();
  }
  writeFileSync(file, bytes);
  return bytes.length;
}

const demoDir = join(projectRoot, "db/demo");
let count = 0;
let total = 0;
for (const name of readdirSync(demoDir).filter((n) => n.endsWith(".yaml"))) {
  const campaign = parseYaml(readFileSync(join(demoDir, name), "utf8")) as { lists: { entries: DemoEntry[] }[] };
  for (const entry of campaign.lists.flatMap((l) => l.entries)) {
    for (const field of ["logo", "photo"] as const) {
      const src = entry[field]?.src;
      if (!src?.startsWith("/demo/")) continue;
      const size = await write(src, drawing(entry, field, extname(src) === ".svg"));
      console.log(`${src} ${size} B`);
      count += 1;
      total += size;
    }
  }
}
console.log(`${count} images, ${total} B`);

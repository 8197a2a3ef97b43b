/**
 * The site's raster icons, drawn from site/public/favicon.svg so there is one drawing: the web
 * manifest's 192 and 512 PNGs, a maskable 512 and the 180×180 apple-touch-icon (both full-bleed
 * squares: the platform cuts its own shape, and the bars sit well inside the maskable safe circle),
 * and favicon.ico with 16, 32 and 48 PNG payloads (ICO allows PNG images since Windows Vista; every
 * browser reads them). Run after changing the SVG: `tsx scripts/make-icons.ts`; the outputs are
 * committed, so neither a build nor a deployment needs this script.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { initWasm, Resvg } from "@resvg/resvg-wasm";

const publicDir = new URL("../site/public/", import.meta.url);
const svg = readFileSync(new URL("favicon.svg", publicDir), "utf8");
// The same drawing without rounded corners, for icons that platforms mask themselves.
const square = svg.replace(/ rx="[\d.]+"/, "");
if (square === svg) throw new Error("favicon.svg: expected a rounded background rect (rx) to square off");

await initWasm(readFileSync(createRequire(import.meta.url).resolve("@resvg/resvg-wasm/index_bg.wasm")));

function png(source: string, size: number): Buffer {
  const resvg = new Resvg(source, { fitTo: { mode: "width", value: size } });
  try {
    const image = resvg.render();
    const bytes = Buffer.from(image.asPng());
    image.free();
    return bytes;
  } finally {
    resvg.free();
  }
}

/** An ICO file whose images are PNGs: a 6-byte header, a 16-byte entry per image, then the images. */
function ico(images: { size: number; data: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, data }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0); // width (0 means 256)
    entry.writeUInt8(size >= 256 ? 0 : size, 1); // height
    entry.writeUInt8(0, 2); // no palette
    entry.writeUInt8(0, 3); // reserved
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(data.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += data.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.data)]);
}

const outputs: [string, Buffer][] = [
  ["icon-192.png", png(svg, 192)],
  ["icon-512.png", png(svg, 512)],
  ["icon-maskable-512.png", png(square, 512)],
  ["apple-touch-icon.png", png(square, 180)],
  ["favicon.ico", ico([16, 32, 48].map((size) => ({ size, data: png(svg, size) })))],
];
for (const [name, bytes] of outputs) {
  writeFileSync(new URL(name, publicDir), bytes);
  console.log(`site/public/${name}  ${bytes.length} B`);
}

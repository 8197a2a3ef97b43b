/**
 * QR codes for the share images, encoded by uqr (a kept library without dependencies, decision 026)
 * and drawn as one SVG path, so resvg rasterises them with the rest of the image. Dark modules on
 * white, with the four-module quiet zone the standard asks for, each module a whole number of
 * pixels at the PNG's 2× so a phone's camera reads sharp edges.
 */
import { encode } from "uqr";

export interface QrDrawing {
  /** an SVG fragment: the white tile and the modules */
  svg: string;
  /** the side actually used, in SVG px (at most the side asked for) */
  side: number;
  /** modules per side, quiet zone included */
  modules: number;
}

const QUIET = 4;

/**
 * `text` as a QR code in a square of at most `side` SVG px with its top-left corner at (x, y).
 * Error correction M (15 %): room for a print's wear and a screenshot's compression at a version
 * small enough for a long URL to keep large modules.
 */
export function qrSvg(text: string, x: number, y: number, side: number, zoom = 2): QrDrawing {
  const qr = encode(text, { ecc: "M", border: 0 });
  const modules = qr.size + 2 * QUIET;
  // a module is a whole number of output pixels: floor(side·zoom / modules) px, at least 1
  const modulePx = Math.max(1, Math.floor((side * zoom) / modules));
  const unit = modulePx / zoom;
  const used = unit * modules;
  const parts: string[] = [];
  qr.data.forEach((row, r) => {
    let c = 0;
    while (c < row.length) {
      if (!row[c]) {
        c += 1;
        continue;
      }
      let end = c;
      while (end < row.length && row[end]) end += 1;
      // one rectangle per run of dark modules in a row, in module units
      parts.push(`M${c + QUIET} ${r + QUIET}h${end - c}v1h${c - end}z`);
      c = end;
    }
  });
  const svg =
    `<rect x="${x}" y="${y}" width="${used}" height="${used}" fill="#ffffff"/>` +
    `<path transform="translate(${x} ${y}) scale(${unit})" fill="#000000" shape-rendering="crispEdges" d="${parts.join("")}"/>`;
  return { svg, side: used, modules };
}

/**
 * What the image routes share (leaderboard images, posters, share cards): the site's origin for
 * the addresses an image carries, ETags from the image's SVG, and the public headers of the JSON
 * and CSV feeds with 304. PNGs are never recompressed.
 */
import { createHash } from "node:crypto";
import type { Context } from "hono";
import type { AppDeps } from "../deps.ts";

/** Where this site lives: PUBLIC_ORIGIN when set, else the origin the request came to. */
export function siteOrigin(deps: AppDeps, c: Context): string {
  return deps.http.publicOrigin ?? new URL(c.req.url).origin;
}

export function tagOf(bytes: string | Uint8Array, kind: string): string {
  return `W/"${kind}-${createHash("sha1").update(bytes).digest("base64url")}"`;
}

/** Whether the request's If-None-Match names `etag`. */
export function matches(c: Context, etag: string): boolean {
  const inm = c.req.header("if-none-match");
  return !!inm && inm.split(",").some((t) => t.trim() === etag);
}

/** The same headers as the JSON and CSV feeds (api/http/public.ts publicBody), for the PNG: never recompressed. */
export function sendPublic(c: Context, body: string | Uint8Array, contentType: string, etag: string): Response {
  c.header("Access-Control-Allow-Origin", "*");
  c.header("Cache-Control", "public, max-age=5, stale-while-revalidate=30");
  c.header("ETag", etag);
  if (matches(c, etag)) return c.body(null, 304);
  c.header("Content-Type", contentType);
  return c.body(body as string);
}

/** An image drawn once: its SVG, the PNG's tag (from the SVG, so a 304 needs no rendering), the PNG once asked for. */
export interface RenderedPng {
  svg: string;
  tag: string;
  png?: Promise<Uint8Array>;
}

/**
 * Images kept per leaderboard view object (a new one whenever figures or state change) and key:
 * old images go with the old view.
 */
const MAX_PER_VIEW = 1000;

export class ImagesByView<View extends object> {
  readonly #byView = new WeakMap<View, Map<string, RenderedPng>>();

  async get(view: View, key: string, draw: () => Promise<string> | string): Promise<RenderedPng> {
    let byKey = this.#byView.get(view);
    if (!byKey) this.#byView.set(view, (byKey = new Map()));
    let found = byKey.get(key);
    if (!found) {
      const svg = await draw();
      found = byKey.get(key);
      if (!found) {
        // keys carry the request's origin when PUBLIC_ORIGIN is unset: bounded whatever Host headers arrive
        if (byKey.size >= MAX_PER_VIEW) byKey.delete(byKey.keys().next().value!);
        found = { svg, tag: tagOf(svg, "png") };
        byKey.set(key, found);
      }
    }
    return found;
  }
}

/** The PNG of a drawn image: 304 to its tag without rendering, else rendered once and kept with it. */
export async function sendPng(c: Context, image: RenderedPng, render: (svg: string) => Promise<Uint8Array>): Promise<Response> {
  if (matches(c, image.tag)) return sendPublic(c, "", "image/png", image.tag);
  if (!image.png) {
    const png = render(image.svg);
    image.png = png;
    // a failed render is tried again by the next request, not kept
    png.then(
      // once rendered the SVG is not needed again (the tag stays): a kept image costs its PNG alone
      () => {
        image.svg = "";
      },
      () => {
        if (image.png === png) image.png = undefined;
      },
    );
  }
  return sendPublic(c, await image.png, "image/png", image.tag);
}

/** Reading EntryThumb's output back out of a built page, for the site tests. */

export interface ThumbTag {
  /** logo, photo, figure or monogram (the data-thumb attribute) */
  role: string;
  tag: "img" | "span";
  attrs: Record<string, string>;
}

/** Every element EntryThumb rendered in `html`, with its attributes (entities in values decoded). */
export function thumbTags(html: string): ThumbTag[] {
  const tags: ThumbTag[] = [];
  for (const m of html.matchAll(/<(img|span)\b([^>]*\bdata-thumb=[^>]*)>/g)) {
    const attrs: Record<string, string> = {};
    for (const a of m[2]!.matchAll(/([a-zA-Z-:]+)(?:=(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
      attrs[a[1]!.toLowerCase()] = (a[2] ?? a[3] ?? a[4] ?? "").replace(/&amp;/g, "&").replace(/&quot;/g, '"');
    }
    tags.push({ role: attrs["data-thumb"]!, tag: m[1] as "img" | "span", attrs });
  }
  return tags;
}

/** The URLs an <img> may fetch: its src and every srcset candidate. */
export function imageUrls(attrs: Record<string, string>): string[] {
  const candidates = (attrs.srcset ?? "")
    .split(",")
    .map((c) => c.trim().split(/\s+/)[0]!)
    .filter(Boolean);
  return [...new Set([attrs.src!, ...candidates])];
}

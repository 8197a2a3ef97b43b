/** Where the edge finds what `npm run edge` puts among its static assets (scripts/edge.ts). */
export const FONT_PATH = "/_edge/fonts";

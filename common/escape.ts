/**
 * Text made safe to place in HTML or XML (SVG included): as element content, and as an attribute
 * value in double or single quotes. It lives in common/ because both api/ (oEmbed HTML, SVG images)
 * and site/ (the embed snippet) need it and api/ does not import site/; it imports nothing, so code
 * that ships to browsers may use it too.
 */
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  // &#39; rather than &apos;: the one both HTML 4 and XML read
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}

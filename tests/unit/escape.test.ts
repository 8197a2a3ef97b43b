import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeHtml } from "../../common/escape.ts";
import { embedSnippet } from "../../site/lib/embed-text.ts";

describe("escapeHtml", () => {
  it("escapes the five characters that end text or a quoted attribute", () => {
    expect(escapeHtml(`<b>"A" & 'B'</b>`)).toBe("&lt;b&gt;&quot;A&quot; &amp; &#39;B&#39;&lt;/b&gt;");
    expect(escapeHtml("榜单 · 2024")).toBe("榜单 · 2024");
    expect(escapeHtml("")).toBe("");
  });

  it("escapes an ampersand once, so an entity in the text stays text", () => {
    expect(escapeHtml("&amp; a=1&b=2")).toBe("&amp;amp; a=1&amp;b=2");
  });

  it("keeps an attribute-breaking title inside its attribute, double- or single-quoted", () => {
    for (const hostile of [`"><script>alert(1)</script>`, `' onload='alert(1)`, `x" onerror="alert(1)`]) {
      const double = `<iframe title="${escapeHtml(hostile)}"></iframe>`;
      const single = `<iframe title='${escapeHtml(hostile)}'></iframe>`;
      for (const html of [double, single]) {
        // the attribute's own two quotes are the only ones, and no tag opens inside it
        expect(html.match(/["']/g)).toHaveLength(2);
        expect(html.match(/</g)).toHaveLength(2);
      }
    }
  });

  it("leaves no markup character behind and reads back as the text (property)", () => {
    const unescape = (s: string) =>
      s.replace(/&(lt|gt|quot|#39|amp);/g, (_, e: string) => ({ lt: "<", gt: ">", quot: '"', "#39": "'", amp: "&" })[e]!);
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        const escaped = escapeHtml(text);
        expect(escaped).not.toMatch(/[<>"']/);
        expect(escaped.replace(/&(lt|gt|quot|#39|amp);/g, "")).not.toContain("&");
        expect(unescape(escaped)).toBe(text);
      }),
    );
  });

  it("is what the site's embed snippet uses for its title and addresses", () => {
    const snippet = embedSnippet("https://example.org", "zh", "test-2024", "ranked", `"><script>alert('x')</script>`);
    expect(snippet).toContain(`title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"`);
    expect(snippet).not.toContain("<script>alert");
  });
});

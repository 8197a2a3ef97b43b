import { describe, expect, it } from "vitest";
import { preferredLang } from "../../api/errors.ts";

describe("preferredLang reads the whole Accept-Language header", () => {
  it.each([
    ["fr-CH, fr;q=0.9, en;q=0.8", "en"],
    ["en;q=0.1, zh-CN;q=0.9", "zh"],
    ["en;q=0, zh", "zh"],
    ["en-US,en;q=0.9,zh-CN;q=0.8", "en"],
    ["zh-Hans-CN;q=0.4, en-GB;q=0.6", "en"],
    [" EN-gb ; Q=0.7 , fr", "en"],
    ["en_US", "en"],
  ] as const)("%s → %s (highest q among zh and en)", (header, lang) => {
    expect(preferredLang(header)).toBe(lang);
  });

  it("takes the earlier of two with the same q", () => {
    expect(preferredLang("en;q=0.5, zh;q=0.5")).toBe("en");
    expect(preferredLang("zh-TW;q=0.5, en;q=0.5")).toBe("zh");
    expect(preferredLang("de, en, zh")).toBe("en");
  });

  it("q=0 rules a language out", () => {
    expect(preferredLang("en;q=0")).toBe("zh");
    expect(preferredLang("zh;q=0, en;q=0.1")).toBe("en");
  });

  it("* is any language: Chinese, unless Chinese is ruled out", () => {
    expect(preferredLang("*")).toBe("zh");
    expect(preferredLang("fr, *;q=0.5, en;q=0.4")).toBe("zh");
    expect(preferredLang("en, *;q=0.5")).toBe("en");
    expect(preferredLang("zh;q=0, *")).toBe("en");
  });

  it("Chinese when the header is missing, empty, garbage or names only other languages", () => {
    for (const header of [undefined, null, "", "   ", ";;;,,,", "garbage", "english", "q=1", "fr-CH, fr;q=0.9", "ja, ko;q=0.5"])
      expect(preferredLang(header), String(header)).toBe("zh");
  });
});

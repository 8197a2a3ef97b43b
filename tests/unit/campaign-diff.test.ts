import { describe, expect, it } from "vitest";
import { campaignChanges, canonicalJson } from "../../api/domain/campaign-diff.ts";
import type { CampaignFile } from "../../api/domain/campaign.ts";

const file = (lists: { slug: string; title?: string; entries: { slug: string; name?: string }[] }[]) =>
  ({
    lists: lists.map((l) => ({
      slug: l.slug,
      title: { zh: l.title ?? l.slug },
      entries: l.entries.map((e) => ({ slug: e.slug, name: { zh: e.name ?? e.slug } })),
    })),
  }) as unknown as CampaignFile;

describe("campaignChanges", () => {
  it("a new campaign: every list and entry added", () => {
    expect(campaignChanges(undefined, file([{ slug: "a", entries: [{ slug: "x" }, { slug: "y" }] }]))).toEqual({
      lists: { added: ["a"], changed: [], removed: [] },
      entries: { added: ["a/x", "a/y"], changed: [], removed: [] },
    });
  });

  it("the same file: nothing, whatever the key order", () => {
    const before = file([{ slug: "a", entries: [{ slug: "x" }] }]);
    const reordered = JSON.parse(
      JSON.stringify(before, (_k, v) =>
        v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
      ),
    );
    expect(campaignChanges(before, reordered)).toEqual({
      lists: { added: [], changed: [], removed: [] },
      entries: { added: [], changed: [], removed: [] },
    });
  });

  it("lists and entries added, changed and removed, each named", () => {
    const before = file([
      { slug: "a", entries: [{ slug: "x" }, { slug: "y" }, { slug: "z" }] },
      { slug: "b", entries: [{ slug: "w" }] },
    ]);
    const after = file([
      { slug: "a", title: "新标题", entries: [{ slug: "x" }, { slug: "y", name: "改名" }, { slug: "v" }] },
      { slug: "c", entries: [{ slug: "u" }] },
    ]);
    expect(campaignChanges(before, after)).toEqual({
      lists: { added: ["c"], changed: ["a"], removed: ["b"] },
      entries: { added: ["a/v", "c/u"], changed: ["a/y"], removed: ["a/z", "b/w"] },
    });
  });

  it("an entry change alone does not mark its list changed", () => {
    const before = file([{ slug: "a", entries: [{ slug: "x" }] }]);
    const after = file([{ slug: "a", entries: [{ slug: "x", name: "新名" }] }]);
    expect(campaignChanges(before, after).lists.changed).toEqual([]);
    expect(campaignChanges(before, after).entries.changed).toEqual(["a/x"]);
  });
});

describe("canonicalJson", () => {
  it("sorts keys, keeps array order, drops undefined", () => {
    expect(canonicalJson({ b: 1, a: [2, { d: undefined, c: "x" }] })).toBe('{"a":[2,{"c":"x"}],"b":1}');
  });
});

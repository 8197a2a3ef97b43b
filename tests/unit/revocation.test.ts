/** The revocation (摘牌) rules as plain functions: which entry a reference names, and when one may be revoked. */
import { describe, expect, it } from "vitest";
import { findEntryRef, revocationRefusal } from "../../api/domain/revocation.ts";

const lists = [
  {
    slug: "parks",
    entries: [
      { id: 1, slug: "a" },
      { id: 2, slug: "shared" },
    ],
  },
  {
    slug: "enterprises",
    entries: [
      { id: 3, slug: "b" },
      { id: 4, slug: "shared" },
    ],
  },
];

describe("findEntryRef", () => {
  it("a bare slug used once, or list/slug", () => {
    expect(findEntryRef(lists, "a")).toMatchObject({ ok: true, list: { slug: "parks" }, entry: { id: 1 } });
    expect(findEntryRef(lists, "enterprises/shared")).toMatchObject({ ok: true, entry: { id: 4 } });
  });

  it("a bare slug in two lists names both, in the campaign's order", () => {
    const r = findEntryRef(lists, "shared");
    expect(r).toMatchObject({ ok: false, reason: "ambiguous", lists: ["parks", "enterprises"] });
    expect(!r.ok && r.message.zh).toBe("对象 shared 同时出现在榜单 parks、enterprises，请写成 榜单/对象，如 parks/shared");
  });

  it("unknown entry, list, or entry in that list", () => {
    expect(findEntryRef(lists, "zzz")).toMatchObject({ ok: false, reason: "unknown", message: { zh: "找不到对象 zzz" } });
    expect(findEntryRef(lists, "cities/a")).toMatchObject({ ok: false, reason: "unknown", message: { zh: "找不到榜单 cities" } });
    expect(findEntryRef(lists, "enterprises/a")).toMatchObject({
      ok: false,
      reason: "unknown",
      message: { zh: "榜单 enterprises 中没有对象 a" },
    });
  });
});

describe("revocationRefusal", () => {
  const base = { date: "2027-03-01", designatedOn: "2026-11-20", existing: undefined };

  it("allows a designated entry on any day: the date is the organizer's decision", () => {
    expect(revocationRefusal(base)).toBeUndefined();
    expect(revocationRefusal({ ...base, date: "2026-11-19" })).toBeUndefined();
    expect(revocationRefusal({ ...base, date: "2030-01-01" })).toBeUndefined();
  });

  it("refuses an entry never designated, or revoked already, as conflicts before the date", () => {
    expect(revocationRefusal({ ...base, designatedOn: undefined, date: "1999-01-01" })).toMatchObject({
      kind: "conflict",
      message: { zh: expect.stringContaining("尚未认定") },
    });
    expect(revocationRefusal({ ...base, existing: { date: "2027-01-05" }, designatedOn: undefined })).toEqual({
      kind: "conflict",
      message: { zh: "该对象已于 2027-01-05 摘牌，不能再次摘牌", en: "This entry's designation was already revoked on 2027-01-05" },
    });
  });
});

/**
 * Revocation (摘牌) rules, as plain functions: which entry a reference names, whether the date is a
 * real day, and whether an entry may lose its designation on that day. The S3 notice (八、成效评估和
 * 退出机制): a designated base that fails its 3-yearly review, or is found to have broken the rules,
 * 取消认定命名并予以摘牌. Only a designated entry — one on a final list — has a designation to lose.
 */

export interface Message {
  zh: string;
  en: string;
}

interface RefList {
  slug: string;
  entries: { id: number; slug: string }[];
}

export type EntryRefResult<L extends RefList> =
  | { ok: true; list: L; entry: L["entries"][number] }
  | { ok: false; reason: "unknown"; message: Message }
  | { ok: false; reason: "ambiguous"; lists: string[]; message: Message };

/**
 * Finds the entry `ref` names in a campaign's lists: `slug`, or `list/slug` where the slug is used
 * in more than one list (a bare slug that several lists use names none of them).
 */
export function findEntryRef<L extends RefList>(lists: readonly L[], ref: string): EntryRefResult<L> {
  const slash = ref.indexOf("/");
  if (slash >= 0) {
    const listSlug = ref.slice(0, slash);
    const entrySlug = ref.slice(slash + 1);
    const list = lists.find((l) => l.slug === listSlug);
    if (!list) return { ok: false, reason: "unknown", message: { zh: `找不到榜单 ${listSlug}`, en: `No such list ${listSlug}` } };
    const entry = list.entries.find((e) => e.slug === entrySlug);
    if (!entry)
      return {
        ok: false,
        reason: "unknown",
        message: { zh: `榜单 ${listSlug} 中没有对象 ${entrySlug}`, en: `List ${listSlug} has no entry ${entrySlug}` },
      };
    return { ok: true, list, entry };
  }
  const found = lists.flatMap((list) => list.entries.filter((e) => e.slug === ref).map((entry) => ({ list, entry })));
  if (found.length === 0) return { ok: false, reason: "unknown", message: { zh: `找不到对象 ${ref}`, en: `No such entry ${ref}` } };
  if (found.length > 1) {
    const names = found.map((f) => f.list.slug);
    return {
      ok: false,
      reason: "ambiguous",
      lists: names,
      message: {
        zh: `对象 ${ref} 同时出现在榜单 ${names.join("、")}，请写成 榜单/对象，如 ${names[0]}/${ref}`,
        en: `Entry ${ref} is in lists ${names.join(", ")}; write list/entry, e.g. ${names[0]}/${ref}`,
      },
    };
  }
  return { ok: true, ...found[0]! };
}

export interface RevocationCase {
  /** the day the revocation takes effect, YYYY-MM-DD (already a real day) */
  date: string;
  /** the first day (campaign zone) of the earliest final list naming the entry; undefined: on none */
  designatedOn: string | undefined;
  /** the entry's existing revocation, if any */
  existing: { date: string } | undefined;
}

/**
 * Why the entry may not be revoked, or undefined when it may: it was never designated, or it was
 * revoked already (both `conflict`). The date is the organizer's decision and is not bounded: a
 * campaign's final list may be published into bangdan long after its real designation, and a
 * decision may name the day it takes effect; refusing either would leave no way to record it.
 */
export function revocationRefusal(c: RevocationCase): { kind: "conflict"; message: Message } | undefined {
  if (c.existing)
    return {
      kind: "conflict",
      message: {
        zh: `该对象已于 ${c.existing.date} 摘牌，不能再次摘牌`,
        en: `This entry's designation was already revoked on ${c.existing.date}`,
      },
    };
  if (c.designatedOn === undefined)
    return {
      kind: "conflict",
      message: {
        zh: "该对象不在已发布的正式名单中，尚未认定，无牌可摘；只有正式名单上的对象才能摘牌",
        en: "This entry is on no published final list: it was never designated, so there is nothing to revoke",
      },
    };
  return undefined;
}

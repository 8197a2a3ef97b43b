/**
 * What a re-import of a campaign file may not change, as a plain comparison of the stored campaign
 * with the new file: the voting controls' rules hold for imports too.
 * - after a list's final publication, its window (no reopening, no moving it);
 * - once votes exist, `ranking` (of a list with votes) and `timezone` (of the campaign: votes are
 *   counted per calendar day in it).
 * Dropping entries that have votes is refused where the write happens (db/catalog.ts).
 */

export interface ReimportStored {
  timezone: string;
  hasVotes: boolean;
  lists: {
    slug: string;
    ranking: "ranked" | "unranked";
    opensAt: number | null;
    closesAt: number | null;
    hasVotes: boolean;
    final: boolean;
  }[];
}

export interface ReimportNext {
  timezone: string;
  lists: { slug: string; ranking: "ranked" | "unranked"; window: { opensAt: number; closesAt: number } | null }[];
}

/** One refused change, named by its field's path in the campaign file. */
export interface ReimportConflict {
  field: string;
  zh: string;
  en: string;
}

export function reimportConflicts(stored: ReimportStored, next: ReimportNext): ReimportConflict[] {
  const conflicts: ReimportConflict[] = [];
  if (stored.hasVotes && next.timezone !== stored.timezone) {
    conflicts.push({
      field: "timezone",
      zh: `已有投票，不能修改时区（${stored.timezone} → ${next.timezone}）：投票按该时区的日期计数`,
      en: `votes exist; the time zone cannot change (${stored.timezone} → ${next.timezone}): votes are counted per day in it`,
    });
  }
  next.lists.forEach((l, i) => {
    const old = stored.lists.find((s) => s.slug === l.slug);
    if (!old) return;
    if (old.hasVotes && l.ranking !== old.ranking) {
      conflicts.push({
        field: `lists[${i}].ranking`,
        zh: `榜单 ${l.slug} 已有投票，不能修改 ranking（${old.ranking} → ${l.ranking}）`,
        en: `list ${l.slug} has votes; its ranking cannot change (${old.ranking} → ${l.ranking})`,
      });
    }
    if (old.final) {
      const field = windowChange(old, l.window);
      if (field) {
        conflicts.push({
          field: `lists[${i}].${field}`,
          zh: `榜单 ${l.slug} 已发布最终名单，不能再开启投票或修改投票时间`,
          en: `the final list of ${l.slug} is published; its voting can no longer be reopened or rescheduled`,
        });
      }
    }
  });
  return conflicts;
}

/** Which part of a list's window the new file changes, if any. */
function windowChange(
  old: { opensAt: number | null; closesAt: number | null },
  window: { opensAt: number; closesAt: number } | null,
): string | undefined {
  if (old.opensAt === null || old.closesAt === null) return window ? "voting" : undefined;
  if (!window) return "voting";
  if (window.opensAt !== old.opensAt) return "voting.opensAt";
  if (window.closesAt !== old.closesAt) return "voting.closesAt";
  return undefined;
}

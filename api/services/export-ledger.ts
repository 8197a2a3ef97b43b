/**
 * The two exports of the ledger itself: `tallies` (per entry, valid and voided votes and valid
 * votes per day) and `votes` (every vote row with its chain fields, which `verify` recomputes).
 * Both stop at one ledger head, which their manifest names.
 */
import { campaignTallySnapshot, ledgerPage } from "../../db/index.ts";
import { GENESIS_HASH } from "../domain/ledger.ts";
import { VOTE_EXPORT_COLUMNS } from "../domain/export-format.ts";
import { isoInZone } from "../domain/voting.ts";
import type { ExportKind } from "./exports.ts";

/**
 * Per entry: valid and voided votes, then valid votes per day (one column a day). Figures and heads
 * come from one read transaction, so the file equals the ledger up to the head its manifest names.
 */
export const talliesExport: ExportKind = {
  kind: "tallies",
  title: { zh: "票数统计", en: "Tallies" },
  role: "auditor",
  async open({ db, campaign }) {
    const { head, voidHead, totals, days } = await campaignTallySnapshot(db, campaign.id);
    const dayList = [...new Set(days.map((d) => d.day))].sort();
    const perDay = new Map<string, number>(days.map((d) => [`${d.entryId}|${d.day}`, d.votes]));
    const entries = campaign.lists.flatMap((l) => l.entries.map((e) => ({ l, e })));
    let valid = 0;
    let voided = 0;
    for (const t of totals.values()) {
      valid += t.votes;
      voided += t.voided;
    }
    return {
      columns: [
        "campaign",
        "list",
        "list_title",
        "ranking",
        "entry_id",
        "entry_slug",
        "entry_name",
        "valid",
        "voided",
        ...dayList.map((d) => `valid_${d}`),
      ],
      rows: entries.length,
      snapshot: {
        seq: head?.seq ?? 0,
        hash: head?.hash ?? GENESIS_HASH,
        voidSeq: voidHead?.seq ?? 0,
        voidHash: voidHead?.hash ?? GENESIS_HASH,
      },
      summary: { totals: { valid, voided }, days: dayList.length },
      async *read() {
        for (const { l, e } of entries) {
          const t = totals.get(e.id) ?? { votes: 0, voided: 0 };
          yield [
            campaign.slug,
            l.slug,
            l.title.zh,
            l.ranking,
            e.id,
            e.slug,
            e.name.zh,
            t.votes,
            t.voided,
            ...dayList.map((d) => perDay.get(`${e.id}|${d}`) ?? 0),
          ];
        }
      },
    };
  },
};

/**
 * The pseudonymous ledger: every vote up to the snapshot with its chained fields and hashes, and its
 * void record if it has one. The chain spans all campaigns (one ledger), so every row is exported
 * (decision 010); `verify` recomputes it and the tallies from the file.
 */
export const votesExport: ExportKind = {
  kind: "votes",
  title: { zh: "投票明细（可校验）", en: "Votes ledger (verifiable)" },
  role: "auditor",
  async open({ db, catalog, campaign, snapshot }) {
    const names = (entryId: number, listId: number, campaignId: number) => {
      const entry = catalog.entry(entryId);
      if (entry) return [entry.list.campaign.slug, entry.list.slug, entry.slug];
      const c = catalog.campaigns.find((x) => x.id === campaignId);
      return [c?.slug ?? "", c?.lists.find((l) => l.id === listId)?.slug ?? "", ""];
    };
    return {
      columns: [...VOTE_EXPORT_COLUMNS],
      rows: snapshot.seq,
      async *read() {
        let after = 0;
        for (;;) {
          const page = await ledgerPage(db, after, snapshot.seq, snapshot.voidSeq, 5000);
          if (page.length === 0) return;
          for (const v of page) {
            const tz = catalog.campaigns.find((c) => c.id === v.campaignId)?.timezone ?? campaign.timezone;
            yield [
              v.seq,
              v.id,
              v.campaignId,
              v.listId,
              v.entryId,
              v.voterHash,
              v.ipHash,
              v.day,
              v.receivedAt,
              v.prevHash,
              v.hash,
              ...names(v.entryId, v.listId, v.campaignId),
              isoInZone(v.receivedAt, tz),
              v.void?.seq,
              v.void?.at,
              v.void?.actor,
              v.void?.reason,
              v.void?.prevHash,
              v.void?.hash,
            ];
          }
          after = page.at(-1)!.seq;
        }
      },
    };
  },
};

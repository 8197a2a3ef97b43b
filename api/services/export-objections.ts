/**
 * The `objections` export (organizers only: it carries the objectors' names and contacts, which no
 * public surface and no auditor ever sees). One row per objection, oldest first, with its
 * resolution.
 */
import { listObjections } from "../../db/index.ts";
import { isoInZone } from "../domain/voting.ts";
import type { ExportKind } from "./exports.ts";

const statusZh = { pending: "待处理", upheld: "成立", rejected: "不成立" } as const;

export const objectionsExport: ExportKind = {
  kind: "objections",
  title: { zh: "异议记录", en: "Objections" },
  role: "organizer",
  async open({ db, catalog, campaign }) {
    const rows = (await listObjections(db, { campaignId: campaign.id })).sort((a, b) => a.id - b.id);
    const at = (ms: number | null) => (ms === null ? undefined : isoInZone(ms, campaign.timezone));
    return {
      columns: [
        "receipt",
        "created_at",
        "status",
        "status_zh",
        "publication_id",
        "list",
        "entry_id",
        "entry_slug",
        "entry_name",
        "name",
        "contact",
        "reason",
        "evidence",
        "resolution_note",
        "resolved_at",
        "resolved_by",
      ],
      rows: rows.length,
      summary: { pending: rows.filter((o) => o.status === "pending").length },
      async *read() {
        for (const o of rows) {
          const entry = catalog.entry(o.entryId);
          yield [
            o.receipt,
            at(o.createdAt),
            o.status,
            statusZh[o.status],
            o.publicationId,
            entry?.list.slug,
            o.entryId,
            entry?.slug,
            entry?.name.zh,
            o.name,
            o.contact,
            o.reason,
            o.evidence ?? undefined,
            o.resolutionNote ?? undefined,
            at(o.resolvedAt),
            o.resolvedBy ?? undefined,
          ];
        }
      },
    };
  },
};

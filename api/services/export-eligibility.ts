/**
 * The `eligibility` export: the eligibility report (./eligibility.ts) as a sheet, one row per
 * applicant × period × indicator — list, applicant, its categories (S3: 领域), period, group,
 * indicator, value (full precision, as the rule compares it, and as people read it), unit, the printed condition, its rule
 * and the result — with the applicant's summary for the period repeated on each of its rows, so a
 * filter in Excel on one indicator still shows where the applicant stands. Applicants in pinyin
 * order; no rank, no total. Organizers and auditors: it holds no personal data.
 */
import { resultLabels, statusLabels } from "../domain/eligibility.ts";
import { eligibilityReport } from "./eligibility.ts";
import type { ExportKind } from "./exports.ts";

export const eligibilityExport: ExportKind = {
  kind: "eligibility",
  title: { zh: "创建认定条件核对", en: "Eligibility" },
  role: "auditor",
  async open({ db, catalog, campaign }) {
    const report = await eligibilityReport(db, catalog, campaign.slug);
    const categoryKeys = report.categories.map((c) => c.key);
    const rows = report.lists.reduce((n, l) => n + l.entries.length * l.periods.length * l.indicators.length, 0);
    return {
      columns: [
        "campaign",
        "list",
        "list_title",
        "entry_id",
        "entry_slug",
        "entry_name",
        "region",
        ...categoryKeys,
        "period",
        "period_title",
        "years",
        "period_status",
        "period_summary",
        "group",
        "indicator",
        "indicator_title",
        "role",
        "value",
        "value_text",
        "unit",
        "threshold",
        "rule",
        "result",
        "result_label",
      ],
      rows,
      labels: Object.fromEntries(report.categories.map((c) => [c.key, c.title.zh])),
      summary: { lists: report.lists.length, applicants: report.lists.reduce((n, l) => n + l.entries.length, 0) },
      async *read() {
        for (const list of report.lists) {
          for (const entry of list.entries) {
            for (const period of list.periods) {
              const here = entry.periods[period.key]!;
              const head = [
                report.campaign,
                list.list,
                list.title.zh,
                entry.id,
                entry.slug,
                entry.name.zh,
                entry.region,
                ...categoryKeys.map((k) => entry.categories?.[k]),
                period.key,
                period.title.zh,
                period.years.length > 1 ? `${period.years[0]}-${period.years[period.years.length - 1]}` : String(period.years[0]),
                statusLabels[here.summary.status].zh,
                here.summary.text.zh,
              ];
              for (const [i, indicator] of list.indicators.entries()) {
                const cell = here.cells[i]!;
                const threshold = indicator.thresholds[period.key];
                yield [
                  ...head,
                  indicator.group?.zh ?? (indicator.role === "input" ? "基础数据" : undefined),
                  indicator.key,
                  indicator.title.zh,
                  indicator.role,
                  cell.value ?? undefined,
                  cell.text,
                  // a percent indicator's value is the ratio its rule compares (0.15 = 15%); value_text has the %
                  indicator.format === "percent" ? undefined : indicator.unit,
                  threshold?.text.zh,
                  threshold?.rule,
                  cell.result,
                  resultLabels[cell.result].zh,
                ];
              }
            }
          }
        }
      },
    };
  },
};

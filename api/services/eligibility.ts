/**
 * The eligibility report for organizers (S3): every list with an indicator sheet, each applicant's
 * indicators per period beside the conditions the notice prints (api/domain/eligibility.ts), shared
 * by the admin API, the `eligibility` export and the console. Never public: sheets of S3 are
 * `visibility: organizers`, and the figures are the applicants' own declarations.
 *
 * Applicants are listed in pinyin order of name, never by how well they do (不搞排名或者变相排名).
 */
import type { Queryable } from "../../db/index.ts";
import type { Catalog } from "../read/catalog.ts";
import type { Localized } from "../domain/campaign.ts";
import { entryEligibility, itemRole, type EligibilityPeriod } from "../domain/eligibility.ts";
import { pinyinOrder } from "../domain/ranking.ts";
import { AppError } from "../errors.ts";
import { evaluateListFromDb } from "./indicators.ts";
import type { ServiceContext } from "./context.ts";

export interface EligibilityIndicator {
  key: string;
  title: Localized;
  group?: Localized;
  unit?: string;
  note?: Localized;
  format: "number" | "percent";
  decimals: number;
  role: "indicator" | "input";
  judged: boolean;
  /** per period key: the printed condition, and its rule when it has one */
  thresholds: Record<string, { text: Localized; rule?: string }>;
}

export interface EligibilityEntry {
  id: number;
  slug: string;
  name: Localized;
  region?: string;
  categories?: Record<string, string>;
  periods: Record<string, EligibilityPeriod>;
}

export interface EligibilityList {
  list: string;
  title: Localized;
  sheet?: Localized;
  visibility: "public" | "organizers";
  periods: { key: string; title: Localized; years: number[] }[];
  indicators: EligibilityIndicator[];
  entries: EligibilityEntry[];
}

export interface EligibilityReport {
  campaign: string;
  title: Localized;
  categories: { key: string; title: Localized }[];
  /** lists with an indicator sheet; empty when the campaign has none */
  lists: EligibilityList[];
}

export async function campaignEligibility(ctx: ServiceContext, input: { campaign: string }): Promise<EligibilityReport> {
  return eligibilityReport(ctx.db.read, ctx.catalog.current, input.campaign);
}

/** The report over a given read and catalog: the export reads it inside its own snapshot. */
export async function eligibilityReport(db: Queryable, catalog: Catalog, campaignSlug: string): Promise<EligibilityReport> {
  const campaign = catalog.campaign(campaignSlug);
  if (!campaign) throw new AppError("not_found", { zh: `找不到活动 ${campaignSlug}`, en: `No such campaign ${campaignSlug}` });
  const lists: EligibilityList[] = [];
  for (const list of campaign.lists) {
    const evaluated = await evaluateListFromDb(db, list);
    if (!evaluated) continue;
    const { sheet } = evaluated;
    const byId = new Map(evaluated.entries.map((e) => [e.entryId, e]));
    const entries = pinyinOrder(list.entries.map((e) => ({ e, name: e.name.zh }))).map(({ e }): EligibilityEntry => ({
      id: e.id,
      slug: e.slug,
      name: e.name,
      ...(e.region ? { region: e.region } : {}),
      ...(e.categories ? { categories: e.categories } : {}),
      periods: entryEligibility(sheet, byId.get(e.id) ?? { values: {}, checks: {} }),
    }));
    lists.push({
      list: list.slug,
      title: list.title,
      ...(sheet.title ? { sheet: sheet.title } : {}),
      visibility: sheet.visibility,
      periods: sheet.periods.map((p) => ({ key: p.key, title: p.title, years: [...p.years] })),
      indicators: sheet.items.map((i) => ({
        key: i.key,
        title: i.title,
        ...(i.group ? { group: i.group } : {}),
        ...(i.unit ? { unit: i.unit } : {}),
        ...(i.note ? { note: i.note } : {}),
        format: i.format,
        decimals: i.decimals,
        role: itemRole(i),
        judged: i.judged === true,
        thresholds: Object.fromEntries(
          Object.entries(i.thresholds ?? {}).map(([k, t]) => [k, { text: t.text, ...(t.rule ? { rule: t.rule } : {}) }]),
        ),
      })),
      entries,
    });
  }
  const definition = campaign.definition;
  return {
    campaign: campaign.slug,
    title: campaign.title,
    categories: (definition.categories ?? []).map((c) => ({ key: c.key, title: c.title })),
    lists,
  };
}

/**
 * A list's entries from an organizer's spreadsheet (S2's city cases, or any shortlist): rows become
 * entries, merged into the list by slug, and the campaign as it would then be is checked whole —
 * the same schema and entry rules (length, quotas, required and forbidden categories) as a campaign
 * file. Every problem is mapped back to the row and column the organizer sees in the file.
 *
 * Columns: slug and name (required), name_en, kind, region, sector, summary, summary_en, body,
 * body_en, submitter, recommender, and one per campaign category (by key or title: 省份, 案例类型 …).
 * A row replaces what its columns say about an entry of the same slug; what the file has no column
 * for (images, sections, description, a category without a column) stays as it was.
 */
import {
  entryKinds,
  parseCampaign,
  type CampaignFile,
  type CategoryDefinition,
  type EntryDefinition,
  type ListDefinition,
  type Localized,
} from "./campaign.ts";
import { cellOf, mapHeader, type HeaderIndex, type RawRow, type RowProblem } from "./sheet-rows.ts";
import { isoInZone } from "./voting.ts";

export const ENTRY_COLUMNS = [
  "slug",
  "name",
  "name_en",
  "kind",
  "region",
  "sector",
  "summary",
  "summary_en",
  "body",
  "body_en",
  "submitter",
  "recommender",
] as const;
type FixedColumn = (typeof ENTRY_COLUMNS)[number];
/** a fixed column, or a campaign category's column */
type Column = FixedColumn | `category:${string}`;

/** Header names each fixed column may go by, lower case (the header is matched case-insensitively). */
const FIXED_ALIASES: Record<FixedColumn, string[]> = {
  slug: ["slug", "标识"],
  name: ["name", "名称", "案例名称"],
  name_en: ["name_en", "英文名称"],
  kind: ["kind", "对象类型"],
  region: ["region", "地区", "所在地区"],
  sector: ["sector", "行业"],
  summary: ["summary", "简介", "摘要"],
  summary_en: ["summary_en", "英文简介"],
  body: ["body", "正文", "案例内容", "案例正文"],
  body_en: ["body_en", "英文正文"],
  submitter: ["submitter", "申报单位", "填报单位"],
  recommender: ["recommender", "推荐单位"],
};

/** Localized fields: the Chinese column and the English one. */
const LOCALIZED = [
  ["name", "name_en"],
  ["summary", "summary_en"],
  ["body", "body_en"],
] as const;
const PLAIN = ["region", "sector", "submitter", "recommender"] as const;

/** Where the file's columns are, and what the file calls them (messages name a column as the file does). */
export interface EntryHeader {
  index: HeaderIndex<Column>;
  names: Map<Column, string>;
  categories: readonly CategoryDefinition[];
}

const categoryColumn = (key: string): Column => `category:${key}`;

/**
 * Maps the header: slug and name are required; a column that is neither a field nor one of the
 * campaign's categories, a column given twice, and data under a column without a name are refused.
 */
export function entryHeader(
  header: readonly string[],
  categories: readonly CategoryDefinition[],
  rows: readonly RawRow[],
): { ok: true; header: EntryHeader } | { ok: false; problems: RowProblem[] } {
  const taken = new Set(Object.values(FIXED_ALIASES).flat());
  const aliases = { ...FIXED_ALIASES } as Record<Column, string[]>;
  for (const c of categories) {
    aliases[categoryColumn(c.key)] = [
      ...new Set([c.key, c.title.zh, c.title.en].filter((x): x is string => !!x).map((x) => x.trim().toLowerCase())),
    ].filter((x) => !taken.has(x));
  }
  const columns = Object.keys(aliases) as Column[];
  const mapped = mapHeader<Column>(
    header,
    aliases,
    columns.filter((c) => c !== "slug" && c !== "name"),
  );
  const problems: RowProblem[] = mapped.ok ? [] : [...mapped.problems];
  const known = (c: Column) =>
    c.startsWith("category:") ? `${categories.find((x) => categoryColumn(x.key) === c)!.title.zh}（${c.slice(9)}）` : c;
  const seen = new Map<Column, number>();
  header.forEach((raw, i) => {
    const h = raw.trim();
    if (!h) {
      const withData = rows.find((r) => (r.cells[i] ?? "").trim() !== "");
      if (withData) problems.push({ row: withData.row, column: `第 ${i + 1} 列`, message: "该列没有表头，无法识别；请填写表头或删除该列" });
      return;
    }
    const column = columns.find((c) => aliases[c]!.includes(h.toLowerCase()));
    if (!column) {
      problems.push({ row: 1, column: h, message: `未知的列“${h}”；可用的列：${columns.map(known).join("、")}` });
      return;
    }
    const first = seen.get(column);
    if (first !== undefined) problems.push({ row: 1, column: h, message: `与第 ${first + 1} 列“${header[first]!.trim()}”重复` });
    else seen.set(column, i);
  });
  // data beyond the header's last column
  for (const r of rows) {
    const extra = r.cells.findIndex((c, i) => i >= header.length && c.trim() !== "");
    if (extra >= 0) problems.push({ row: r.row, column: `第 ${extra + 1} 列`, message: "该列没有表头，无法识别；请填写表头或删除该列" });
  }
  if (problems.length > 0 || !mapped.ok) return { ok: false, problems };
  const names = new Map<Column, string>();
  for (const [column, i] of seen) names.set(column, header[i]!.trim());
  return { ok: true, header: { index: mapped.index, names, categories } };
}

/** The name a message gives a column: as the file writes it, else its canonical name or category title. */
function columnName(h: EntryHeader, column: Column): string {
  const named = h.names.get(column);
  if (named) return named;
  if (column.startsWith("category:")) return h.categories.find((c) => categoryColumn(c.key) === column)?.title.zh ?? column.slice(9);
  return column;
}

type EntryInput = Record<string, unknown> & { slug: string };

/**
 * One row as an entry: the row's columns over the prior entry of that slug (absent, a new entry).
 * `problems` are the row's own (missing name, an unknown kind, English without Chinese).
 */
function rowToEntry(
  h: EntryHeader,
  raw: RawRow,
  slug: string,
  prior: EntryDefinition | undefined,
  defaultKind: string | undefined,
): { entry: EntryInput; problems: RowProblem[] } {
  const has = (c: Column) => h.index[c] !== undefined;
  const get = (c: Column) => cellOf(h.index, raw, c);
  const problems: RowProblem[] = [];
  const problem = (c: Column, message: string) => problems.push({ row: raw.row, column: columnName(h, c), message });
  const entry: EntryInput = { ...(prior as unknown as Record<string, unknown>), slug };

  const kind = get("kind");
  if (kind && !(entryKinds as readonly string[]).includes(kind))
    problem("kind", `对象类型须为以下之一：${entryKinds.join("、")}，收到 ${kind.slice(0, 40)}`);
  else if (kind) entry.kind = kind;
  else if (!prior && defaultKind) entry.kind = defaultKind;
  if (!entry.kind) delete entry.kind;

  for (const [zhColumn, enColumn] of LOCALIZED) {
    const before = prior?.[zhColumn];
    const zh = has(zhColumn) ? get(zhColumn) : before?.zh;
    const en = has(enColumn) ? get(enColumn) : before?.en;
    if (zh) entry[zhColumn] = en ? { zh, en } : { zh };
    else delete entry[zhColumn];
    if (!zh && en && zhColumn !== "name") problem(enColumn, `填写了英文却没有中文：请同时填写 ${columnName(h, zhColumn)}`);
  }
  // a name is always given, also when empty: the schema's own checks then still run for the row
  if (!get("name")) {
    problem("name", "缺少名称（name）");
    entry.name = { zh: "" };
  }
  for (const field of PLAIN) {
    if (!has(field)) continue;
    const v = get(field);
    if (v) entry[field] = v;
    else delete entry[field];
  }

  const categories: Record<string, string> = { ...(prior?.categories ?? {}) };
  for (const c of h.categories) {
    const column = categoryColumn(c.key);
    if (!has(column)) continue;
    const v = get(column);
    if (!v) {
      delete categories[c.key];
      continue;
    }
    // an English title of a value is taken for its Chinese one, which is what entries store
    const byEn = c.values.find((x: Localized) => x.zh !== v && x.en?.trim().toLowerCase() === v.toLowerCase());
    categories[c.key] = byEn ? byEn.zh : v;
  }
  if (Object.keys(categories).length > 0) entry.categories = categories;
  else delete entry.categories;
  return { entry, problems };
}

/** A dotted schema path below an entry (`categories.province`, `name.en`) as the file's column. */
function columnOfField(h: EntryHeader, field: string[]): string {
  const [head, sub] = field;
  if (head === "categories" && sub) return columnName(h, categoryColumn(sub));
  if ((head === "name" || head === "summary" || head === "body") && sub === "en") return columnName(h, `${head}_en`);
  if (head && (ENTRY_COLUMNS as readonly string[]).includes(head)) return columnName(h, head as FixedColumn);
  return field.join(".") || "（对象）";
}

/**
 * The lists' voting windows as they stand (an organizer may have moved one since the campaign file
 * was imported): re-importing the definition must not move them back.
 */
function withWindows(
  campaign: CampaignFile,
  windows: Readonly<Record<string, { opensAt: number; closesAt: number } | null>>,
): CampaignFile {
  return {
    ...campaign,
    lists: campaign.lists.map((l) => {
      const w = windows[l.slug];
      if (!l.voting || !w) return l;
      const same = Date.parse(l.voting.opensAt) === w.opensAt && Date.parse(l.voting.closesAt) === w.closesAt;
      return same
        ? l
        : {
            ...l,
            voting: { ...l.voting, opensAt: isoInZone(w.opensAt, campaign.timezone), closesAt: isoInZone(w.closesAt, campaign.timezone) },
          };
    }),
  };
}

export interface EntryImportInput {
  /** the campaign's stored definition */
  campaign: CampaignFile;
  list: string;
  /** each list's voting window as stored (ms), by list slug */
  windows?: Readonly<Record<string, { opensAt: number; closesAt: number } | null>>;
  header: readonly string[];
  rows: readonly RawRow[];
}

export type EntryImportResult =
  { ok: true; campaign: CampaignFile; imported: number; added: number; replaced: number } | { ok: false; problems: RowProblem[] };

/**
 * Merges the rows into the list and checks the campaign as it would be. Quotas count the list as it
 * will be: entries already there and not in the file count too, and come first, so a quota is
 * reported on the file's row that goes over it, naming the cases before it.
 */
export function checkEntryImport(input: EntryImportInput): EntryImportResult {
  const listIndex = input.campaign.lists.findIndex((l) => l.slug === input.list);
  const list = input.campaign.lists[listIndex];
  if (!list) return { ok: false, problems: [{ row: 1, column: "list", message: `活动中没有榜单 ${input.list}` }] };
  const mapped = entryHeader(input.header, input.campaign.categories, input.rows);
  if (!mapped.ok) return { ok: false, problems: mapped.problems };
  const h = mapped.header;

  const existing = new Map(list.entries.map((e) => [e.slug, e]));
  const kinds = new Set(list.entries.map((e) => e.kind));
  const defaultKind = kinds.size === 1 ? [...kinds][0] : undefined;
  const problems: RowProblem[] = [];
  const fromFile: { row: number; entry: EntryInput }[] = [];
  const rowOfSlug = new Map<string, number>();
  for (const raw of input.rows) {
    const slug = cellOf(h.index, raw, "slug");
    if (!slug) {
      problems.push({ row: raw.row, column: columnName(h, "slug"), message: "缺少标识（slug）" });
      continue;
    }
    const first = rowOfSlug.get(slug);
    if (first !== undefined) {
      problems.push({
        row: raw.row,
        column: columnName(h, "slug"),
        message: `与第 ${first} 行的标识重复：${slug}（同一对象只能出现一次）`,
      });
      continue;
    }
    rowOfSlug.set(slug, raw.row);
    const made = rowToEntry(h, raw, slug, existing.get(slug), defaultKind);
    problems.push(...made.problems);
    fromFile.push({ row: raw.row, entry: made.entry });
  }
  if (input.rows.length === 0) problems.push({ row: 1, column: columnName(h, "slug"), message: "文件中没有对象行" });

  // Checked in this order: what stays as it is, then the file's rows as they come.
  const untouched = list.entries.filter((e) => !rowOfSlug.has(e.slug));
  const checkOrder: unknown[] = [...untouched, ...fromFile.map((f) => f.entry)];
  const candidate = withWindows(input.campaign, input.windows ?? {});
  const parsed = parseCampaign({
    ...candidate,
    lists: candidate.lists.map((l, i) => (i === listIndex ? { ...l, entries: checkOrder } : l)),
  });

  if (!parsed.ok) {
    const own = new Set(problems.map((p) => `${p.row}\u0000${p.column}`));
    const prefix = `lists.${listIndex}.entries.`;
    for (const p of parsed.problems) {
      if (!p.path.startsWith(prefix)) {
        problems.push({ row: 0, column: "活动文件", message: `${p.path}：${p.message}` });
        continue;
      }
      const [at, ...field] = p.path.slice(prefix.length).split(".");
      const position = Number(at);
      const column = columnOfField(h, field);
      if (position < untouched.length) {
        const e = untouched[position]!;
        problems.push({ row: 0, column, message: `已有对象 ${e.name.zh}（${e.slug}，不在本文件中）：${p.message}` });
        continue;
      }
      const row = fromFile[position - untouched.length]!.row;
      // the row's own message says it better (缺少名称 rather than the schema's empty-title one)
      if (own.has(`${row}\u0000${column}`)) continue;
      problems.push({ row, column, message: p.message });
    }
  }
  if (problems.length > 0 || !parsed.ok) return { ok: false, problems: dedupe(problems).sort((a, b) => a.row - b.row) };

  // Stored in this order: the list as it was, replaced entries in place, then the new ones.
  const bySlug = new Map(parsed.campaign.lists[listIndex]!.entries.map((e) => [e.slug, e]));
  const added = fromFile.filter((f) => !existing.has(f.entry.slug));
  const entries: ListDefinition["entries"] = [
    ...list.entries.map((e) => bySlug.get(e.slug)!),
    ...added.map((f) => bySlug.get(f.entry.slug)!),
  ];
  const campaign = { ...parsed.campaign, lists: parsed.campaign.lists.map((l, i) => (i === listIndex ? { ...l, entries } : l)) };
  return { ok: true, campaign, imported: fromFile.length, added: added.length, replaced: fromFile.length - added.length };
}

function dedupe(problems: RowProblem[]): RowProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = `${p.row}\u0000${p.column}\u0000${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

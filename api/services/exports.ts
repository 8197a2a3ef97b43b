/**
 * Exports, shared by the admin API and the CLI. A registry of kinds: each kind is one small module
 * that says its columns, its row count and its rows (an async iterable, read in pages so a million
 * votes never sit in memory at once). Two writers turn any kind into CSV (UTF-8 with BOM, CRLF,
 * Excel-safe cells) or XLSX (exceljs's streaming writer, with a manifest sheet).
 *
 * Every export gets a manifest (decision 010): generated at, by whom, the ledger's and the void
 * chain's heads, row counts; its sha256 and size are added once the file has been written out.
 */
import { createHash } from "node:crypto";
import { PassThrough } from "node:stream";
import {
  appendAudit,
  completeExportManifest,
  insertExportManifest,
  ledgerHead,
  recentExportManifests,
  voidHead,
  type ReadDb,
} from "../../db/index.ts";
import type { Catalog, CatalogCampaign } from "../read/catalog.ts";
import { csvLine, CSV_BOM } from "../domain/export-format.ts";
import { exportHeaders, HEADER_SETS, type HeaderSet } from "../domain/export-headers.ts";
import { GENESIS_HASH } from "../domain/ledger.ts";
import { AppError } from "../errors.ts";
import type { Role } from "../../db/index.ts";
import type { ServiceContext } from "./context.ts";
import { eligibilityExport } from "./export-eligibility.ts";
import { talliesExport, votesExport } from "./export-ledger.ts";
import { objectionsExport } from "./export-objections.ts";
import { scoresExport } from "./export-scores.ts";
import { requireCampaign } from "./review.ts";

export type ExportFormat = "csv" | "xlsx";
export const EXPORT_FORMATS: readonly ExportFormat[] = ["csv", "xlsx"];

/** Where the ledger stood when an export began: its rows stop there, whatever arrives meanwhile. */
export interface LedgerSnapshot {
  seq: number;
  hash: string;
  voidSeq: number;
  voidHash: string;
}

export interface ExportContext {
  /** the read pool (a kind may read its figures in one read transaction with `db.batch`) */
  db: ReadDb;
  catalog: Catalog;
  campaign: CatalogCampaign;
  snapshot: LedgerSnapshot;
}

export interface ExportSource {
  columns: string[];
  rows: number;
  /**
   * the heads this kind's figures stand at, when it read them itself with its figures in one read
   * transaction; the manifest then names these instead of the heads read before `open`
   */
  snapshot?: LedgerSnapshot;
  /** figures the manifest carries besides the row count (totals, for instance) */
  summary?: Record<string, unknown>;
  /** Chinese headers for the columns named after the campaign's own keys (components, categories) */
  labels?: Record<string, string>;
  read(): AsyncIterable<unknown[]>;
}

export interface ExportKind {
  kind: string;
  title: { zh: string; en: string };
  /** who may export it; `auditor` implies organizers too */
  role: Role;
  open(ctx: ExportContext): Promise<ExportSource>;
}

const registry = new Map<string, ExportKind>();

/** Adds a kind (the scores and objections kinds register themselves the same way). */
export function registerExportKind(kind: ExportKind): void {
  registry.set(kind.kind, kind);
}

export function exportKinds(): ExportKind[] {
  return [...registry.values()];
}

registerExportKind(talliesExport);
registerExportKind(votesExport);
registerExportKind(scoresExport);
registerExportKind(objectionsExport);
registerExportKind(eligibilityExport);

export interface ExportManifest {
  id: number;
  campaign: string;
  kind: string;
  format: ExportFormat;
  generatedAt: string;
  generatedBy: string;
  ledger: { seq: number; headHash: string; voidSeq: number; voidHeadHash: string };
  rows: number;
  [extra: string]: unknown;
}

export interface PreparedExport {
  manifest: ExportManifest;
  filename: string;
  contentType: string;
  /** the file's bytes; hashing as they pass, the manifest's sha256 is recorded at the end */
  body: AsyncIterable<Uint8Array>;
  /** settles once the file has been written out and its sha256 recorded */
  done: Promise<{ sha256: string; bytes: number }>;
}

export async function prepareExport(
  ctx: ServiceContext,
  request: {
    campaign: string;
    kind: string;
    format: string;
    /** zh (the default) or en: the header row's language */
    headers?: string;
    actor: string;
    role: Role;
    /** told how many rows have been written so far: the CLI's progress line on a long export */
    onRows?: (rows: number) => void;
  },
): Promise<PreparedExport> {
  const { kind, format } = exportKindOf(request);
  const headerSet = headerSetOf(request.headers);
  const catalog = ctx.catalog.current;
  const campaign = requireCampaign(catalog, request.campaign);
  // The void head first: every void up to it names a vote that existed before the ledger head is read.
  const vhead = await voidHead(ctx.db.read);
  const head = await ledgerHead(ctx.db.read);
  const before: LedgerSnapshot = {
    seq: head?.seq ?? 0,
    hash: head?.hash ?? GENESIS_HASH,
    voidSeq: vhead?.seq ?? 0,
    voidHash: vhead?.hash ?? GENESIS_HASH,
  };
  const source = await kind.open({ db: ctx.db.read, catalog, campaign, snapshot: before });
  const snapshot = source.snapshot ?? before;

  const generatedAt = ctx.clock.now();
  const base = {
    campaign: campaign.slug,
    kind: kind.kind,
    format,
    generatedAt: new Date(generatedAt).toISOString(),
    generatedBy: request.actor,
    ledger: { seq: snapshot.seq, headHash: snapshot.hash, voidSeq: snapshot.voidSeq, voidHeadHash: snapshot.voidHash },
    rows: source.rows,
    columns: source.columns.length,
    headers: headerSet,
    ...(source.summary ?? {}),
  };
  const id = await recordManifest(ctx, { base, generatedAt, actor: request.actor, ledgerSeq: snapshot.seq });
  const manifest: ExportManifest = { id, ...base };
  const header = exportHeaders(kind.kind, source.columns, headerSet, source.labels);
  const raw = format === "csv" ? csvBytes(source, header, request.onRows) : xlsxBytes(source, header, manifest, kind, request.onRows);
  const stamp = manifest.generatedAt.replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  return {
    manifest,
    filename: `${campaign.slug}-${kind.kind}-${stamp}.${format}`,
    contentType: format === "csv" ? "text/csv; charset=UTF-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ...hashedBody(ctx, id, raw),
  };
}

/** The registered kind and a known format, or 400 naming what is available; 403 for an organizers-only kind. */
function exportKindOf(request: { kind: string; format: string; role: Role }): { kind: ExportKind; format: ExportFormat } {
  const kind = registry.get(request.kind);
  if (!kind) {
    const known = [...registry.keys()].join(", ");
    throw new AppError("invalid_request", {
      zh: `未知或尚未提供的导出类型 ${request.kind}（可用：${known}）`,
      en: `Unknown or unavailable export kind ${request.kind} (available: ${known})`,
    });
  }
  if (!EXPORT_FORMATS.includes(request.format as ExportFormat)) {
    throw new AppError("invalid_request", { zh: "format 须为 csv 或 xlsx", en: "format must be csv or xlsx" });
  }
  if (kind.role === "organizer" && request.role !== "organizer") throw new AppError("forbidden");
  return { kind, format: request.format as ExportFormat };
}

/** The header row's language: zh unless en is asked for; anything else is a 400. */
function headerSetOf(raw: string | undefined): HeaderSet {
  if (raw === undefined) return "zh";
  if (HEADER_SETS.includes(raw as HeaderSet)) return raw as HeaderSet;
  throw new AppError("invalid_request", {
    zh: `headers 须为 zh 或 en（收到 ${raw.slice(0, 40)}）`,
    en: `headers must be zh or en (got ${raw.slice(0, 40)})`,
  });
}

/** The manifest, before a byte is sent, with its audit record: every export is traced, finished or not. */
async function recordManifest(
  ctx: ServiceContext,
  m: {
    base: { campaign: string; kind: string; format: ExportFormat; rows: number };
    generatedAt: number;
    actor: string;
    ledgerSeq: number;
  },
): Promise<number> {
  const { base, generatedAt, actor, ledgerSeq } = m;
  return ctx.db.writer.run(async (tx) => {
    const manifestId = await insertExportManifest(tx, {
      campaign: base.campaign,
      kind: base.kind,
      format: base.format,
      actor,
      generatedAt,
      manifest: JSON.stringify(base),
    });
    await appendAudit(tx, {
      at: generatedAt,
      actor,
      action: "export",
      target: base.campaign,
      details: { id: manifestId, kind: base.kind, format: base.format, rows: base.rows, ledgerSeq },
    });
    return manifestId;
  });
}

/** The bytes as they pass, hashed; once the last has passed, the manifest gets its sha256 and size. */
function hashedBody(ctx: ServiceContext, id: number, raw: AsyncIterable<Uint8Array>): Pick<PreparedExport, "body" | "done"> {
  let settle!: (v: { sha256: string; bytes: number }) => void;
  let fail!: (e: unknown) => void;
  const done = new Promise<{ sha256: string; bytes: number }>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  done.catch(() => {});
  async function* hashed(): AsyncIterable<Uint8Array> {
    const sha = createHash("sha256");
    let bytes = 0;
    try {
      for await (const chunk of raw) {
        sha.update(chunk);
        bytes += chunk.byteLength;
        yield chunk;
      }
      const result = { sha256: sha.digest("hex"), bytes };
      await ctx.db.writer.run((tx) => completeExportManifest(tx, id, result.sha256, result.bytes));
      settle(result);
    } catch (error) {
      fail(error);
      throw error;
    }
  }
  return { body: hashed(), done };
}

const encoder = new TextEncoder();

async function* csvBytes(source: ExportSource, header: string[], onRows?: (rows: number) => void): AsyncIterable<Uint8Array> {
  let buffer = CSV_BOM + csvLine(header);
  let n = 0;
  for await (const row of source.read()) {
    buffer += csvLine(row);
    onRows?.(++n);
    if (buffer.length >= 64 * 1024) {
      yield encoder.encode(buffer);
      buffer = "";
    }
  }
  if (buffer) yield encoder.encode(buffer);
}

/**
 * XLSX through exceljs's streaming writer: rows are committed as they are read, and the zip's
 * output is handed on as it appears, so the workbook never sits in memory whole. The last sheet
 * carries the manifest (all but the sha256, which the file cannot hold about itself).
 */
async function* xlsxBytes(
  source: ExportSource,
  header: string[],
  manifest: ExportManifest,
  kind: ExportKind,
  onRows?: (rows: number) => void,
): AsyncIterable<Uint8Array> {
  const out = new PassThrough();
  const queue: Uint8Array[] = [];
  let ended = false;
  let wake: (() => void) | undefined;
  out.on("data", (chunk: Buffer) => {
    queue.push(chunk);
    wake?.();
  });
  out.on("end", () => {
    ended = true;
    wake?.();
  });
  // loaded on first use: exceljs is large, and every CLI start would otherwise pay for it
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  workbook.creator = "bangdan";
  const sheet = workbook.addWorksheet(kind.title.zh.replace(/[\\/?*[\]:]/g, " ").slice(0, 31));
  sheet.addRow(header).commit();
  let n = 0;
  for await (const row of source.read()) {
    sheet.addRow(row.map((v) => (v === undefined ? null : v))).commit();
    onRows?.(++n);
    if (n % 2000 === 0) {
      // let the zip catch up, then hand on what it produced
      await new Promise((r) => setImmediate(r));
      while (queue.length) yield queue.shift()!;
    }
  }
  sheet.commit();
  const info = workbook.addWorksheet("manifest");
  for (const [key, value] of Object.entries(manifest))
    info.addRow([key, typeof value === "object" ? JSON.stringify(value) : (value as string | number)]).commit();
  info.commit();
  const committed = workbook.commit();
  for (;;) {
    while (queue.length) yield queue.shift()!;
    if (ended) break;
    await new Promise<void>((r) => (wake = r));
    wake = undefined;
  }
  await committed;
  while (queue.length) yield queue.shift()!;
}

/** Export manifests, newest first, with their sha256 once the file was written: one by id, or a campaign's. */
export async function exportManifests(ctx: ServiceContext, input: { id?: number; campaign?: string }) {
  const rows = await recentExportManifests(ctx.db.read, { id: input.id, campaign: input.campaign, limit: 100 });
  if (input.id !== undefined && rows.length === 0) throw new AppError("not_found", { zh: "找不到该导出记录", en: "No such export" });
  return rows.map((r) => ({ id: r.id, ...JSON.parse(r.manifest), ...(r.sha256 ? { sha256: r.sha256, bytes: r.bytes } : {}) }));
}

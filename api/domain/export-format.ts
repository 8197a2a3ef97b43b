/**
 * The votes export's format and its verification, as plain functions: the CSV cell rule (Excel-safe
 * and exactly reversible) and a verifier that recomputes the vote chain, the void chain and the
 * tallies from an export's rows, naming the first bad row. Reading the file into rows is csv-parse's
 * job, in api/services/verify.ts.
 */
import { voteColumnsZh } from "./export-headers.ts";
import { chainHash, GENESIS_HASH, verifyVoidChain, type LedgerVoid } from "./ledger.ts";

/**
 * A CSV cell. A text cell starting with = + - @ tab, CR or an apostrophe gets an apostrophe in front,
 * so Excel shows it as text instead of running it; `readCell` removes exactly that apostrophe again.
 */
export function exportCell(value: unknown): string {
  if (value === undefined || value === null) return "";
  let s = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r']/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function readCell(raw: string): string {
  return raw.startsWith("'") ? raw.slice(1) : raw;
}

export const CSV_BOM = "\uFEFF";

export function csvLine(cells: unknown[]): string {
  return cells.map(exportCell).join(",") + "\r\n";
}

/** The votes export's columns, in order. The chained fields come first, exactly as hashed. */
export const VOTE_EXPORT_COLUMNS = [
  "seq",
  "id",
  "campaign_id",
  "list_id",
  "entry_id",
  "voter_hash",
  "ip_hash",
  "day",
  "received_at",
  "prev_hash",
  "hash",
  "campaign",
  "list",
  "entry",
  "received_time",
  "void_seq",
  "void_at",
  "void_actor",
  "void_reason",
  "void_prev_hash",
  "void_hash",
] as const;

export interface TallyLine {
  campaign: string;
  list: string;
  entry: string;
  entryId: number;
  valid: number;
  voided: number;
}

export type VerifyResult =
  | { ok: true; rows: number; head: string; voids: number; voidHead: string; tallies: TallyLine[] }
  | { ok: false; row: number; seq?: number; reason: string };

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * Verifies a votes export row by row. `row` numbers count records as a spreadsheet does: the
 * header is row 1. The first problem stops the check and is what `result()` reports.
 */
export class VotesExportVerifier {
  /** CSV cells carry the Excel-safety apostrophe (`exportCell`); XLSX cells are typed and do not */
  constructor(private readonly escapedCells = true) {}

  #row = 0;
  #prev = GENESIS_HASH;
  #expectedSeq = 1;
  #failure: VerifyResult | undefined;
  #voids: (LedgerVoid & { prevHash: string; hash: string; row: number })[] = [];
  #tallies = new Map<number, TallyLine>();

  get failed(): boolean {
    return this.#failure !== undefined;
  }

  #fail(reason: string, seq?: number): void {
    this.#failure ??= { ok: false, row: this.#row, ...(seq !== undefined ? { seq } : {}), reason };
  }

  /**
   * The next record could not be read at all (a quote left open or closed mid-cell): it is the first
   * bad row, unless one before it already was.
   */
  unreadable(reason: string): void {
    this.#row += 1;
    this.#fail(reason);
  }

  record(cells: string[]): void {
    if (this.#failure) return;
    this.#row += 1;
    if (this.#row === 1) {
      // either header set: the machine names (headers=en) or the Chinese ones (the default)
      const expected = VOTE_EXPORT_COLUMNS.join(",");
      const header = cells.join(",");
      if (header !== expected && header !== voteColumnsZh(VOTE_EXPORT_COLUMNS).join(","))
        this.#fail(`表头不是投票明细导出的格式（应为 ${expected}，或其中文表头）`);
      return;
    }
    if (cells.length !== VOTE_EXPORT_COLUMNS.length) return this.#fail(`应有 ${VOTE_EXPORT_COLUMNS.length} 列，实有 ${cells.length} 列`);
    const c = Object.fromEntries(VOTE_EXPORT_COLUMNS.map((k, i) => [k, this.escapedCells ? readCell(cells[i]!) : cells[i]!])) as Record<
      (typeof VOTE_EXPORT_COLUMNS)[number],
      string
    >;
    const int = (k: keyof typeof c) => (/^\d{1,16}$/.test(c[k]) ? Number(c[k]) : NaN);
    const seq = int("seq");
    if (!Number.isSafeInteger(seq)) return this.#fail("seq 不是整数");
    const vote = {
      seq,
      id: c.id,
      campaignId: int("campaign_id"),
      listId: int("list_id"),
      entryId: int("entry_id"),
      voterHash: c.voter_hash,
      ipHash: c.ip_hash,
      day: c.day,
      receivedAt: int("received_at"),
    };
    if (seq !== this.#expectedSeq) return this.#fail(`序号不连续：应为 ${this.#expectedSeq}，实为 ${seq}（有行被删除、插入或调换）`, seq);
    if (c.prev_hash !== this.#prev) return this.#fail("prev_hash 与上一行的 hash 不符", seq);
    if (chainHash(this.#prev, vote) !== c.hash) return this.#fail("hash 与本行内容不符（本行被改动过）", seq);
    this.#prev = c.hash;
    this.#expectedSeq += 1;

    const voided = c.void_seq !== "";
    if (voided) {
      const v = {
        seq: int("void_seq"),
        voteSeq: seq,
        voteHash: c.hash,
        reason: c.void_reason,
        actor: c.void_actor,
        at: int("void_at"),
        prevHash: c.void_prev_hash,
        hash: c.void_hash,
        row: this.#row,
      };
      if (!Number.isSafeInteger(v.seq) || !Number.isSafeInteger(v.at) || !HEX64.test(v.hash)) return this.#fail("作废记录不完整", seq);
      this.#voids.push(v);
    } else if (c.void_at || c.void_actor || c.void_reason || c.void_prev_hash || c.void_hash) {
      return this.#fail("作废记录不完整", seq);
    }
    let t = this.#tallies.get(vote.entryId);
    if (!t)
      this.#tallies.set(
        vote.entryId,
        (t = { campaign: c.campaign, list: c.list, entry: c.entry, entryId: vote.entryId, valid: 0, voided: 0 }),
      );
    if (voided) t.voided += 1;
    else t.valid += 1;
  }

  result(): VerifyResult {
    if (this.#failure) return this.#failure;
    if (this.#row === 0) return { ok: false, row: 0, reason: "文件是空的" };
    const ordered = [...this.#voids].sort((a, b) => a.seq - b.seq);
    const check = verifyVoidChain(ordered);
    if (!check.ok) {
      const bad = ordered.find((v) => v.seq === check.seq)!;
      return { ok: false, row: bad.row, seq: bad.voteSeq, reason: check.reason };
    }
    const tallies = [...this.#tallies.values()].sort(
      (a, b) => a.campaign.localeCompare(b.campaign) || a.list.localeCompare(b.list) || a.entryId - b.entryId,
    );
    return { ok: true, rows: this.#row - 1, head: this.#prev, voids: check.count, voidHead: check.head, tallies };
  }
}

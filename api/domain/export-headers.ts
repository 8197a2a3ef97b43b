/**
 * The organizer exports' column headers: Chinese by default (what an editor reads in Excel), the
 * English machine names with `headers=en`. One table per kind, here and nowhere else. Columns named
 * after the campaign's own keys (a component, a category) take the campaign's Chinese title, which
 * the export hands in as `labels`; a day's tally column (`valid_2024-10-08`) says 有效票 and the day.
 */

export type HeaderSet = "zh" | "en";
export const HEADER_SETS: readonly HeaderSet[] = ["zh", "en"];

const common = {
  campaign: "活动标识",
  list: "榜单标识",
  list_title: "榜单名称",
  ranking: "排名方式",
  entry_id: "对象编号",
  entry_slug: "对象标识",
  entry_name: "对象名称",
};

export const EXPORT_HEADERS_ZH: Record<string, Record<string, string>> = {
  tallies: { ...common, valid: "有效票", voided: "已作废" },
  votes: {
    seq: "序号",
    id: "投票编号",
    campaign_id: "活动编号",
    list_id: "榜单编号",
    entry_id: "对象编号",
    voter_hash: "投票人哈希",
    ip_hash: "IP哈希",
    day: "投票日",
    received_at: "接收时间戳",
    prev_hash: "前一哈希",
    hash: "哈希",
    campaign: "活动标识",
    list: "榜单标识",
    entry: "对象标识",
    received_time: "接收时间",
    void_seq: "作废序号",
    void_at: "作废时间戳",
    void_actor: "作废操作人",
    void_reason: "作废原因",
    void_prev_hash: "作废前一哈希",
    void_hash: "作废哈希",
  },
  scores: {
    ...common,
    reveal_scores: "成绩公开方式",
    complete: "成绩齐全",
    missing: "缺少的成绩",
    total: "总分",
    total_rounded: "总分（两位小数）",
    rank: "名次",
    votes: "有效票",
    vote_score: "网络投票得分",
    dimension: "维度标识",
    dimension_title: "维度名称",
    dimension_weight: "维度权重",
    dimension_score: "维度得分",
    round: "轮次",
    submitted_at: "提交时间",
    comment: "评语",
  },
  objections: {
    receipt: "回执号",
    created_at: "提交时间",
    status: "状态",
    status_zh: "状态说明",
    publication_id: "公示编号",
    list: "榜单标识",
    entry_id: "对象编号",
    entry_slug: "对象标识",
    entry_name: "对象名称",
    name: "异议人",
    contact: "联系方式",
    reason: "异议理由",
    evidence: "证明材料",
    resolution_note: "处理意见",
    resolved_at: "处理时间",
    resolved_by: "处理人",
  },
  eligibility: {
    ...common,
    region: "地区",
    period: "时期标识",
    period_title: "时期",
    years: "年份",
    period_status: "时期结论",
    period_summary: "时期小结",
    group: "指标分组",
    indicator: "指标标识",
    indicator_title: "指标名称",
    role: "指标类型",
    value: "数值",
    value_text: "数值（显示）",
    unit: "单位",
    threshold: "条件",
    rule: "规则",
    result: "结果标识",
    result_label: "结果",
  },
};

/** The votes export's Chinese header, in the order of its machine columns (verify reads either). */
export function voteColumnsZh(columns: readonly string[]): string[] {
  return columns.map((c) => EXPORT_HEADERS_ZH.votes![c]!);
}

/**
 * The header row of an export of `kind`: `columns` as they are for `en`; for `zh` each column's
 * name from the table, else from `labels` (the campaign's own keys), else the machine name.
 */
export function exportHeaders(kind: string, columns: readonly string[], set: HeaderSet, labels: Record<string, string> = {}): string[] {
  if (set === "en") return [...columns];
  const table = EXPORT_HEADERS_ZH[kind] ?? {};
  return columns.map((c) => {
    const fixed = table[c] ?? labels[c];
    if (fixed !== undefined) return fixed;
    const day = /^valid_(\d{4}-\d{2}-\d{2})$/.exec(c);
    if (day) return `有效票 ${day[1]}`;
    return c;
  });
}

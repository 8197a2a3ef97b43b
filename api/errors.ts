/**
 * One error system: a code union, one table from code to HTTP status and message, one JSON shape
 * `{"error":{"code","message"}}`. Messages are Chinese by default, English with Accept-Language: en.
 */
import { parseAccept } from "hono/utils/accept";

export const errorCatalog = {
  invalid_request: { status: 400, zh: "请求格式不正确", en: "The request is not valid" },
  unauthorized: { status: 401, zh: "需要有效的管理令牌", en: "A valid admin token is required" },
  bot_check_failed: { status: 403, zh: "人机验证未通过，请重新验证后再投票", en: "The bot check failed; please verify again" },
  forbidden: { status: 403, zh: "当前令牌无权执行此操作", en: "This token may not do that" },
  not_found: { status: 404, zh: "找不到该对象", en: "Not found" },
  method_not_allowed: { status: 405, zh: "不支持该请求方法", en: "Method not allowed" },
  already_voted: { status: 409, zh: "今天已为该对象投过票，明天可以再投", en: "You have already voted for this entry today" },
  voting_closed: { status: 409, zh: "投票已截止", en: "Voting is closed" },
  voting_not_started: { status: 409, zh: "投票尚未开始", en: "Voting has not started yet" },
  conflict: { status: 409, zh: "操作与现有数据冲突", en: "The request conflicts with existing data" },
  publicity_closed: { status: 409, zh: "不在公示期内，暂不受理异议", en: "Objections are accepted only during the publicity period" },
  payload_too_large: { status: 413, zh: "请求内容过大", en: "The request body is too large" },
  headers_too_large: {
    status: 431,
    zh: "请求头或网址过长",
    en: "The request's headers or address are too long",
  },
  unsupported_media_type: {
    status: 415,
    zh: "请以 JSON 格式提交（Content-Type: application/json）",
    en: "Send JSON (Content-Type: application/json)",
  },
  unprocessable: { status: 422, zh: "内容有误，未做任何改动", en: "The content has errors; nothing was changed" },
  daily_limit: { status: 429, zh: "今日票数已用完，明天再来吧", en: "No votes left today; come back tomorrow" },
  rate_limited: { status: 429, zh: "操作过于频繁，请稍后再试", en: "Too many requests; please try again shortly" },
  not_implemented: { status: 501, zh: "不支持该格式", en: "That format is not available" },
  internal: { status: 500, zh: "服务器出错了，请稍后再试", en: "Something went wrong; please try again" },
  bot_check_unavailable: {
    status: 503,
    zh: "人机验证服务暂时不可用，请稍后再试",
    en: "The bot check is unavailable; please try again shortly",
  },
  unavailable: { status: 503, zh: "服务暂时不可用，请稍后再试", en: "Temporarily unavailable" },
} as const;

export type ErrorCode = keyof typeof errorCatalog;
export type Lang = "zh" | "en";

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** overrides the catalog message; give both languages when it carries specifics */
    readonly detail?: { zh: string; en?: string },
    readonly extra?: { headers?: Record<string, string>; body?: Record<string, unknown> },
  ) {
    super(detail?.en ?? detail?.zh ?? errorCatalog[code].en);
  }

  get status(): number {
    return errorCatalog[this.code].status;
  }

  message_(lang: Lang): string {
    if (this.detail) return lang === "en" ? (this.detail.en ?? this.detail.zh) : this.detail.zh;
    return errorCatalog[this.code][lang];
  }
}

export function errorBody(
  code: ErrorCode,
  lang: Lang,
  detail?: { zh: string; en?: string },
): { error: { code: ErrorCode; message: string } } {
  const message = detail ? (lang === "en" ? (detail.en ?? detail.zh) : detail.zh) : errorCatalog[code][lang];
  return { error: { code, message } };
}

const LANGS: readonly Lang[] = ["zh", "en"];

/**
 * The language to answer in, from an Accept-Language header (RFC 9110 §12.5.4): the supported
 * language (any zh-* is zh, en-* is en) with the highest q, the earlier one on a tie; q=0 rules a
 * language out; `*` is any language not ruled out, Chinese first. Chinese when nothing matches.
 */
export function preferredLang(acceptLanguage: string | undefined | null): Lang {
  if (!acceptLanguage) return "zh";
  // Hono's parser: ranges with their q, sorted by q and stable on ties
  const ranges = parseAccept(acceptLanguage);
  const ruledOut = new Set(ranges.filter((r) => r.q === 0).map((r) => r.type.toLowerCase()));
  for (const range of ranges) {
    if (range.q === 0) break;
    const tag = range.type.toLowerCase();
    if (tag === "*") return LANGS.find((l) => !ruledOut.has(l)) ?? "zh";
    // "en_US" is not a language tag, but some clients send it
    const primary = tag.split(/[-_]/)[0];
    if (primary === "zh" || primary === "en") return primary;
  }
  return "zh";
}

/**
 * The fuzzer's requests: every public and admin endpoint of the API (api/routes/), and for each a
 * generator of hostile requests — path parameters, query strings, headers and bodies that are
 * malformed, oversized, of the wrong type, or nearly valid with one field wrong. No generated
 * request carries a bot-check token that passes, so none may write a vote or an objection; and a
 * request that carries a valid organizer or auditor token never names the real campaign, so none
 * may take a real action.
 */
import fc from "fast-check";
import { TEST_BOT_TOKEN } from "../../api/config.ts";

export interface FuzzFixture {
  campaign: string;
  lists: string[];
  entryIds: number[];
  publicationId: number;
  organizer: string;
  auditor: string;
}

export interface Endpoint {
  name: string;
  method: "GET" | "POST" | "PUT" | "DELETE" | "PATCH" | "HEAD" | "ANY";
  /** path with {campaign}, {list}, {id} and {entry} placeholders */
  path: string;
  admin: boolean;
  /** nearly valid bodies for this endpoint (JSON values), before the hostile mutations */
  near?: (f: FuzzFixture) => fc.Arbitrary<unknown>;
}

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Uint8Array;
}

const api = (name: string, method: Endpoint["method"], path: string, near?: Endpoint["near"]): Endpoint => ({
  name,
  method,
  path,
  admin: path.startsWith("/api/admin/"),
  near,
});

/** Text a client can type: anything, control characters, injections, huge, numbers as text. */
export const hostileText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  fc.constantFrom(
    "",
    " ",
    "..",
    "%00",
    "%",
    "%ZZ",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "${7*7}",
    "__proto__",
    "constructor",
    "null",
    "NaN",
    "-1",
    "0",
    "1e400",
    "9007199254740993",
    "../../etc/passwd",
    "\u0000",
    "\u202e\u200b",
    "🙂".repeat(60),
    "a".repeat(5000),
  ),
  fc.integer().map(String),
);

const hostileJson: fc.Arbitrary<unknown> = fc.oneof(hostileText, fc.jsonValue({ maxDepth: 3 }), fc.integer(), fc.double(), fc.boolean());

const token = hostileText.map((t) => (t === TEST_BOT_TOKEN ? "x" : t));

/**
 * A valid body with a token that cannot pass, and now and then one more field made hostile, so
 * most requests get past parsing to the deeper checks (entry, window, limits, bot check).
 */
function nearlyValid(base: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Record<string, unknown>> {
  return fc.tuple(base, fc.option(fc.tuple(fc.string({ maxLength: 12 }), hostileJson), { freq: 3 })).map(([body, change]) => {
    if (!change) return body;
    const keys = Object.keys(body);
    const [k, v] = change;
    return { ...body, [keys.includes(k) || k.length > 6 ? k : keys[k.length % keys.length]!]: v };
  });
}

function voteBody(f: FuzzFixture) {
  return nearlyValid(
    fc.record(
      { entryId: fc.oneof(fc.constantFrom(...f.entryIds), fc.constantFrom(...f.entryIds).map(String)), token, idempotencyKey: hostileText },
      { requiredKeys: ["entryId", "token"] },
    ),
  );
}

function objectionBody(f: FuzzFixture) {
  return nearlyValid(
    fc.record({
      publicationId: fc.constant(f.publicationId),
      entryId: fc.constantFrom(...f.entryIds),
      name: fc.constant("王小明"),
      contact: fc.constant("13800001234"),
      reason: fc.oneof(fc.constant("申报材料中的专利数据有误。"), hostileText),
      token,
    }),
  );
}

const iso = fc.oneof(
  fc.constant("2024-10-08T09:00:00+08:00"),
  hostileText,
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
);

/** Every route of api/routes/, public and admin, with the method it takes. */
export const ENDPOINTS: Endpoint[] = [
  api("health", "GET", "/api/health"),
  api("campaigns", "GET", "/api/campaigns"),
  api("leaderboard", "GET", "/api/campaigns/{campaign}/lists/{list}/leaderboard"),
  api("leaderboard.csv", "GET", "/api/campaigns/{campaign}/lists/{list}/leaderboard.csv"),
  api("leaderboard.svg", "GET", "/api/campaigns/{campaign}/lists/{list}/leaderboard.svg"),
  api("leaderboard.png", "GET", "/api/campaigns/{campaign}/lists/{list}/leaderboard.png"),
  api("entry", "GET", "/api/entries/{entry}"),
  api("poster.png", "GET", "/api/entries/{entry}/poster.png"),
  api("entry card.png", "GET", "/api/entries/{entry}/card.png"),
  api("list card.png", "GET", "/api/campaigns/{campaign}/lists/{list}/card.png"),
  api("oembed", "GET", "/api/oembed"),
  api("me/votes", "GET", "/api/me/votes"),
  api("publications", "GET", "/api/campaigns/{campaign}/publications"),
  api("publication", "GET", "/api/publications/{id}"),
  api("votes", "POST", "/api/votes", voteBody),
  api("objections", "POST", "/api/objections", objectionBody),
  api("admin campaigns", "GET", "/api/admin/campaigns"),
  api("admin anomalies", "GET", "/api/admin/anomalies"),
  api("admin audit", "GET", "/api/admin/audit"),
  api("admin eligibility", "GET", "/api/admin/campaigns/{campaign}/eligibility"),
  api("admin scoring", "GET", "/api/admin/campaigns/{campaign}/scoring"),
  api("admin indicators", "GET", "/api/admin/campaigns/{campaign}/indicators"),
  api("admin export", "GET", "/api/admin/campaigns/{campaign}/export"),
  api("admin exports", "GET", "/api/admin/exports"),
  api("admin objections", "GET", "/api/admin/objections"),
  api("admin tokens", "GET", "/api/admin/tokens"),
  api("admin revocations", "GET", "/api/admin/campaigns/{campaign}/revocations"),
  api("admin import", "POST", "/api/admin/campaigns", () => fc.record({ slug: hostileText, title: hostileJson, lists: hostileJson })),
  api("admin close", "POST", "/api/admin/campaigns/{campaign}/lists/{list}/close"),
  api("admin open", "POST", "/api/admin/campaigns/{campaign}/lists/{list}/open", () => fc.record({ closesAt: iso })),
  api("admin window", "PUT", "/api/admin/campaigns/{campaign}/lists/{list}/window", () => fc.record({ opensAt: iso, closesAt: iso })),
  api("admin void", "POST", "/api/admin/votes/void", (f) =>
    fc.record({ filter: fc.record({ campaign: fc.constant(f.campaign), voteIds: hostileJson }), reason: hostileText, dryRun: hostileJson }),
  ),
  api("admin scores", "POST", "/api/admin/campaigns/{campaign}/scores"),
  api("admin indicators import", "POST", "/api/admin/campaigns/{campaign}/indicators"),
  api("admin entries", "POST", "/api/admin/campaigns/{campaign}/lists/{list}/entries"),
  api("admin publish", "POST", "/api/admin/campaigns/{campaign}/publications", () =>
    fc.record({ kind: fc.oneof(fc.constantFrom("preliminary", "final"), hostileText), list: hostileText, workingDays: hostileJson }),
  ),
  api("admin revoke", "POST", "/api/admin/campaigns/{campaign}/revocations", () =>
    fc.record({
      entry: hostileText,
      date: fc.oneof(fc.constant("2024-10-08"), fc.constant("2023-02-29"), hostileText),
      reason: hostileText,
    }),
  ),
  api("admin resolve", "POST", "/api/admin/objections/{id}/resolve", () =>
    fc.record({ resolution: fc.oneof(fc.constantFrom("upheld", "rejected"), hostileText), note: hostileText }),
  ),
  // anything else under /api/: unknown paths and methods a route does not take
  api("unknown", "ANY", "/api/{campaign}/{list}"),
];

/** Percent-encodes the UTF-8 bytes of any string, lone surrogates included (as U+FFFD). */
export function percent(s: string): string {
  let out = "";
  for (const b of Buffer.from(s, "utf8"))
    out += /[A-Za-z0-9._~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, "0")}`;
  return out;
}

/** Header values a client can send (HTTP forbids CR, LF and NUL; Latin-1 bytes pass). */
const headerValue = fc.oneof(
  fc.string({
    unit: fc
      .integer({ min: 0x20, max: 0xff })
      .filter((c) => c !== 0x7f)
      .map((c) => String.fromCharCode(c)),
    maxLength: 120,
  }),
  fc.constantFrom("", "*", "a".repeat(4000), "\t", "null", "undefined", "application/json\tx"),
);

const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "application/merge-patch+json",
  "text/plain",
  "text/csv",
  "multipart/form-data; boundary=x",
  "application/x-www-form-urlencoded",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/octet-stream",
];

const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join("."));
const ipv6 = fc.array(fc.nat(0xffff), { minLength: 8, maxLength: 8 }).map((p) => p.map((n) => n.toString(16)).join(":"));

function headersArb(auth: fc.Arbitrary<string | undefined>) {
  return fc
    .record(
      {
        "content-type": fc.oneof(
          { weight: 8, arbitrary: fc.constant("application/json") },
          { weight: 2, arbitrary: fc.constant(undefined) },
          { weight: 6, arbitrary: fc.constantFrom("application/json", "application/json; charset=utf-8") },
          { weight: 3, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
          { weight: 1, arbitrary: headerValue },
        ),
        "accept-language": fc.oneof(fc.constantFrom("en", "zh-CN", "*;q=0", "en;q=abc", "zh;q=0, en;q=0"), headerValue),
        cookie: fc.oneof(
          headerValue.map((v) => `bd_voter=${v}`),
          headerValue,
        ),
        "x-forwarded-for": fc.oneof(ipv4, ipv6, headerValue, fc.constantFrom("1.2.3.4, 5.6.7.8", "::ffff:127.0.0.1", "127.0.0.1", "::1")),
        "if-none-match": headerValue,
        "x-request-id": headerValue,
        "user-agent": headerValue,
        origin: headerValue,
        range: headerValue,
        authorization: auth,
      },
      { requiredKeys: ["content-type"] },
    )
    .map((h) => Object.fromEntries(Object.entries(h).filter((e): e is [string, string] => e[1] !== undefined)));
}

const encode = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));

/** Bodies: none, bytes, text, JSON of any shape, nearly valid JSON, and a few known troublemakers. */
function bodyArb(near: fc.Arbitrary<unknown> | undefined): fc.Arbitrary<Uint8Array | undefined> {
  const text = (s: string) => new TextEncoder().encode(s);
  return fc.oneof(
    fc.constant(undefined),
    fc.uint8Array({ maxLength: 600 }),
    fc.string({ unit: "binary", maxLength: 300 }).map(text),
    fc.jsonValue({ maxDepth: 4 }).map(encode),
    ...(near ? [{ weight: 4, arbitrary: near.map(encode) }] : []),
    fc
      .constantFrom(
        "",
        "null",
        "[]",
        "\uFEFF{}",
        "[".repeat(20_000),
        '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}',
        '{"entryId":1e309,"token":"x"}',
        '{"entryId":1,"entryId":2,"token":"x"}',
        "x".repeat(70_000),
        "entry,dimension,component,scorer,score\n=cmd|' /C calc'!A0,a,b,c,101",
      )
      .map(text),
  );
}

/** Path parameters: the real slug or id (only without a valid token), or hostile text. */
function paramsArb(f: FuzzFixture, real: boolean) {
  const pick = <T>(values: T[]) => (real ? fc.oneof(fc.constantFrom(...values).map(String), hostileText) : hostileText);
  return fc.record({
    campaign: pick([f.campaign]),
    list: pick(f.lists),
    entry: pick(f.entryIds),
    id: fc.oneof(pick([f.publicationId]), fc.nat().map(String)),
  });
}

const QUERY_KEYS = ["campaign", "list", "kind", "format", "url", "limit", "since", "headers", "layout", "lang", "maxwidth", "dryRun"];

function queryArb(f: FuzzFixture, real: boolean) {
  const key = fc.oneof(fc.constantFrom(...QUERY_KEYS), hostileText);
  const value = real
    ? fc.oneof(fc.constantFrom(f.campaign, ...f.lists, "tallies", "votes", "csv", "xlsx", "json"), hostileText)
    : hostileText;
  return fc.oneof(
    fc.constant(""),
    fc.array(fc.tuple(key, value), { maxLength: 5 }).map((pairs) => pairs.map(([k, v]) => `${percent(k)}=${percent(v)}`).join("&")),
    fc.constantFrom("%", "%zz", "&&&", "=", "a=%E4%B8", "campaign=a&campaign=b", `url=${"x".repeat(6000)}`),
  );
}

const METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH"] as const;

/**
 * One hostile request to `ep`. Admin calls carry no token, a forged one, or a real organizer or
 * auditor token; with a real token, every slug, id and body is hostile (never the real campaign).
 */
export function requestArb(ep: Endpoint, f: FuzzFixture): fc.Arbitrary<FuzzRequest> {
  const authArb = fc.oneof(
    fc.constant(undefined),
    headerValue,
    headerValue.map((v) => `Bearer ${v}`),
    fc.constantFrom(`Basic ${f.organizer}`, `Bearer ${f.organizer}x`, `bearer  ${f.auditor.slice(1)}`),
    { weight: 2, arbitrary: fc.constantFrom(`Bearer ${f.organizer}`, `Bearer ${f.auditor}`) },
  );
  return authArb.chain((auth) => {
    const signedIn = auth === `Bearer ${f.organizer}` || auth === `Bearer ${f.auditor}`;
    const real = !signedIn;
    return fc
      .record({
        method:
          ep.method === "ANY"
            ? fc.constantFrom(...METHODS)
            : fc.oneof({ weight: 9, arbitrary: fc.constant(ep.method) }, { weight: 1, arbitrary: fc.constantFrom(...METHODS) }),
        params: paramsArb(f, real),
        query: queryArb(f, real),
        headers: headersArb(fc.constant(auth)),
        body: bodyArb(real && ep.near ? ep.near(f) : undefined),
      })
      .map(({ method, params, query, headers, body }) => {
        const path = ep.path.replace(/\{(\w+)\}/g, (_, k: keyof typeof params) => percent(params[k]));
        const withBody = method !== "GET" && method !== "HEAD" && body !== undefined;
        return { method, path: query ? `${path}?${query}` : path, headers, ...(withBody ? { body } : {}) };
      });
  });
}

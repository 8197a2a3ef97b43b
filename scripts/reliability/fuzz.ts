/**
 * fuzz: hostile requests against every endpoint of a running server (scripts/reliability/fuzz-requests.ts).
 * Each answer must come, be under 500, and be in the contract's error shape
 * (`{"error":{"code","message"}}`, the status its code has in api/errors.ts) whenever it is a 4xx;
 * a write (anything but GET) must be refused. One documented exception: `GET /api/oembed` answers
 * 501 `not_implemented` for a format other than json, as the oEmbed specification requires.
 * The caller checks that no vote, objection or audit row of a real action was written.
 */
import fc from "fast-check";
import { errorCatalog } from "../../api/errors.ts";
import type { ServiceContext } from "../../api/services/context.ts";
import { createPublication } from "../../api/services/publicity.ts";
import { ENDPOINTS, requestArb, type Endpoint, type FuzzFixture, type FuzzRequest } from "./fuzz-requests.ts";
import { isoInZone } from "../../api/domain/voting.ts";
import { DAY, listEntryIds, makeToken, seedReliabilityCampaign, SLUG } from "./common.ts";

export interface EndpointFigures {
  endpoint: string;
  runs: number;
  ms: number;
  /** answers by status */
  statuses: Record<string, number>;
  failure?: string;
}

/** The campaign, an open preliminary publication (so objections reach the bot check) and two tokens. */
export async function prepareFuzzFixture(ctx: ServiceContext): Promise<FuzzFixture> {
  await seedReliabilityCampaign(ctx);
  const publication = await createPublication(ctx, {
    campaign: SLUG,
    kind: "preliminary",
    list: "alpha",
    startsAt: isoInZone(Date.now() - 3_600_000, "Asia/Shanghai"),
    endsAt: isoInZone(Date.now() + 5 * DAY, "Asia/Shanghai"),
    actor: "reliability",
  });
  await ctx.catalog.reload();
  return {
    campaign: SLUG,
    lists: ["alpha", "beta", "gamma"],
    entryIds: [...listEntryIds(ctx, "alpha"), ...listEntryIds(ctx, "gamma")],
    publicationId: publication.id,
    organizer: await makeToken(ctx, "organizer", "fuzz-organizer"),
    auditor: await makeToken(ctx, "auditor", "fuzz-auditor"),
  };
}

/** What is wrong with this answer, or undefined when it keeps the contract. */
export function judge(ep: Endpoint, req: FuzzRequest, status: number, text: string, pathname: string): string | undefined {
  if (!pathname.startsWith("/api/")) return status >= 500 ? `${status} outside the API` : undefined;
  if (status >= 500 && !(ep.name === "oembed" && status === 501)) return `${status}: ${text.slice(0, 300)}`;
  if (status >= 400) {
    let body: { error?: { code?: unknown; message?: unknown } } | undefined;
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      return `${status} answer is not JSON: ${text.slice(0, 200)}`;
    }
    const code = body?.error?.code;
    if (typeof code !== "string" || !(code in errorCatalog)) return `${status} answer has no known error code: ${text.slice(0, 200)}`;
    if (typeof body?.error?.message !== "string" || body.error.message === "") return `${status} answer has no message`;
    if (errorCatalog[code as keyof typeof errorCatalog].status !== status) return `${status} answer carries code ${code}`;
    return undefined;
  }
  if (req.method !== "GET" && req.method !== "HEAD") return `a hostile ${req.method} was accepted with ${status}`;
  return undefined;
}

export async function send(url: string, req: FuzzRequest): Promise<{ status: number; text: string; pathname: string }> {
  const target = new URL(req.path, url);
  const res = await fetch(target, {
    method: req.method,
    headers: req.headers,
    body: req.body as BodyInit | undefined,
    redirect: "manual",
    signal: AbortSignal.timeout(30_000),
  });
  const bytes = await res.arrayBuffer();
  const text = res.status >= 400 ? new TextDecoder().decode(bytes) : "";
  return { status: res.status, text, pathname: target.pathname };
}

function describe(req: FuzzRequest): string {
  const body = req.body ? ` body(${req.body.byteLength} B)=${JSON.stringify(new TextDecoder().decode(req.body.slice(0, 200)))}` : "";
  return `${req.method} ${req.path.slice(0, 300)} headers=${JSON.stringify(req.headers).slice(0, 400)}${body}`;
}

/** Runs `runs` hostile requests against one endpoint; stops at the first broken answer. */
export async function fuzzEndpoint(url: string, f: FuzzFixture, ep: Endpoint, runs: number, seed: number): Promise<EndpointFigures> {
  const statuses: Record<string, number> = {};
  let failure: string | undefined;
  let done = 0;
  const started = Date.now();
  const property = fc.asyncProperty(requestArb(ep, f), async (req) => {
    let answer: Awaited<ReturnType<typeof send>>;
    try {
      answer = await send(url, req);
    } catch (error) {
      failure ??= `no answer (${String(error)}) to ${describe(req)}`;
      return false;
    }
    done++;
    statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
    const wrong = judge(ep, req, answer.status, answer.text, answer.pathname);
    if (wrong) failure ??= `${wrong} — to ${describe(req)}`;
    return wrong === undefined;
  });
  const details = await fc.check(property, { numRuns: runs, seed, endOnFailure: true });
  if (details.failed && !failure) failure = `fast-check: ${String(details.errorInstance)}`;
  return {
    endpoint: `${ep.method} ${ep.path} (${ep.name})`,
    runs: done,
    ms: Date.now() - started,
    statuses,
    ...(failure ? { failure } : {}),
  };
}

/** Every endpoint, `runs` requests each, `parallel` endpoints at a time. */
export async function fuzzAll(
  url: string,
  f: FuzzFixture,
  options: { runs: number; seed?: number; parallel?: number; onEndpoint?: (r: EndpointFigures) => void },
): Promise<EndpointFigures[]> {
  const seed = options.seed ?? Date.now() % 2 ** 31;
  const queue = [...ENDPOINTS];
  const results: EndpointFigures[] = [];
  const worker = async () => {
    for (let ep = queue.shift(); ep; ep = queue.shift()) {
      const r = await fuzzEndpoint(url, f, ep, options.runs, seed);
      results.push(r);
      options.onEndpoint?.(r);
    }
  };
  await Promise.all(Array.from({ length: options.parallel ?? 4 }, worker));
  return results.sort((a, b) => a.endpoint.localeCompare(b.endpoint));
}

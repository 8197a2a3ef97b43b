/**
 * The organizer API's common security cases, registered in the caller's describe in one call (as
 * unkey's `runCommonRouteTests`): every route refuses a missing, malformed, unknown or revoked token
 * with 401, `WWW-Authenticate` and the contract's error shape; an auditor may read but a write is
 * 403 and changes nothing; the auditor's refusals are in the audit log under its name, the calls
 * without a valid token are counted (per minute and reason, never an audit row each), and no token
 * is kept anywhere. The cases make their own tokens, so the caller's stay as they were.
 */
import { beforeAll, expect, it } from "vitest";
import { revokeAdminToken } from "../../db/index.ts";
import { adminToken } from "./seed.ts";
import type { TestServer } from "./server.ts";

export interface AdminRoute {
  method: string;
  /** the full path, with its query if it has one: /api/admin/… */
  path: string;
  /** a write's body: sent as JSON (`{}` when there is none), or as it is with `contentType` (a CSV file) */
  body?: unknown;
  contentType?: string;
  /** a read for organizers only (tokens): an auditor gets 403 there too */
  organizerOnly?: boolean;
}

export interface AdminSecurityOptions {
  server: () => TestServer;
  /** the routes to check; a function when they are known only once the server runs */
  routes: AdminRoute[] | (() => AdminRoute[]);
  /** asserts that the refused calls changed nothing */
  unchanged?: () => Promise<void>;
}

const AUDITOR = "security-auditor";
const REVOKED = "security-revoked";
const UNKNOWN = "bd_not-a-real-token";

export function adminSecurityCases({ server, routes, unchanged }: AdminSecurityOptions): void {
  const all = () => (typeof routes === "function" ? routes() : routes);
  const writes = () => all().filter(isWrite);
  const reads = () => all().filter((r) => !isWrite(r));
  // a static list registers only the cases it has routes for; a lazy one registers them all
  const listed = typeof routes === "function" ? undefined : routes;
  let organizer: string;
  let auditor: string;
  let revoked: string;
  /** the refusal counts before the cases ran, and the calls without a valid token they made */
  let before: Counted;
  const anonymous: Counted = { admin_read: 0, admin_write: 0 };
  const anonymousCall = (route: AdminRoute) => (anonymous[isWrite(route) ? "admin_write" : "admin_read"] += 1);

  beforeAll(async () => {
    organizer = await adminToken(server(), "organizer", "security-organizer");
    auditor = await adminToken(server(), "auditor", AUDITOR);
    revoked = await adminToken(server(), "organizer", REVOKED);
    before = (await refusalCounts(server(), organizer)).counted;
  });

  it("401 unauthorized without a token, with WWW-Authenticate and the contract's error shape", async () => {
    const messages = new Set<string>();
    for (const route of all()) {
      const res = await send(server(), route);
      anonymousCall(route);
      expect(res.status, name(route)).toBe(401);
      expect(res.headers.get("www-authenticate"), name(route)).toMatch(/^Bearer realm="/);
      expect(res.body, name(route)).toEqual({ error: { code: "unauthorized", message: expect.stringMatching(/\S/) } });
      messages.add(res.body.error.message);
    }
    // one message for every route: nothing a route holds shows in its refusal
    expect(messages.size).toBe(1);
    await unchanged?.();
  });

  it("401 unauthorized with a malformed, unknown or revoked token", async () => {
    // the revoked token worked until it was revoked
    expect((await send(server(), { method: "GET", path: "/api/admin/audit" }, `Bearer ${revoked}`)).status).toBe(200);
    await server().deps.db.writer.run((tx) => revokeAdminToken(tx, REVOKED, Date.now()));
    const headers: [string, string][] = [
      ["an unknown token", `Bearer ${UNKNOWN}`],
      ["a revoked token", `Bearer ${revoked}`],
      ["another scheme", `Basic ${organizer}`],
      ["no scheme", organizer],
      ["no token", "Bearer"],
      ["two tokens", `Bearer ${organizer} ${organizer}`],
    ];
    for (const route of all()) {
      for (const [what, authorization] of headers) {
        const res = await send(server(), route, authorization);
        anonymousCall(route);
        expect(res.status, `${name(route)} with ${what}`).toBe(401);
        expect(res.body.error.code, `${name(route)} with ${what}`).toBe("unauthorized");
      }
    }
    await unchanged?.();
  });

  if (!listed || listed.some(isWrite)) {
    it("403 forbidden for an auditor's write, and nothing changes", async () => {
      for (const route of writes()) {
        const res = await send(server(), route, `Bearer ${auditor}`);
        expect(res.status, name(route)).toBe(403);
        expect(res.body, name(route)).toEqual({ error: { code: "forbidden", message: expect.stringMatching(/\S/) } });
      }
      await unchanged?.();
    });
  }

  if (!listed || listed.some((r) => !isWrite(r))) {
    it("an auditor may read, but not what is for organizers only", async () => {
      for (const route of reads())
        expect((await send(server(), route, `Bearer ${auditor}`)).status, name(route)).toBe(route.organizerOnly ? 403 : 200);
    });
  }

  it("the auditor's refusals are audited, the calls without a valid token counted, and no token is kept", async () => {
    const tokens = [UNKNOWN, organizer, auditor, revoked];
    await expectRefusalsAudited(server(), all(), { organizer, tokens });
    const after = await refusalCounts(server(), organizer);
    expect(after.counted.admin_read - before.admin_read, "anonymous reads counted").toBe(anonymous.admin_read);
    expect(after.counted.admin_write - before.admin_write, "anonymous writes counted").toBe(anonymous.admin_write);
    for (const line of after.lines) expect((line.sample ?? "").length).toBeLessThanOrEqual(200);
    const text = JSON.stringify(after.lines);
    for (const token of tokens) expect(text).not.toContain(token);
  });
}

type Counted = { admin_read: number; admin_write: number };

/** The organizer API's refusal counts (401s without a valid token) per kind, and its lines. */
async function refusalCounts(server: TestServer, organizer: string) {
  const res = await send(server, { method: "GET", path: "/api/admin/refusals" }, `Bearer ${organizer}`);
  expect(res.status).toBe(200);
  const lines = res.body.refusals as { reason: string; routeKind: string; count: number; sample?: string }[];
  const counted: Counted = { admin_read: 0, admin_write: 0 };
  for (const l of lines) if (l.reason === "unauthorized" && l.routeKind in counted) counted[l.routeKind as keyof Counted] += l.count;
  return { counted, lines };
}

/** The audit log holds each refusal of the auditor the cases above caused, and nothing of the callers without a token. */
async function expectRefusalsAudited(server: TestServer, routes: AdminRoute[], t: { organizer: string; tokens: string[] }): Promise<void> {
  const { organizer } = t;
  const writes = () => routes.filter(isWrite);
  const reads = () => routes.filter((r) => !isWrite(r));
  const res = await send(server, { method: "GET", path: "/api/admin/audit?kind=all&limit=1000" }, `Bearer ${organizer}`);
  expect(res.status).toBe(200);
  const audit = res.body.audit as { actor: string; action: string; target: string; details: { method?: string; status?: number } }[];
  const recorded = (actor: string, action: string, route: AdminRoute, status: number) =>
    audit.some(
      (r) =>
        r.actor === actor &&
        r.action === action &&
        r.target === pathOf(route) &&
        r.details.method === route.method &&
        r.details.status === status,
    );
  for (const route of writes()) expect(recorded(`auditor:${AUDITOR}`, "denied", route, 403), `${name(route)}: auditor, 403`).toBe(true);
  for (const route of reads())
    expect(recorded(`auditor:${AUDITOR}`, "read", route, route.organizerOnly ? 403 : 200), `${name(route)}: auditor's read`).toBe(true);
  // calls without a valid token are counted, never audited one by one; the auditor only read
  // (an export is a read that leaves a manifest)
  expect(audit.filter((r) => r.actor === "anonymous")).toEqual([]);
  expect(audit.filter((r) => r.actor === `auditor:${AUDITOR}` && !["denied", "read", "export"].includes(r.action))).toEqual([]);
  const text = JSON.stringify(audit);
  for (const token of t.tokens) expect(text).not.toContain(token);
}

const isWrite = (route: AdminRoute) => route.method !== "GET" && route.method !== "HEAD";
const name = (route: AdminRoute) => `${route.method} ${route.path}`;
const pathOf = (route: AdminRoute) => new URL(route.path, "http://localhost").pathname;

async function send(server: TestServer, route: AdminRoute, authorization?: string) {
  const raw = route.contentType !== undefined;
  const body = !isWrite(route) ? undefined : raw ? (route.body as BodyInit) : JSON.stringify(route.body ?? {});
  const res = await server.get(route.path, {
    method: route.method,
    headers: {
      ...(authorization !== undefined ? { authorization } : {}),
      ...(body !== undefined ? { "content-type": route.contentType ?? "application/json" } : {}),
    },
    body,
  });
  // exports answer with a file, everything else with JSON
  const text = await res.text();
  const json = (res.headers.get("content-type") ?? "").includes("json");
  return { status: res.status, headers: res.headers, body: json && text ? JSON.parse(text) : undefined };
}

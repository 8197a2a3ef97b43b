/**
 * The HTTP plumbing every answer goes through: 404 and 405 in the error shape (405 naming the
 * methods), the admin guard before either, security headers by kind of path, a request id on every
 * answer, one access-log line per request without the query string, and the error shape even for
 * requests Node's parser refuses before any handler.
 */
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminToken, seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, testCampaign, type TestServer } from "../../helpers/server.ts";

const clock = new ManualClock(Date.parse("2024-10-10T12:00:00+08:00"));
let server: TestServer;
let organizer: string;

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false });
  await seedCampaign(server, testCampaign());
  organizer = await adminToken(server, "organizer");
});
afterAll(async () => server?.close());

describe("unknown paths and wrong methods", () => {
  it("a known path with a wrong method is 405 with Allow, in Chinese by default and English on request", async () => {
    const zh = await server.json("/api/votes", { method: "PUT" });
    expect(zh.status).toBe(405);
    expect(zh.headers.get("allow")).toBe("POST");
    expect(zh.body).toEqual({ error: { code: "method_not_allowed", message: "不支持该请求方法" } });
    const en = await server.json("/api/campaigns/test-2024/lists/ranked/leaderboard", {
      method: "DELETE",
      headers: { "accept-language": "en" },
    });
    expect(en.status).toBe(405);
    expect(en.headers.get("allow")).toBe("GET, HEAD");
    expect(en.body).toEqual({ error: { code: "method_not_allowed", message: "Method not allowed" } });
  });

  it("an unknown API path is 404 not_found for every method", async () => {
    for (const method of ["GET", "POST", "DELETE"]) {
      const res = await server.json("/api/no-such-thing", { method });
      expect(res.status, method).toBe(404);
      expect(res.headers.get("allow")).toBeNull();
      expect(res.body).toEqual({ error: { code: "not_found", message: "没有这个接口" } });
    }
    expect((await server.json("/api/nope", { headers: { "accept-language": "en" } })).body.error.message).toBe("No such endpoint");
  });

  it("the admin guard answers first: 401 without a token for unknown paths and wrong methods alike", async () => {
    for (const [method, path] of [
      ["GET", "/api/admin/no-such-thing"],
      ["DELETE", "/api/admin/audit"],
      ["GET", "/api/admin/campaigns/test-2024/lists/ranked/close"],
    ] as const) {
      const res = await server.json(path, { method });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.headers.get("allow"), `${method} ${path}`).toBeNull();
      expect(res.body.error.code).toBe("unauthorized");
    }
  });

  it("signed in, the admin API answers 405 with Allow and 404 for unknown paths, and audits the 405", async () => {
    const auth = { authorization: `Bearer ${organizer}` };
    const wrong = await server.json("/api/admin/campaigns/test-2024/lists/ranked/close", { headers: auth });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("POST");
    expect(wrong.body.error.code).toBe("method_not_allowed");
    const missing = await server.json("/api/admin/no-such-thing", { headers: auth });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("not_found");
    const audit = (await server.json("/api/admin/audit?kind=all", { headers: auth })).body.audit as {
      target: string;
      details: { status: number };
    }[];
    expect(audit.find((a) => a.target === "/api/admin/campaigns/test-2024/lists/ranked/close")?.details.status).toBe(405);
  });
});

describe("security headers by kind of path", () => {
  const sameEverywhere = (res: Response, path: string) => {
    expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
    expect(res.headers.get("referrer-policy"), path).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("strict-transport-security"), `${path} came over http`).toBeNull();
  };
  /** What governs a document: on pages, and not on data, where it is inert and costs every answer. */
  const documentPolicy = (res: Response, path: string, page: boolean) => {
    expect(res.headers.get("cross-origin-opener-policy"), path).toBe(page ? "same-origin" : null);
    const permissions = res.headers.get("permissions-policy");
    if (!page) expect(permissions, path).toBeNull();
    else
      for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"]) expect(permissions, path).toContain(`${feature}=()`);
  };

  it("API answers: framed by nobody, and only this site may load them", async () => {
    for (const [method, path] of [
      ["GET", "/api/health"],
      ["GET", "/api/me/votes?campaign=test-2024"],
      ["POST", "/api/votes"],
      ["GET", "/api/admin/audit"],
      ["GET", "/api/no-such-thing"],
      ["PUT", "/api/votes"],
      ["OPTIONS", "/api/votes"],
      ["HEAD", "/api/health"],
      ["POST", "/api/health"],
    ] as const) {
      const res = await server.get(path, { method });
      sameEverywhere(res, path);
      documentPolicy(res, path, false);
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
      expect(res.headers.get("content-security-policy"), path).toBe("frame-ancestors 'none'");
      expect(res.headers.get("cross-origin-resource-policy"), path).toBe("same-origin");
    }
  });

  it("public feeds and images: loadable by other sites (CORP cross-origin), still never framed", async () => {
    const entry = (await server.json("/api/campaigns/test-2024/lists/ranked/leaderboard")).body.entries[0].id;
    for (const path of [
      "/api/campaigns",
      "/api/campaigns/test-2024/lists/ranked/leaderboard",
      "/api/campaigns/test-2024/lists/ranked/leaderboard.csv",
      "/api/campaigns/test-2024/lists/ranked/leaderboard.svg",
      "/api/campaigns/test-2024/lists/ranked/leaderboard.png",
      "/api/campaigns/test-2024/lists/ranked/card.png",
      "/api/campaigns/test-2024/publications",
      `/api/entries/${entry}`,
      `/api/entries/${entry}/poster.png`,
      "/api/publications/1",
      `/api/oembed?url=${encodeURIComponent("/test-2024/ranked/")}`,
      "/api/campaigns/no-such/lists/x/leaderboard",
    ]) {
      const res = await server.get(path);
      sameEverywhere(res, path);
      documentPolicy(res, path, false);
      expect(res.headers.get("cross-origin-resource-policy"), path).toBe("cross-origin");
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
    }
  });

  it("site paths: embeds, embed.js and images may be framed and loaded anywhere; the console by nobody; other pages by this site", async () => {
    // the policy goes by path, so it holds for whatever the site answers there (this server builds no site)
    const cases: [string, string | null, string | null, string][] = [
      ["/embed/test-2024/ranked/", null, null, "cross-origin"],
      ["/en/embed/test-2024/ranked/", null, null, "cross-origin"],
      ["/embed.js", null, null, "cross-origin"],
      ["/favicon.svg", null, null, "cross-origin"],
      ["/admin/", "DENY", "frame-ancestors 'none'", "same-origin"],
      ["/en/admin/", "DENY", "frame-ancestors 'none'", "same-origin"],
      ["/", "SAMEORIGIN", "frame-ancestors 'self'", "same-origin"],
      ["/test-2024/ranked/", "SAMEORIGIN", "frame-ancestors 'self'", "same-origin"],
      ["/en/embedded-elsewhere/", "SAMEORIGIN", "frame-ancestors 'self'", "same-origin"],
    ];
    for (const [path, frame, csp, corp] of cases) {
      const res = await server.get(path);
      sameEverywhere(res, path);
      documentPolicy(res, path, true);
      expect(res.headers.get("x-frame-options"), path).toBe(frame);
      expect(res.headers.get("content-security-policy"), path).toBe(csp);
      expect(res.headers.get("cross-origin-resource-policy"), path).toBe(corp);
    }
  });

  it("HSTS only when the request came over https: PUBLIC_ORIGIN https, or X-Forwarded-Proto from a trusted proxy", async () => {
    const proto = { "x-forwarded-proto": "https" };
    // no trusted proxy here: a client cannot claim https for itself
    expect((await server.get("/api/health", { headers: proto })).headers.get("strict-transport-security")).toBeNull();
    const proxied = await startTestServer({ seedDemo: false, env: { TRUST_PROXY: "x-forwarded-for" } });
    try {
      expect((await proxied.get("/api/health", { headers: proto })).headers.get("strict-transport-security")).toBe("max-age=31536000");
      expect((await proxied.get("/", { headers: proto })).headers.get("strict-transport-security")).toBe("max-age=31536000");
      expect((await proxied.get("/api/health")).headers.get("strict-transport-security")).toBeNull();
    } finally {
      await proxied.close();
    }
    const behindTls = await startTestServer({ seedDemo: false, env: { PUBLIC_ORIGIN: "https://vote.example.cn" } });
    try {
      for (const path of ["/api/health", "/api/nope", "/embed/x/y/"]) {
        expect((await behindTls.get(path)).headers.get("strict-transport-security"), path).toBe("max-age=31536000");
      }
    } finally {
      await behindTls.close();
    }
  });
});

describe("request ids and the access log", () => {
  it("gives every answer an X-Request-Id, keeping a valid one the client sent and replacing anything else", async () => {
    for (const [method, path] of [
      ["GET", "/api/health"],
      ["GET", "/api/no-such-thing"],
      ["PUT", "/api/votes"],
      ["POST", "/api/votes"],
      ["GET", "/api/admin/audit"],
      ["OPTIONS", "/api/campaigns"],
      ["GET", "/"],
      ["HEAD", "/api/campaigns"],
      ["HEAD", "/api/health"],
      ["GET", "/api/campaigns/no-such/lists/x/leaderboard"],
    ] as const) {
      const res = await server.get(path, { method });
      expect(res.headers.get("x-request-id"), `${method} ${path}`).toMatch(/^[0-9a-f-]{36}$/);
    }
    // health and the leaderboard answer ahead of the middleware (api/http/direct.ts): the 405 check still knows them
    const post = await server.get("/api/health", { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
    const a = (await server.get("/api/health")).headers.get("x-request-id");
    const b = (await server.get("/api/health")).headers.get("x-request-id");
    expect(a).not.toBe(b);
    const kept = await server.get("/api/health", { headers: { "x-request-id": "edge-4f2a_9=" } });
    expect(kept.headers.get("x-request-id")).toBe("edge-4f2a_9=");
    for (const bad of ["has space", "a".repeat(256), "x;y", "../etc"]) {
      const res = await server.get("/api/health", { headers: { "x-request-id": bad } });
      expect(res.headers.get("x-request-id"), bad).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("writes one line per request, with status, time, request id and no query string", async () => {
    const logged = await startTestServer({ clock, seedDemo: false, accessLog: true });
    try {
      await seedCampaign(logged, testCampaign());
      const token = await adminToken(logged, "organizer");
      logged.logs.length = 0;
      const res = await logged.get("/api/me/votes?campaign=test-2024&token=secret-in-query", { headers: { "x-request-id": "trace-1" } });
      expect(res.status).toBe(200);
      const audit = await logged.get("/api/admin/audit?kind=all&limit=5", { headers: { authorization: `Bearer ${token}` } });
      expect(audit.status).toBe(200);
      // a path cannot start a line of its own: it is logged as sent, percent-encoded
      const forging = await logged.get("/api/nope%0AGET%20/api/health%20200");
      expect(forging.status).toBe(404);
      // the reads answered ahead of the middleware log the same line (api/http/direct.ts)
      expect((await logged.get("/api/health", { headers: { "x-request-id": "trace-2" } })).status).toBe(200);
      expect((await logged.get("/api/campaigns/no-such/lists/x/leaderboard?token=secret-in-query")).status).toBe(404);
      const lines = logged.logs.filter((l) => / \/api\//.test(l));
      expect(lines).toHaveLength(5);
      expect(lines[0]).toMatch(/^GET \/api\/me\/votes 200 \d+\.\dms trace-1$/);
      expect(lines[1]).toMatch(new RegExp(`^GET /api/admin/audit 200 \\d+\\.\\dms ${audit.headers.get("x-request-id")}$`));
      expect(lines[2]).toMatch(/^GET \/api\/nope%0AGET%20\/api\/health%20200 404 /);
      expect(lines[3]).toMatch(/^GET \/api\/health 200 \d+\.\dms trace-2$/);
      expect(lines[4]).toMatch(/^GET \/api\/campaigns\/no-such\/lists\/x\/leaderboard 404 \d+\.\dms [0-9a-f-]{36}$/);
      const all = logged.logs.join("\n");
      expect(all).not.toContain("secret-in-query");
      expect(all).not.toContain("?");
      expect(all).not.toContain(token);
      expect(all.split("\n")).toHaveLength(logged.logs.length);
    } finally {
      await logged.close();
    }
  });

  it("writes nothing per request when the access log is off", async () => {
    const before = server.logs.length;
    await server.get("/api/health");
    expect(server.logs.length).toBe(before);
  });
});

/** Writes raw bytes to the server and reads the whole answer (the server closes the connection). */
function rawExchange(url: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname.replace(/^\[|\]$/g, ""));
    let answer = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => (answer += chunk));
    socket.on("end", () => resolve(answer));
    socket.on("error", reject);
    socket.write(bytes);
  });
}

describe("requests the HTTP parser refuses", () => {
  function parse(answer: string) {
    const [head, body] = answer.split("\r\n\r\n");
    return { status: Number(head!.split(" ")[1]), head: head!.toLowerCase(), body: JSON.parse(body!) };
  }

  it("an address past Node's 16 KB header limit is 431 in the error shape, not a bare status line", async () => {
    const healthBefore = (await server.json("/api/health")).status;
    const answer = parse(await rawExchange(server.url, `GET /api/campaigns?url=${"x".repeat(20_000)} HTTP/1.1\r\nHost: a\r\n\r\n`));
    expect(answer.status).toBe(431);
    expect(answer.head).toContain("content-type: application/json");
    expect(answer.head).toContain("x-content-type-options: nosniff");
    expect(answer.body).toEqual({ error: { code: "headers_too_large", message: "请求头或网址过长" } });
    // the server goes on answering
    expect((await server.json("/api/health")).status).toBe(healthBefore);
  });

  it("headers past the limit are 431 too, and bytes that are not HTTP are 400 invalid_request", async () => {
    const big = parse(await rawExchange(server.url, `GET /api/health HTTP/1.1\r\nHost: a\r\nX-Big: ${"y".repeat(20_000)}\r\n\r\n`));
    expect(big.status).toBe(431);
    expect(big.body.error.code).toBe("headers_too_large");
    const junk = parse(await rawExchange(server.url, "\u0001\u0002 not http at all\r\n\r\n"));
    expect(junk.status).toBe(400);
    expect(junk.body).toEqual({ error: { code: "invalid_request", message: "请求格式不正确" } });
  });
});

/**
 * The built site over HTTP: pages, scripts and SVG in the coding the client accepts, from the
 * `.br` and `.gz` files the build wrote beside them; Vary, HEAD, 304 and the 404 page kept; small
 * files as they are; no stylesheet blocking a list page's first paint. One server, one build.
 */
import { readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../helpers/server.ts";
import { accepting, rawRequest } from "./raw-http.ts";

let server: TestServer;
let dir: string;
const listPage = "/cinn-2024/high-tech/";

beforeAll(async () => {
  server = await startTestServer({ site: true });
  dir = server.site.dir!;
}, 240_000);
afterAll(async () => server?.close());

const get = (path: string, headers: Record<string, string> = {}, method = "GET") => rawRequest(server.url + path, headers, method);
const assets = () => readdirSync(join(dir, "_astro"));

describe("the build's precompressed files", () => {
  it("writes .br and .gz beside every page and every script of 1 KB or more, none beside smaller ones", () => {
    for (const page of ["index.html", "cinn-2024/index.html", "cinn-2024/high-tech/index.html", "404.html"]) {
      for (const suffix of [".br", ".gz"]) {
        const coded = statSync(join(dir, page + suffix));
        expect(coded.size, page + suffix).toBeLessThan(statSync(join(dir, page)).size / 2);
      }
    }
    const scripts = assets().filter((f) => f.endsWith(".js"));
    expect(scripts.length).toBeGreaterThan(3);
    for (const script of scripts) {
      const size = statSync(join(dir, "_astro", script)).size;
      for (const suffix of [".br", ".gz"]) expect(assets().includes(script + suffix), script + suffix).toBe(size >= 1024);
    }
  });
});

describe("pages and assets by Accept-Encoding", () => {
  it.each([
    [undefined, undefined],
    ["", undefined],
    ["identity", undefined],
    ["br", "br"],
    ["gzip, deflate, br, zstd", "br"],
    ["gzip", "gzip"],
    ["br;q=0, gzip", "gzip"],
    ["*", "br"],
    ["*;q=0", undefined],
    ["gzip;q=0, br;q=0", undefined],
  ])("Accept-Encoding %j → %s, the page's bytes once decoded", async (header, coding) => {
    const plain = await get(listPage);
    const res = await get(listPage, header === undefined ? {} : accepting(header));
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBe(coding);
    expect(res.headers["vary"]).toBe("Accept-Encoding");
    expect(res.headers["content-type"]).toMatch(/^text\/html/);
    expect(Number(res.headers["content-length"])).toBe(res.bytes.length);
    expect(res.decoded.equals(plain.bytes)).toBe(true);
    // the build's file as it is: brotli 10 for pages, gzip -9
    if (coding) expect(res.bytes.length).toBeLessThan(plain.bytes.length / 3);
  });

  it("serves a script and an SVG compressed, with their own caching", async () => {
    const script = assets().find((f) => f.endsWith(".js") && statSync(join(dir, "_astro", f)).size >= 1024)!;
    const res = await get(`/_astro/${script}`, accepting("br"));
    expect(res.headers["content-encoding"]).toBe("br");
    expect(res.headers["content-type"]).toMatch(/^text\/javascript/);
    expect(res.headers["cache-control"]).toContain("immutable");
    expect(res.decoded.equals((await get(`/_astro/${script}`)).bytes)).toBe(true);
    const svg = await get("/favicon.svg", accepting("gzip"));
    expect(svg.status).toBe(200);
    expect(svg.headers["vary"]).toBe("Accept-Encoding");
    expect(svg.headers["content-encoding"]).toBe(statSync(join(dir, "favicon.svg")).size >= 1024 ? "gzip" : undefined);
  });

  it("answers HEAD with the headers and length of the coding GET would send", async () => {
    const got = await get(listPage, accepting("br"));
    const head = await get(listPage, accepting("br"), "HEAD");
    expect(head.status).toBe(200);
    expect(head.bytes.length).toBe(0);
    expect(head.headers["content-encoding"]).toBe("br");
    expect(head.headers["vary"]).toBe("Accept-Encoding");
    expect(head.headers["content-length"]).toBe(String(got.bytes.length));
  });

  it("answers 304 to If-Modified-Since in any coding, with Vary", async () => {
    const first = await get(listPage, accepting("br"));
    const since = first.headers["last-modified"] as string;
    expect(since).toBeTruthy();
    expect((await get(listPage)).headers["last-modified"]).toBe(since);
    for (const encoding of ["br", "gzip", "identity"]) {
      const again = await get(listPage, { ...accepting(encoding), "if-modified-since": since });
      expect(again.status, encoding).toBe(304);
      expect(again.bytes.length, encoding).toBe(0);
      expect(again.headers["vary"], encoding).toBe("Accept-Encoding");
    }
  });

  it("sends the 404 page compressed, with its status", async () => {
    const plain = await get("/no-such-page/");
    const res = await get("/no-such-page/", accepting("br"));
    expect(res.status).toBe(404);
    expect(res.headers["content-encoding"]).toBe("br");
    expect(res.decoded.equals(plain.bytes)).toBe(true);
    expect(res.decoded.toString("utf8")).toContain("页面不存在");
  });

  it("leaves files under 1 KB as they are, still with Vary", async () => {
    const small = assets().find((f) => f.endsWith(".js") && statSync(join(dir, "_astro", f)).size < 1024)!;
    const res = await get(`/_astro/${small}`, accepting("br, gzip"));
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBeUndefined();
    expect(res.headers["vary"]).toBe("Accept-Encoding");
  });

  it("never compresses a PNG", async () => {
    const res = await get("/api/campaigns/cinn-2024/lists/high-tech/leaderboard.png", accepting("br, gzip"));
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBeUndefined();
  });

  it("compresses a file the build left without siblings (an older build) as it serves it", async () => {
    const page = "cinn-2024/index.html";
    const plain = await get("/cinn-2024/");
    rmSync(join(dir, page + ".br"));
    rmSync(join(dir, page + ".gz"));
    for (const coding of ["br", "gzip"]) {
      const res = await get("/cinn-2024/", accepting(coding));
      expect(res.headers["content-encoding"]).toBe(coding);
      expect(Number(res.headers["content-length"])).toBe(res.bytes.length);
      expect(res.decoded.equals(plain.bytes)).toBe(true);
    }
  });
});

describe("render-blocking CSS", () => {
  it("a list page's styles are in its HTML, no stylesheet to wait for", async () => {
    const html = (await get(listPage)).bytes.toString("utf8");
    const links = [...html.matchAll(/<link\b[^>]*\brel="?stylesheet"?[^>]*>/g)].map((m) => /href="?([^"\s>]+)/.exec(m[0])![1]!);
    // at most one, and small; today none at all
    expect(links.length).toBeLessThanOrEqual(1);
    for (const href of links) expect((await get(href, accepting("br"))).bytes.length).toBeLessThan(2048);
    expect(links).toEqual([]);
    expect(html).toMatch(/<style[^>]*>[^<]{1000,}/);
  });
});

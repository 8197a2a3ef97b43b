/**
 * The API's text answers compressed per Accept-Encoding: public feeds (leaderboard JSON, CSV, SVG)
 * with their ETag and 304 in every coding, the organizer API's JSON and streamed CSV exports; small
 * bodies, PNG and XLSX as they are; the vote path untouched.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminToken } from "../../helpers/seed.ts";
import { startTestServer, TEST_BOT_TOKEN, type TestServer } from "../../helpers/server.ts";
import { accepting, rawRequest } from "./raw-http.ts";

let server: TestServer;
let token: string;
const board = "/api/campaigns/cinn-2024/lists/high-tech/leaderboard";

beforeAll(async () => {
  server = await startTestServer();
  token = await adminToken(server, "organizer");
});
afterAll(async () => server?.close());

const get = (path: string, headers: Record<string, string> = {}) => rawRequest(server.url + path, headers);

describe.each([
  ["JSON", board, /^application\/json/],
  ["CSV", `${board}.csv`, /^text\/csv/],
  ["SVG", `${board}.svg`, /^image\/svg\+xml/],
])("public %s feed", (_kind, path, type) => {
  it("answers br, gzip or identity as asked, the same content in each", async () => {
    const plain = await get(path);
    expect(plain.status).toBe(200);
    expect(plain.headers["content-type"]).toMatch(type);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.bytes.length).toBeGreaterThan(1024);
    for (const [header, coding] of [
      ["br", "br"],
      ["gzip, deflate, br", "br"],
      ["gzip", "gzip"],
      ["br;q=0, gzip", "gzip"],
      ["*", "br"],
      ["br;q=0, gzip;q=0", undefined],
    ] as const) {
      const res = await get(path, accepting(header));
      expect(res.status, header).toBe(200);
      expect(res.headers["content-encoding"], header).toBe(coding);
      expect(res.headers["vary"], header).toMatch(/Accept-Encoding/);
      expect(res.headers["content-type"], header).toMatch(type);
      expect(res.decoded.equals(plain.bytes), header).toBe(true);
      if (coding) expect(res.bytes.length, header).toBeLessThan(plain.bytes.length * 0.75);
    }
    expect(plain.headers["vary"]).toMatch(/Accept-Encoding/);
  });

  it("keeps one weak ETag for every coding, and answers 304 to it in each", async () => {
    const br = await get(path, accepting("br"));
    const gzip = await get(path, accepting("gzip"));
    const plain = await get(path);
    const etag = plain.headers["etag"] as string;
    expect(etag).toMatch(/^W\/"/);
    expect(br.headers["etag"]).toBe(etag);
    expect(gzip.headers["etag"]).toBe(etag);
    for (const encoding of ["br", "gzip", "identity"]) {
      const again = await get(path, { ...accepting(encoding), "if-none-match": etag });
      expect(again.status, encoding).toBe(304);
      expect(again.bytes.length, encoding).toBe(0);
      expect(again.headers["vary"], encoding).toMatch(/Accept-Encoding/);
    }
  });

  it("sends the same compressed bytes to every client until the body changes", async () => {
    const a = await get(path, accepting("br"));
    const b = await get(path, accepting("br"));
    expect(a.bytes.equals(b.bytes)).toBe(true);
  });
});

describe("what stays as it is", () => {
  it("small JSON", async () => {
    const res = await get("/api/campaigns/cinn-2024/publications", accepting("br, gzip"));
    expect(res.status).toBe(200);
    expect(res.bytes.length).toBeLessThan(1024);
    expect(res.headers["content-encoding"]).toBeUndefined();
    const health = await get("/api/health", accepting("br, gzip"));
    expect(health.headers["content-encoding"]).toBeUndefined();
  });

  it("a PNG, already compressed", async () => {
    const res = await get(`${board}.png`, accepting("br, gzip"));
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("image/png");
    expect(res.headers["content-encoding"]).toBeUndefined();
    expect(res.bytes.subarray(1, 4).toString()).toBe("PNG");
  });

  it("a vote and its answer", async () => {
    const entry = server.deps.catalog.current.list("cinn-2024", "high-tech")!.entries[0]!.id;
    const res = await rawRequest(
      server.url + "/api/votes",
      { ...accepting("br, gzip"), "content-type": "application/json" },
      "POST",
      JSON.stringify({ entryId: entry, token: TEST_BOT_TOKEN }),
    );
    expect(res.headers["content-encoding"]).toBeUndefined();
    expect(res.headers["vary"] ?? "").not.toMatch(/Accept-Encoding/);
  });
});

describe("organizer API", () => {
  const auth = () => ({ authorization: `Bearer ${token}` });

  it("compresses its JSON as asked", async () => {
    const plain = await get("/api/admin/campaigns", auth());
    expect(plain.status).toBe(200);
    expect(plain.bytes.length).toBeGreaterThan(1024);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers["vary"]).toMatch(/Accept-Encoding/);
    for (const coding of ["br", "gzip"]) {
      const res = await get("/api/admin/campaigns", { ...auth(), ...accepting(coding) });
      expect(res.headers["content-encoding"]).toBe(coding);
      expect(res.headers["content-length"]).toBeUndefined();
      expect(JSON.parse(res.decoded.toString("utf8"))).toEqual(JSON.parse(plain.bytes.toString("utf8")));
    }
  });

  it("leaves its small answers as they are", async () => {
    const res = await get("/api/admin/exports?id=999999", { ...auth(), ...accepting("br") });
    expect(res.status).toBe(404);
    expect(res.bytes.length).toBeLessThan(1024);
    expect(res.headers["content-encoding"]).toBeUndefined();
    const refused = await get("/api/admin/campaigns", accepting("br"));
    expect(refused.status).toBe(401);
    expect(refused.headers["content-encoding"]).toBeUndefined();
  });

  it("streams a CSV export compressed, the same file once decoded", async () => {
    const path = "/api/admin/campaigns/cinn-2024/export?kind=tallies&format=csv";
    const plain = await get(path, auth());
    expect(plain.status).toBe(200);
    expect(plain.bytes.length).toBeGreaterThan(1024);
    for (const coding of ["br", "gzip"]) {
      const res = await get(path, { ...auth(), ...accepting(coding) });
      expect(res.status).toBe(200);
      expect(res.headers["content-encoding"]).toBe(coding);
      expect(res.headers["x-bangdan-manifest"]).toBeDefined();
      expect(res.decoded.equals(plain.bytes)).toBe(true);
    }
  });

  it("never compresses an XLSX export", async () => {
    const res = await get("/api/admin/campaigns/cinn-2024/export?kind=tallies&format=xlsx", { ...auth(), ...accepting("br, gzip") });
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBeUndefined();
    expect(res.bytes.subarray(0, 2).toString()).toBe("PK");
  });
});

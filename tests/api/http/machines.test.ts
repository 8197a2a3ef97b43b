/**
 * Several machines on one database: a remote database needs BANGDAN_SECRET; the database keeps a
 * fingerprint of the key, so a process with another key refuses to start, naming the variable; and
 * the fictional demo is loaded in production only on request.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadEnv } from "../../../api/config.ts";
import { startServer } from "../../../api/node.ts";
import { getMeta } from "../../../db/index.ts";
import { startTestServer, type TestServer } from "../../helpers/server.ts";

const production = { NODE_ENV: "production", TURNSTILE_SECRET_KEY: "0x4AAAAAAAtest-secret", PUBLIC_ORIGIN: "https://vote.example.cn" };
const SECRET = "test-secret-test-secret-test-secret-0123";
let first: TestServer;

beforeAll(async () => {
  first = await startTestServer({ seedDemo: false });
});
afterAll(async () => first?.close());

describe("one key for every process on a database", () => {
  it("refuses a remote DATABASE_URL without BANGDAN_SECRET, naming the variable", () => {
    for (const url of [
      "libsql://bangdan.turso.io",
      "https://db.example.cn",
      "http://10.0.0.2:8080",
      "wss://db.example.cn",
      "ws://10.0.0.2",
    ]) {
      expect(() => loadEnv({ DATABASE_URL: url }), url).toThrow(/BANGDAN_SECRET: 远程数据库.*a remote DATABASE_URL needs BANGDAN_SECRET/);
      expect(() => loadEnv({ DATABASE_URL: url, BANGDAN_SECRET: SECRET }), url).not.toThrow();
    }
    expect(() => loadEnv({ DATABASE_URL: "file:./data/x.db" })).not.toThrow();
  });

  it("keeps a fingerprint of the key, never the key, and refuses a second server with another key", async () => {
    const stored = await getMeta(first.deps.db.read, "secret_fingerprint");
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toContain(SECRET);

    const other = { ...first.env, BANGDAN_SECRET: "another-secret-another-secret-another-99" };
    const refused = startServer({ env: other, site: false, seedDemo: false, log: () => {} });
    await expect(refused).rejects.toBeInstanceOf(ConfigError);
    await expect(refused).rejects.toThrow(/BANGDAN_SECRET/);

    // the same key is welcome
    const same = await startServer({ env: { ...first.env, PORT: 0 }, site: false, seedDemo: false, log: () => {} });
    await same.close();
  });
});

describe("the demo", () => {
  const campaigns = async (s: TestServer) => (await s.json("/api/campaigns")).body.campaigns.length;

  it("is not loaded into an empty database in production", async () => {
    const server = await startTestServer({ env: production });
    try {
      expect(await campaigns(server)).toBe(0);
    } finally {
      await server.close();
    }
  });

  it("is loaded in production on request (BANGDAN_DEMO=1)", async () => {
    const server = await startTestServer({ env: { ...production, BANGDAN_DEMO: "1" } });
    try {
      expect(await campaigns(server)).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });
});

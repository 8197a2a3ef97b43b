/**
 * The static site follows the database: an import reaches the pages without a restart, built in
 * the background and swapped in atomically while the old pages keep answering.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminToken } from "../../helpers/seed.ts";
import { startTestServer, testCampaign, type TestServer } from "../../helpers/server.ts";

let server: TestServer;
let organizer: string;

beforeAll(async () => {
  server = await startTestServer({ site: true, rebuildDelayMs: 100 });
  organizer = await adminToken(server, "organizer");
}, 240_000);
afterAll(async () => server?.close());

describe("site build and rebuild", () => {
  it("serves the built demo with the right headers", async () => {
    const home = await server.get("/");
    expect(home.status).toBe(200);
    expect(home.headers.get("content-type")).toMatch(/text\/html/);
    expect(home.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(await home.text()).toContain("2024寻找中国新质生产力标杆");
    const noSlash = await server.get("/cinn-2024", { redirect: "manual" });
    expect(noSlash.status).toBe(301);
    expect(noSlash.headers.get("location")).toBe("/cinn-2024/");
    const missing = await server.get("/no-such-page/");
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("页面不存在");
    const traversal = await server.get("/..%2f..%2fpackage.json");
    expect(traversal.status).toBe(404);
  });

  it("serves each kind of file with its security headers", async () => {
    const embed = await server.get("/embed/cinn-2024/high-tech/");
    expect(embed.status).toBe(200);
    expect(embed.headers.get("x-frame-options")).toBeNull();
    expect(embed.headers.get("content-security-policy")).toBeNull();
    expect(embed.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    const script = await server.get("/embed.js");
    expect(script.status).toBe(200);
    expect(script.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    expect(script.headers.get("x-frame-options")).toBeNull();
    const admin = await server.get("/admin/");
    expect(admin.status).toBe(200);
    expect(admin.headers.get("x-frame-options")).toBe("DENY");
    expect(admin.headers.get("x-robots-tag")).toContain("noindex");
    expect(admin.headers.get("cache-control")).toBe("no-store");
    expect(admin.headers.get("cross-origin-resource-policy")).toBe("same-origin");
    const home = await server.get("/");
    const missingPage = await server.get("/no-such-page/");
    expect(home.headers.get("content-security-policy")).toBe("frame-ancestors 'self'");
    expect(home.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(home.headers.get("cross-origin-opener-policy")).toBe("same-origin");
    expect(home.headers.get("permissions-policy")).toContain("camera=()");
    expect(home.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(missingPage.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    // the console answers only where the header policy sees it as the console
    for (const path of ["//admin/", "/en%2Fadmin/", "/en//admin/"]) expect((await server.get(path)).status, path).toBe(404);
  });

  it("does not rebuild at start when nothing changed", async () => {
    const before = server.site.builds;
    await server.site.ensureCurrent();
    expect(server.site.builds).toBe(before);
  });

  it("rebuilds after an import and swaps the new site in, the old pages answering meanwhile", async () => {
    const oldDir = server.site.dir;
    const res = await server.json("/api/admin/campaigns", {
      method: "POST",
      headers: { authorization: `Bearer ${organizer}`, "content-type": "application/json" },
      body: JSON.stringify(testCampaign({ slug: "fresh-2024" })),
    });
    expect(res.status).toBe(201);
    // while the build runs, the old site keeps serving
    expect((await server.get("/")).status).toBe(200);
    await expect.poll(async () => (await server.get("/fresh-2024/")).status, { timeout: 120_000, interval: 250 }).toBe(200);
    expect(server.site.dir).not.toBe(oldDir);
    expect(await (await server.get("/fresh-2024/ranked/")).text()).toContain("甲示例科技有限公司");
    expect((await server.get("/cinn-2024/high-tech/")).status).toBe(200);
  }, 150_000);
});

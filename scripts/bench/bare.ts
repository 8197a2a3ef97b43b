/**
 * The bench's yardsticks, in a child process of their own beside the real server (same framework,
 * same Node adapter, same core when pinned), so each scenario of the real server has its bare
 * counterpart measured in the same run:
 *   GET  /bare    `{"ok":true}`: what Hono on Node answers with nothing else to do
 *   GET  /bytes   the bytes of the leaderboard the real server serves (sent on stdin as base64),
 *                 with the same Content-Type: the cost of the body alone
 *   GET /same-headers       the health answer's body with every header it carries (a new
 *                 X-Request-Id each): what Hono on Node answers with the headers owed and nothing else
 *   GET /same-bytes-headers the leaderboard's bytes with every header its answer carries, likewise
 *   POST /anchor  one plain row per request, committed by group commit to a local SQLite file in
 *                 WAL mode with synchronous=FULL through @libsql/client: what durable storage
 *                 allows on this machine, answered only once its batch committed
 * Prints {"url"} once listening; on stdin, `bytes <base64>` sets /bytes' body, `headers <json>`
 * the answers the two /same-… endpoints copy (`{health, board}`, each `{body?, headers}`), and
 * EOF stops it.
 */
import { join } from "node:path";
import { createInterface } from "node:readline";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { openAnchor } from "../../db/anchor.ts";

const dir = process.env.BENCH_DIR;
if (!dir) throw new Error("BENCH_DIR is not set");

const anchor = await openAnchor(join(dir, "anchor.db"));

let bytes: Uint8Array<ArrayBuffer> = new TextEncoder().encode("{}");
const app = new Hono();
app.get("/bare", (c) => c.json({ ok: true }));
app.get("/bytes", (c) => c.body(bytes, 200, { "Content-Type": "application/json; charset=UTF-8" }));
/** An answer the real server gave, to copy: its body (the board's is /bytes') and headers but the request id. */
type Copied = { body?: string; headers: Record<string, string> };
let same: { health: Copied; board: Copied } = { health: { headers: {} }, board: { headers: {} } };
// a record of headers goes to Node as it is, as the real server's direct answers do (api/http/direct.ts)
const copy = (c: Copied) => ({ "X-Request-Id": crypto.randomUUID(), ...c.headers });
app.get("/same-headers", () => new Response(same.health.body ?? "", { status: 200, headers: copy(same.health) }));
app.get("/same-bytes-headers", () => new Response(bytes, { status: 200, headers: copy(same.board) }));
app.post("/anchor", async (c) => {
  await anchor.commit(await c.req.text());
  return c.json({ ok: true }, 201);
});

const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
  process.stdout.write(JSON.stringify({ url: `http://127.0.0.1:${info.port}` }) + "\n");
});

const lines = createInterface({ input: process.stdin });
lines.on("line", (line) => {
  if (line.startsWith("bytes ")) {
    bytes = new Uint8Array(Buffer.from(line.slice(6), "base64"));
    process.stdout.write(JSON.stringify({ bytes: bytes.byteLength }) + "\n");
  } else if (line.startsWith("headers ")) {
    same = JSON.parse(line.slice(8)) as typeof same;
    process.stdout.write(
      JSON.stringify({ headers: Object.keys(same.health.headers).length + Object.keys(same.board.headers).length }) + "\n",
    );
  } else if (line.trim() === "stats") {
    void anchor.count().then((rows) => process.stdout.write(JSON.stringify({ rows }) + "\n"));
  }
});
lines.on("close", () => {
  server.close();
  anchor.close();
  process.exit(0);
});

/**
 * The bench's server, run by scripts/bench/server.ts in a child process of its own so that the
 * load generator never shares its event loop: the embedded default on a fresh database in
 * BENCH_DIR, bot check in test mode. It prints {"url"} once listening; on stdin, "stats" asks for
 * the vote writer's counters and EOF stops it.
 */
import { join } from "node:path";
import { createInterface } from "node:readline";
import { loadEnv } from "../../api/config.ts";
import { startServer } from "../../api/node.ts";

async function serve(): Promise<void> {
  const dir = process.env.BENCH_DIR;
  if (!dir) throw new Error("BENCH_DIR is not set");
  const source: Record<string, string | undefined> = {
    ...process.env,
    DATABASE_URL: `file:${join(dir, "bench.db")}`,
    BANGDAN_DATA_DIR: dir,
    PORT: "0",
    HOST: "127.0.0.1",
    TRUST_PROXY: "x-forwarded-for",
    RATE_LIMIT: "memory",
  };
  // whatever the caller's shell holds, the bench runs the embedded default in bot-check test mode
  for (const key of ["NODE_ENV", "TURNSTILE_SECRET_KEY", "PUBLIC_ORIGIN", "DATABASE_AUTH_TOKEN", "BANGDAN_SECRET", "SITE_REBUILD_HOOK"]) {
    delete source[key];
  }
  // No access log: the parent echoes every server line, and a line per request would measure the terminal.
  const server = await startServer({
    env: loadEnv(source),
    site: false,
    accessLog: false,
    log: (line) => process.stderr.write(line + "\n"),
  });
  const send = (message: unknown) => process.stdout.write(JSON.stringify(message) + "\n");
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    process.exit(0);
  };
  // stdin is the parent's line to us: "stats" asks for the writer's counters; EOF (the parent is
  // gone or done) stops the server
  const lines = createInterface({ input: process.stdin });
  lines.on("line", (line) => {
    if (line.trim() === "stats") void server.deps.votes.stats().then((stats) => send({ stats }));
  });
  lines.on("close", () => void stop());
  process.once("SIGTERM", () => void stop());
  process.once("SIGINT", () => void stop());
  send({ url: server.url });
}

serve().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});

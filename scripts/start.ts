/**
 * `npm start`: migrate, load the demo into an empty database (in development, or with `--demo` /
 * BANGDAN_DEMO=1 in production), build the site if needed, serve.
 */
import { ConfigError, loadEnv } from "../api/config.ts";
import { startServer } from "../api/node.ts";
import { warmImageRenderer } from "../api/embeds/image.ts";

try {
  const env = loadEnv();
  // --no-site: the API alone (used by tests that kill the process; the site build is not needed there)
  const server = await startServer({
    env,
    site: !process.argv.includes("--no-site"),
    ...(process.argv.includes("--demo") ? { seedDemo: true } : {}),
  });
  console.log(`bangdan 已启动 / listening on ${server.url}`);
  // in the background: the first leaderboard image then renders in tens of milliseconds, not seconds
  warmImageRenderer().catch((error: unknown) => console.log(`image renderer warm-up failed: ${String(error)}`));
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}

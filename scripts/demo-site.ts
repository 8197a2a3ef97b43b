/**
 * What the measuring scripts share (measure-page-js, measure-page-bytes, lighthouse,
 * measure-share-images, the scale benches): a server on 127.0.0.1 over a throw-away data directory,
 * the demo with its built site by default, and Chromium's path and flags as the browser tests use
 * them (tests/helpers/browser.ts): nothing here may reach the network.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadEnv } from "../api/config.ts";
import { startServer, type RunningServer, type ServerOptions } from "../api/node.ts";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export interface DemoSite {
  server: RunningServer;
  /** the throw-away data directory, for the caller's own files (a browser profile) */
  dir: string;
  close(): Promise<void>;
}

/**
 * A server on 127.0.0.1 over a throw-away data directory (its database `bangdan.db` in it), removed
 * on close; `env` adds to (or overrides) the defaults, `options` to the server's.
 */
export async function startScratchServer(
  name: string,
  env: Record<string, string> = {},
  options: Partial<Omit<ServerOptions, "env">> = {},
): Promise<DemoSite> {
  const dir = mkdtempSync(join(tmpdir(), `bangdan-${name}-`));
  const server = await startServer({
    env: loadEnv({
      DATABASE_URL: `file:${join(dir, "bangdan.db")}`,
      BANGDAN_DATA_DIR: dir,
      BANGDAN_SECRET: "measure-secret-measure-secret-0123456789",
      HOST: "127.0.0.1",
      PORT: "0",
      ...env,
    }),
    accessLog: false,
    log: () => {},
    ...options,
  });
  return {
    server,
    dir,
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The demo campaigns with a built site on 127.0.0.1; `env` adds to (or overrides) the defaults. */
export function startDemoSite(name: string, env: Record<string, string> = {}): Promise<DemoSite> {
  return startScratchServer(name, env, { site: true });
}

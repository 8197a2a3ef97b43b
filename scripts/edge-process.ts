/**
 * `npm run edge` started by the tests and the edge bench as a newcomer runs it (scripts/edge.ts: wrangler dev, workerd, the Durable Object's
 * SQLite storage on disk), on free ports over a throw-away data directory, with the API alone
 * (`--no-site`) unless a built site is given. Stopped by its process group, which is its own.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../tests/helpers/redis.ts";

export interface EdgeServer {
  url: string;
  dir: string;
  output(): string;
  close(): Promise<void>;
}

export async function startEdge(options: { env?: Record<string, string>; site?: string; cpu?: number } = {}): Promise<EdgeServer> {
  const dir = mkdtempSync(join(tmpdir(), "bangdan-edge-"));
  const [port, inspector] = [await freePort(), await freePort()];
  const child: ChildProcess = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "scripts/edge.ts",
      ...(options.site ? ["--site", options.site] : ["--no-site"]),
      "--inspector-port",
      String(inspector),
    ],
    {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        TZ: process.env.TZ,
        PORT: String(port),
        HOST: "127.0.0.1",
        BANGDAN_DATA_DIR: dir,
        ...options.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    },
  );
  let out = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`edge did not start:\n${out}`)), 120_000);
    const onData = (d: Buffer) => {
      out = (out + d.toString()).slice(-20_000); // the start and the latest lines (one per request)
      const m = /edge listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`edge exited (${code}):\n${out}`));
    });
  });
  return {
    url,
    dir,
    output: () => out,
    async close() {
      const exited = new Promise<void>((r) => (child.exitCode !== null ? r() : child.once("exit", () => r())));
      try {
        process.kill(-child.pid!, "SIGTERM"); // the group: the script, wrangler and workerd
      } catch {
        // already gone
      }
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

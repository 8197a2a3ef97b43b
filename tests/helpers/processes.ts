/** Running the CLI and the server as separate processes, as an organizer would. */
import { spawn, type ChildProcess } from "node:child_process";
import type { Env } from "../../api/config.ts";

export function processEnv(env: Env, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TZ: process.env.TZ,
    DATABASE_URL: env.DATABASE_URL,
    BANGDAN_DATA_DIR: env.BANGDAN_DATA_DIR,
    ...(env.BANGDAN_SECRET ? { BANGDAN_SECRET: env.BANGDAN_SECRET } : {}),
    ...extra,
  };
}

export function runCli(
  env: Env,
  args: string[],
  extra: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string; endedAt: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/cli.ts", ...args], {
      env: processEnv(env, extra),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code: code ?? -1, stdout, stderr, endedAt: Date.now() }));
  });
}

/** Starts `scripts/start.ts --no-site` and resolves with its URL once it listens. */
export function spawnServer(
  env: Env,
  extra: Record<string, string> = {},
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", "--no-site"], {
      env: processEnv(env, { PORT: "0", ...extra }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 30_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!, output: () => out });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}):\n${out}`));
    });
  });
}

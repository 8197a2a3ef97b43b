/** The parent's side of the bench's server: starts scripts/bench/child.ts and talks to it over stdio. */
import { spawn, type ChildProcess } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "../..");
const CHILD = join(HERE, "child.ts");

export interface ServerChild {
  url: string;
  process: ChildProcess;
  logs: string[];
  stats(): Promise<WriterStats | undefined>;
  stop(): Promise<void>;
}

export interface WriterStats {
  batches: number;
  jobs: number;
  largestBatch: number;
}

export async function startServerChild(dir: string): Promise<ServerChild> {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD], {
    cwd: ROOT,
    env: { ...process.env, BENCH_DIR: dir },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const logs: string[] = [];
  createInterface({ input: child.stderr! }).on("line", (line) => {
    logs.push(line);
    console.log(`  [server] ${line}`);
  });
  const waiting: ((stats: WriterStats | undefined) => void)[] = [];
  let onUrl: ((url: string) => void) | undefined;
  createInterface({ input: child.stdout! }).on("line", (line) => {
    let message: { url?: string; stats?: WriterStats };
    try {
      message = JSON.parse(line) as typeof message;
    } catch {
      console.log(`  [server] ${line}`);
      return;
    }
    if (message.url) onUrl?.(message.url);
    if (message.stats) waiting.shift()?.(message.stats);
  });
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error("the server did not start within 60 s")), 60_000);
    onUrl = (u) => {
      clearTimeout(timer);
      ok(u);
    };
    child.once("error", (e) => {
      clearTimeout(timer);
      fail(e);
    });
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`the server exited (code ${code}) before it was listening`));
    });
  });
  return {
    url,
    process: child,
    logs,
    async stats() {
      if (child.exitCode !== null) return undefined;
      const answer = new Promise<WriterStats | undefined>((r) => {
        waiting.push(r);
        setTimeout(() => r(undefined), 2000);
      });
      child.stdin!.write("stats\n");
      return answer;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.stdin!.end();
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(killer);
    },
  };
}

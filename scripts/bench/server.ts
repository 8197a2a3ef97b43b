/**
 * The parent's side of the bench's servers: starts a child (scripts/bench/child.ts, the real
 * server, or scripts/bench/bare.ts, the yardsticks) and talks to it over stdio: it prints JSON
 * lines, the first one {"url"}; the parent writes command lines and asks for one answer by its key.
 * With `cpu`, the child runs under `taskset -c <cpu>` (all its threads on that core).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "../..");

export interface ServerChild {
  url: string;
  process: ChildProcess;
  logs: string[];
  /** writes `command` and waits (2 s at most) for the next message holding `key` */
  ask<T>(command: string, key: string): Promise<T | undefined>;
  stats(): Promise<WriterStats | undefined>;
  /** CPU time the child has used so far (user + system, all its threads), ms; undefined where /proc is not there */
  cpuMs(): number | undefined;
  stop(): Promise<void>;
}

export interface WriterStats {
  batches: number;
  jobs: number;
  largestBatch: number;
}

/** Whether `taskset` can pin processes here (util-linux on Linux); false elsewhere. */
export function canPin(): boolean {
  if (process.platform !== "linux") return false;
  const r = spawnSync("taskset", ["-p", String(process.pid)], { encoding: "utf8" });
  return r.status === 0;
}

/** Pins this process (every thread it has) to `cpu`; whether that worked. */
export function pinSelf(cpu: number): boolean {
  const r = spawnSync("taskset", ["-a", "-c", "-p", String(cpu), String(process.pid)], { encoding: "utf8" });
  return r.status === 0;
}

const TICK_MS = 1000 / Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim() || "100");

/**
 * utime + stime from a /proc stat file: a process's (`/proc/<pid>/stat`) or one of its threads'
 * (`/proc/<pid>/task/<tid>/stat`); undefined when it cannot be read (gone, or not Linux).
 */
export function statCpuMs(path: string): number | undefined {
  try {
    const stat = readFileSync(path, "utf8");
    // fields after the command's closing parenthesis: state is field 3, utime 14, stime 15
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return undefined;
  }
}

/** The process's CPU so far (taskset execs node, so the pid is the server's). */
const processCpuMs = (pid: number | undefined) => (pid === undefined ? undefined : statCpuMs(`/proc/${pid}/stat`));

type Waiting = { key: string; answer: (value: unknown) => void }[];

/** Reads the child's JSON lines: the first {"url"} goes to `onUrl`, answers to whoever waits for their key. */
function routeMessages(child: ChildProcess, label: string) {
  const waiting: Waiting = [];
  let urlListener: ((url: string) => void) | undefined;
  createInterface({ input: child.stdout! }).on("line", (line) => {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(line) as typeof message;
    } catch {
      console.log(`  [${label}] ${line}`);
      return;
    }
    if (typeof message.url === "string") urlListener?.(message.url);
    const i = waiting.findIndex((w) => w.key in message);
    if (i !== -1) {
      const [entry] = waiting.splice(i, 1);
      entry!.answer(message[entry!.key]);
    }
  });
  return { waiting, onUrl: { set: (f: (url: string) => void) => (urlListener = f) } };
}

/** Writes a command line to the child and waits (2 s at most) for the next message holding `key`. */
function asker(child: ChildProcess, waiting: Waiting) {
  return async <T>(command: string, key: string): Promise<T | undefined> => {
    if (child.exitCode !== null) return undefined;
    const answer = new Promise<T | undefined>((r) => {
      const entry = { key, answer: (v: unknown) => r(v as T) };
      waiting.push(entry);
      setTimeout(() => {
        const i = waiting.indexOf(entry);
        if (i !== -1) waiting.splice(i, 1);
        r(undefined);
      }, 2000);
    });
    child.stdin!.write(command + "\n");
    return answer;
  };
}

export async function startServerChild(
  dir: string,
  options: { script?: "child" | "bare"; cpu?: number; label?: string } = {},
): Promise<ServerChild> {
  const script = join(HERE, `${options.script ?? "child"}.ts`);
  const label = options.label ?? "server";
  // BENCH_PROFILE=<dir>: the real server writes a CPU profile per thread there when it stops
  const profile = process.env.BENCH_PROFILE && options.script !== "bare" ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_PROFILE] : [];
  const node = [process.execPath, ...profile, "--import", "tsx", script];
  const [command, ...args] = options.cpu === undefined ? node : ["taskset", "-c", String(options.cpu), ...node];
  const child = spawn(command!, args, {
    cwd: ROOT,
    env: { ...process.env, BENCH_DIR: dir },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const logs: string[] = [];
  createInterface({ input: child.stderr! }).on("line", (line) => {
    logs.push(line);
    console.log(`  [${label}] ${line}`);
  });
  const { waiting, onUrl } = routeMessages(child, label);
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`the ${label} did not start within 60 s`)), 60_000);
    onUrl.set((u) => {
      clearTimeout(timer);
      ok(u);
    });
    child.once("error", (e) => {
      clearTimeout(timer);
      fail(e);
    });
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`the ${label} exited (code ${code}) before it was listening`));
    });
  });
  const ask = asker(child, waiting);
  return {
    url,
    process: child,
    logs,
    ask,
    stats: () => ask<WriterStats>("stats", "stats"),
    cpuMs: () => processCpuMs(child.pid),
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

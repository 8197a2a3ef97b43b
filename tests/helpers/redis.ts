/**
 * A real `redis-server` (the Debian package `redis-server`) on a free port of 127.0.0.1, with no
 * persistence, in a fresh directory. Every wait is bounded; the server dies with the test process.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, Socket } from "node:net";
import { freshDataDir } from "./env.ts";

export interface RedisServer {
  port: number;
  url: string;
  /** stops the server (SIGTERM, then SIGKILL); safe to call twice */
  stop(): Promise<void>;
}

const binary = process.env.REDIS_SERVER ?? "redis-server";

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r, reject) => server.once("error", reject).listen(0, "127.0.0.1", () => r()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

export async function startRedisServer(): Promise<RedisServer> {
  // a free port can be taken between asking and binding; try again then
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(await freePort());
    } catch (error) {
      if (attempt >= 3 || !String(error).includes("Address already in use")) throw error;
    }
  }
}

async function startOnce(port: number): Promise<RedisServer> {
  const dir = freshDataDir();
  const child = spawn(
    binary,
    [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--save",
      "",
      "--appendonly",
      "no",
      "--dir",
      dir,
      "--daemonize",
      "no",
      "--loglevel",
      "warning",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);

  const exited = new Promise<never>((_, reject) => {
    child.once("error", (error) => reject(new Error(`cannot run ${binary} (install the Debian package redis-server): ${error.message}`)));
    child.once("exit", (code) => reject(new Error(`redis-server exited (${code}) before it was ready:\n${output}`)));
  });
  exited.catch(() => undefined);
  try {
    await Promise.race([waitForPing(port, 10_000), exited]);
  } catch (error) {
    child.kill("SIGKILL");
    process.off("exit", killOnExit);
    throw error;
  }

  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      process.off("exit", killOnExit);
      await stopProcess(child);
    },
  };
}

/** PING over a raw socket until +PONG, at most `timeoutMs`. */
async function waitForPing(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    const reply = await new Promise<string>((resolve) => {
      const socket = new Socket();
      let data = "";
      const done = (text: string) => {
        socket.destroy();
        resolve(text);
      };
      socket.setTimeout(1000, () => done("timeout"));
      socket.once("error", (error) => done(error.message));
      socket.on("data", (d: Buffer) => {
        data += d.toString();
        if (data.includes("\r\n")) done(data);
      });
      socket.connect(port, "127.0.0.1", () => socket.write("PING\r\n"));
    });
    if (reply.startsWith("+PONG")) return;
    last = reply;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server on port ${port} did not answer PING within ${timeoutMs} ms (${last.trim()})`);
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

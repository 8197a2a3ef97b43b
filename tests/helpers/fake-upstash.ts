/**
 * A local stand-in for Upstash's Redis REST API, speaking its documented protocol
 * (https://upstash.com/docs/redis/features/restapi) over a real redis-server:
 * - POST the command as a JSON array to the base URL → `{"result": …}`, or HTTP 400 `{"error": "…"}`;
 * - POST an array of commands to `/pipeline` (or `/multi-exec`, as one transaction) → 200 and an
 *   array of `{"result"}` / `{"error"}`;
 * - `Authorization: Bearer <token>` (or `?_token=`); a wrong or missing token → 401;
 * - with `Upstash-Encoding: base64`, strings in results are base64 (except the status "OK").
 * Upstash accepts the `#!lua flags=…` first line of scripts; Redis does not, so it is stripped here,
 * and EVALSHA knows scripts by the hash of the text the client sent, as on Upstash.
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Redis } from "ioredis";

export interface FakeUpstash {
  url: string;
  /** every request that got past authentication: its path and body */
  requests: { path: string; body: unknown }[];
  close(): Promise<void>;
}

type Reply = { result: unknown } | { error: string };

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

export async function startFakeUpstash(options: { redisUrl: string; token: string }): Promise<FakeUpstash> {
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 1 });
  redis.on("error", () => undefined); // a stopped Redis shows up as command errors
  const commands = new UpstashCommands(redis);
  const requests: FakeUpstash["requests"] = [];
  const server: Server = createServer((req, res) => handleRequest(req, res, { token: options.token, commands, requests }));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    async close() {
      await new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      });
      if (redis.status === "ready") await redis.quit().catch(() => undefined);
      redis.disconnect();
    },
  };
}

const stripShebang = (script: string) => script.replace(/^#!lua[^\n]*\n/, "");

/** Commands as Upstash takes them (JSON arrays), run on Redis. */
class UpstashCommands {
  /** sha1 of the script as sent (with its shebang) → the script Redis runs */
  readonly #scripts = new Map<string, string>();

  constructor(private readonly redis: Redis) {}

  /** One command, translated where Upstash and Redis differ on scripts. */
  #translate(command: string[]): string[] {
    const [name = "", ...args] = command;
    const lower = name.toLowerCase();
    if (lower === "eval" || lower === "eval_ro") {
      const script = args[0] ?? "";
      this.#scripts.set(sha1(script), stripShebang(script));
      return [name, stripShebang(script), ...args.slice(1)];
    }
    if ((lower === "evalsha" || lower === "evalsha_ro") && this.#scripts.has(args[0] ?? "")) {
      // Redis may not have the stripped script cached (SCRIPT FLUSH); EVAL always works
      return [lower === "evalsha" ? "eval" : "eval_ro", this.#scripts.get(args[0]!)!, ...args.slice(1)];
    }
    if (lower === "script" && args[0]?.toLowerCase() === "load" && args[1] !== undefined) {
      this.#scripts.set(sha1(args[1]), stripShebang(args[1]));
      return [name, "load", stripShebang(args[1])];
    }
    return command;
  }

  async run(command: unknown): Promise<Reply> {
    if (!Array.isArray(command) || command.length === 0) return { error: "ERR command must be a non-empty JSON array" };
    const [name, ...args] = this.#translate(command.map((c) => (typeof c === "string" ? c : JSON.stringify(c))));
    try {
      let result = flatHash(await this.redis.call(name!, ...args));
      // SCRIPT LOAD answers the hash of the script as the client sent it
      if (name!.toLowerCase() === "script" && args[0]?.toLowerCase() === "load") result = sha1(String(command[2]));
      return { result };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }

  async transaction(commands: unknown[]): Promise<Reply[]> {
    const multi = this.redis.multi();
    for (const command of commands) {
      if (!Array.isArray(command) || command.length === 0)
        return commands.map(() => ({ error: "ERR command must be a non-empty JSON array" }));
      const [name, ...args] = this.#translate(command.map((c) => (typeof c === "string" ? c : JSON.stringify(c))));
      multi.call(name!, ...args);
    }
    const results = (await multi.exec()) ?? [];
    return results.map(([error, result]) => (error ? { error: error.message } : { result: flatHash(result) }));
  }
}

/** One HTTP request: the token checked, then one command, a pipeline or a transaction. */
function handleRequest(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: { token: string; commands: UpstashCommands; requests: FakeUpstash["requests"] },
): void {
  const reply = (status: number, data: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(data));
  };
  const url = new URL(req.url ?? "/", "http://localhost");
  const auth = req.headers.authorization ?? "";
  const token = auth.startsWith("Bearer ") ? auth.slice("Bearer ".length) : url.searchParams.get("_token");
  if (token !== ctx.token) return reply(401, { error: "Unauthorized" });
  if (req.method !== "POST") return reply(405, { error: "only POST is spoken here" });
  const encode = String(req.headers["upstash-encoding"] ?? "").toLowerCase() === "base64" ? base64Strings : (v: unknown) => v;
  const encodeReply = (r: Reply): Reply => ("result" in r ? { result: encode(r.result) } : r);

  readBody(req)
    .then(async (text) => {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return reply(400, { error: "ERR failed to parse command" });
      }
      ctx.requests.push({ path: url.pathname, body });
      if (url.pathname === "/pipeline" || url.pathname === "/multi-exec") {
        if (!Array.isArray(body)) return reply(400, { error: "ERR pipeline body must be an array of commands" });
        const replies =
          url.pathname === "/pipeline" ? await Promise.all(body.map((c) => ctx.commands.run(c))) : await ctx.commands.transaction(body);
        return reply(200, replies.map(encodeReply));
      }
      if (url.pathname !== "/") return reply(400, { error: `ERR this fake speaks only the JSON body form, not ${url.pathname}` });
      const one = await ctx.commands.run(body);
      return reply("error" in one ? 400 : 200, encodeReply(one));
    })
    .catch((error: unknown) => reply(500, { error: String(error) }));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.on("data", (d: Buffer) => (body += d.toString()));
    req.on("end", () => resolve(body));
    req.on("error", reject);
  });
}

/** ioredis turns HGETALL's reply into an object; Upstash sends Redis's flat field, value list. */
function flatHash(value: unknown): unknown {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !Buffer.isBuffer(value)
    ? Object.entries(value).flat()
    : value;
}

function base64Strings(value: unknown): unknown {
  if (typeof value === "string") return value === "OK" ? value : Buffer.from(value).toString("base64");
  if (Array.isArray(value)) return value.map(base64Strings);
  return value;
}

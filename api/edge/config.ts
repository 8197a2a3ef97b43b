/**
 * What the edge refuses to start with, beyond what every start refuses (api/config.ts): checked by
 * the Worker's object when it starts and by `npm run edge` before it starts wrangler, so a bad value
 * stops the start naming the variable, as on Node.
 */
import { ConfigError, type Env } from "../config.ts";

export function checkEdgeEnv(env: Env): Env {
  const problems: string[] = [];
  if (!env.BANGDAN_SECRET) {
    problems.push(
      "BANGDAN_SECRET: 边缘部署必须设置（wrangler secret put BANGDAN_SECRET）/ required on the edge (wrangler secret put BANGDAN_SECRET)",
    );
  }
  // ioredis needs TCP sockets the runtime does not give it: it would fail open on every request
  if (env.RATE_LIMIT === "redis") problems.push("RATE_LIMIT: 边缘只支持 memory 或 upstash / only memory or upstash on the edge");
  if (env.NODE_ENV === "production" && (!env.TURNSTILE_SECRET_KEY || !env.PUBLIC_ORIGIN)) {
    problems.push("TURNSTILE_SECRET_KEY, PUBLIC_ORIGIN: 生产环境必须设置 / required in production");
  }
  if (problems.length > 0) throw new ConfigError(`配置无效 / invalid configuration:\n  ${problems.join("\n  ")}`);
  return env;
}

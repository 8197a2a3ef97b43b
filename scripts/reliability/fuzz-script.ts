/** `npm run reliability -- fuzz [--size N]`: N hostile requests per endpoint (default 10,000). */
import { startServer } from "../../api/node.ts";
import { rowCounts, scratchEnv } from "./common.ts";
import { fuzzAll, prepareFuzzFixture } from "./fuzz.ts";

export async function runFuzzScript(size = 10_000): Promise<boolean> {
  const env = scratchEnv({ TRUST_PROXY: "x-forwarded-for" });
  const server = await startServer({ env, site: false, seedDemo: false, accessLog: false, log: () => {} });
  try {
    const fixture = await prepareFuzzFixture(server.deps);
    const before = await rowCounts(server.deps);
    const seed = Date.now() % 2 ** 31;
    console.log(`fuzz: ${size} requests per endpoint, seed ${seed}, database ${env.DATABASE_URL}`);
    const results = await fuzzAll(server.url, fixture, {
      runs: size,
      seed,
      onEndpoint: (r) =>
        console.log(
          `  ${r.failure ? "FAIL" : "ok  "} ${r.endpoint}: ${r.runs} runs in ${r.ms} ms, statuses ${JSON.stringify(r.statuses)}${r.failure ? `\n       ${r.failure}` : ""}`,
        ),
    });
    const health = await fetch(`${server.url}/api/health`);
    const after = await rowCounts(server.deps);
    const total = results.reduce((n, r) => n + r.runs, 0);
    console.log(`fuzz: ${total} requests over ${results.length} endpoints; health ${health.status}`);
    console.log(`rows before ${JSON.stringify(before)}, after ${JSON.stringify(after)}`);
    const unchanged = JSON.stringify(before) === JSON.stringify(after);
    return health.status === 200 && unchanged && results.every((r) => !r.failure && r.runs === size);
  } finally {
    await server.close();
  }
}

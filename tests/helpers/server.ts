/** The real server over real HTTP, on a fresh database, with helpers to talk to it. */
import { ManualClock, type Clock } from "../../api/ports/clock.ts";
import { startServer, type RunningServer, type ServerOptions } from "../../api/node.ts";
import { TEST_BOT_TOKEN, type Env } from "../../api/config.ts";
import { isoInZone } from "../../api/domain/voting.ts";
import { freshEnv } from "./env.ts";
import { giveUp, prepareSharedSite, settleSharedSite, startsLikeTheDemo, type SharedSiteRole } from "./shared-site.ts";

export { ManualClock, TEST_BOT_TOKEN };

export interface TestServer extends RunningServer {
  env: Env;
  /** how its site came to be: built the run's shared demo build, copied it, or built alone (shared-site.ts) */
  sharedSite: SharedSiteRole;
  logs: string[];
  get(path: string, init?: RequestInit): Promise<Response>;
  json<T = any>(path: string, init?: RequestInit): Promise<{ status: number; body: T; headers: Headers }>;
}

export async function startTestServer(
  options: Partial<Omit<ServerOptions, "env">> & { env?: Record<string, string>; clock?: Clock } = {},
): Promise<TestServer> {
  const env = freshEnv(options.env);
  const logs: string[] = [];
  // a demo server with the site starts from the run's one demo build when it is the same (shared-site.ts)
  const shared: SharedSiteRole = startsLikeTheDemo(options) ? await prepareSharedSite(env) : "alone";
  let server: RunningServer;
  try {
    // no access log unless a test asks for one: a line per request would only fill `logs`
    // no retention purge unless a test asks for one: its audit rows would land in the middle of others' checks
    server = await startServer({
      site: false,
      pollMs: 100,
      accessLog: false,
      purgeEveryMs: 0,
      ...options,
      env,
      log: (l) => logs.push(l),
    });
  } catch (error) {
    if (shared === "builder") giveUp();
    throw error;
  }
  await settleSharedSite(shared, server);
  const get = (path: string, init?: RequestInit) => fetch(server.url + path, init);
  return {
    ...server,
    env,
    sharedSite: shared,
    logs,
    get,
    async json(path, init) {
      const res = await get(path, init);
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
    },
  };
}

/** A voter: keeps the bd_voter cookie the server gives it, like a browser. */
export class Voter {
  cookie: string | undefined;
  constructor(
    private readonly server: TestServer,
    readonly ip?: string,
  ) {}

  async vote(entryId: unknown, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    const res = await fetch(this.server.url + "/api/votes", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.ip ? { "x-forwarded-for": this.ip } : {}),
        ...headers,
      },
      body: JSON.stringify({ entryId, token: TEST_BOT_TOKEN, ...extra }),
    });
    const set = res.headers.get("set-cookie");
    if (set) this.cookie = set.split(";")[0];
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  }

  /** What the page reads first; like the browser, keeps the cookie it may be given. */
  async today(campaign: string, list?: string) {
    const q = new URLSearchParams({ campaign, ...(list ? { list } : {}) });
    const res = await this.server.json(`/api/me/votes?${q}`, { headers: this.cookie ? { cookie: this.cookie } : {} });
    const set = res.headers.get("set-cookie");
    if (set) this.cookie = set.split(";")[0];
    return res;
  }
}

/** A small campaign for tests: one ranked list open around `now`, one unranked, one scheduled. */
const DAY = 86_400_000;

/** A voting window open now, by the real clock: for servers other processes (the CLI) talk to. */
export const liveWindow = () => ({
  opensAt: isoInZone(Date.now() - DAY, "Asia/Shanghai"),
  closesAt: isoInZone(Date.now() + 10 * DAY, "Asia/Shanghai"),
});

export function testCampaign(overrides: { opensAt?: string; closesAt?: string; slug?: string } = {}) {
  const opensAt = overrides.opensAt ?? "2024-10-08T09:00:00+08:00";
  const closesAt = overrides.closesAt ?? "2024-10-31T18:00:00+08:00";
  return {
    slug: overrides.slug ?? "test-2024",
    title: { zh: "测试活动", en: "Test campaign" },
    timezone: "Asia/Shanghai",
    dimensions: [{ key: "innovation", title: { zh: "创新投入" } }],
    components: [
      { key: "research", title: { zh: "案例调研" }, weight: 0.5 },
      { key: "expert", title: { zh: "专家评议" }, weight: 0.3, trim: true },
      { key: "vote", title: { zh: "网络投票" }, weight: 0.2, normalize: "max" },
    ],
    lists: [
      {
        slug: "ranked",
        title: { zh: "高科技标杆" },
        ranking: "ranked",
        voting: { opensAt, closesAt, perDay: 3, perEntryPerDay: 1 },
        entries: ["甲", "乙", "丙", "丁", "戊"].map((n, i) => ({
          slug: `e${i + 1}`,
          name: { zh: `${n}示例科技有限公司` },
          region: "北京",
        })),
      },
      {
        slug: "unranked",
        title: { zh: "示范基地" },
        ranking: "unranked",
        voting: { opensAt, closesAt, perDay: 2, perEntryPerDay: 1 },
        entries: ["张家示例园区", "安徽示例园区", "北京示例园区"].map((n, i) => ({ slug: `u${i + 1}`, name: { zh: n } })),
      },
      {
        slug: "later",
        title: { zh: "以后开放" },
        voting: { opensAt: "2030-01-01T00:00:00+08:00", closesAt: "2030-02-01T00:00:00+08:00" },
        entries: [{ slug: "l1", name: { zh: "未来示例公司" } }],
      },
    ],
  };
}

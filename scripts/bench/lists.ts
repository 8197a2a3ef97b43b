/** The demo's lists and their tallies, read through the public API as any client would. */
async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

interface CampaignsBody {
  campaigns: { slug: string; lists: { slug: string; ranking: "ranked" | "unranked"; voting: { state: string } }[] }[];
}

interface LeaderboardBody {
  state: string;
  ranking: "ranked" | "unranked";
  entries: { id: number; votes?: number }[];
}

export interface ListInfo {
  path: string;
  name: string;
  ranking: "ranked" | "unranked";
  state: string;
  entries: number[];
}

export async function discover(base: string): Promise<ListInfo[]> {
  const { campaigns } = await getJson<CampaignsBody>(`${base}/api/campaigns`);
  const lists: ListInfo[] = [];
  for (const c of campaigns) {
    for (const l of c.lists) {
      const path = `/api/campaigns/${encodeURIComponent(c.slug)}/lists/${encodeURIComponent(l.slug)}/leaderboard`;
      const board = await getJson<LeaderboardBody>(base + path);
      lists.push({ path, name: `${c.slug}/${l.slug}`, ranking: l.ranking, state: l.voting.state, entries: board.entries.map((e) => e.id) });
    }
  }
  return lists;
}

export async function tallySum(base: string, lists: ListInfo[]): Promise<number> {
  let sum = 0;
  for (const l of lists.filter((x) => x.ranking === "ranked")) {
    const board = await getJson<LeaderboardBody>(base + l.path);
    for (const e of board.entries) sum += e.votes ?? 0;
  }
  return sum;
}

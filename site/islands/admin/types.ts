/** What the admin API answers, as far as the console reads it. */
export interface AdminList {
  slug: string;
  title: string;
  ranking: "ranked" | "unranked";
  entries: number;
  votes: number;
  voided: number;
  /** `everOpened`: votes were ever accepted or it was ever open (开启 vs 重新开启); absent from older servers */
  voting: { state: string; opensAt: string | null; closesAt: string | null; everOpened?: boolean };
}
export interface AdminPublication {
  id: string;
  kind: "preliminary" | "final";
  list?: string;
  startsAt: string;
  endsAt: string;
  state: "upcoming" | "open" | "ended";
}
export interface AdminCampaign {
  slug: string;
  title: string;
  lists: AdminList[];
  /** has an indicator sheet (absent from older servers) */
  indicators?: boolean;
  /** experts score a component (`scoredBy: experts`); absent from older servers */
  scoring?: boolean;
  publications?: AdminPublication[];
}
export interface Anomaly {
  kind: string;
  campaign: string;
  list: string;
  key: string;
  from: string;
  to: string;
  votes: number;
  voters: number;
  failures?: number;
  entry?: { id: number; name: string };
  filter: Record<string, unknown>;
}
export type Text = { zh: string; en?: string };
export interface EligibilityList {
  list: string;
  title: Text;
  periods: { key: string; title: Text }[];
  indicators: { key: string; title: Text; role: string; thresholds: Record<string, { text: Text } | undefined> }[];
  entries: {
    slug: string;
    name: Text;
    region?: string;
    categories?: Record<string, string>;
    periods: Record<string, { summary: { status: string; text: { zh: string; en: string } }; cells: { text: string; result: string }[] }>;
  }[];
}
export interface AuditRecord {
  id: number;
  at: string;
  actor: string;
  role?: string;
  action: string;
  target?: string | null;
  status?: number | null;
}
/** One line of GET /api/admin/refusals: refused anonymous calls per minute, reason and kind of route. */
export interface RefusalLine {
  minute: string;
  reason: string;
  routeKind: string;
  count: number;
}

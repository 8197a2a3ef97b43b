/** What the admin API answers, as far as the console reads it. */
export interface AdminList {
  slug: string;
  title: string;
  ranking: "ranked" | "unranked";
  entries: number;
  votes: number;
  voided: number;
  voting: { state: string; opensAt: string | null; closesAt: string | null };
}
export interface AdminCampaign {
  slug: string;
  title: string;
  lists: AdminList[];
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
  action: string;
  target?: string;
}

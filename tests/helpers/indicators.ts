/** The S1 demo campaign (2025 新质生产力发展研究测评) for indicator tests, and its import route. */
import { join } from "node:path";
import { parseCampaign, type CampaignFile } from "../../api/domain/campaign.ts";
import { shiftDemoCampaign } from "../../api/domain/demo.ts";
import { calendarDay } from "../../api/domain/voting.ts";
import { demoDir, readCampaignFile } from "../../api/services/demo.ts";
import type { TestServer } from "./server.ts";

export const NPF = "npf-eval-2025";
export const NPF_FIGURES = join(demoDir(), "indicators", `${NPF}.csv`);

/** The demo campaign file, parsed; with `today`, its voting windows moved as the demo loader does. */
export function npfCampaign(today?: number): CampaignFile {
  const r = parseCampaign(readCampaignFile(join(demoDir(), `${NPF}.yaml`)));
  if (!r.ok) throw new Error(`demo campaign invalid: ${JSON.stringify(r.problems)}`);
  return today === undefined ? r.campaign : shiftDemoCampaign(r.campaign, calendarDay(today, "Asia/Shanghai"));
}

export function postIndicators(server: TestServer, token: string | undefined, body: BodyInit, contentType = "text/csv", campaign = NPF) {
  return server.json(`/api/admin/campaigns/${campaign}/indicators`, {
    method: "POST",
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), "content-type": contentType },
    body,
  });
}

/** Every evaluated sheet of the campaign, as organizers read it. */
export async function evaluatedSheets(server: TestServer, token: string, campaign = NPF) {
  return server.json(`/api/admin/campaigns/${campaign}/indicators`, { headers: { authorization: `Bearer ${token}` } });
}

/** One county's evaluated figures from GET …/indicators: values[period][indicator], changes[period][indicator]. */
export async function countyFigures(server: TestServer, token: string, slug: string) {
  const res = await evaluatedSheets(server, token);
  const list = res.body.lists.find((l: { list: string }) => l.list === "counties");
  return list.entries.find((e: { slug: string }) => e.slug === slug) as {
    values: Record<string, Record<string, number | null>>;
    changes: Record<string, Record<string, number | null>>;
  };
}

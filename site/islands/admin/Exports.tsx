/** Exports (tallies, the verifiable votes ledger, scores, objections, eligibility) as CSV or XLSX downloads. */
import type { JSX } from "solid-js";
import type { Console } from "./client";
import type { AdminCampaign } from "./types";

/** Fetches an export with the token and hands it to the browser as a download; resolves with its manifest. */
async function downloadExport(api: Console["api"], campaign: string, kind: string, format: string) {
  const res = await api(`/api/admin/campaigns/${encodeURIComponent(campaign)}/export?${new URLSearchParams({ kind, format })}`);
  const manifest = JSON.parse(res.headers.get("x-bangdan-manifest") ?? "{}") as { rows?: number; ledger?: { headHash?: string } };
  const a = document.createElement("a");
  a.href = URL.createObjectURL(await res.blob());
  a.download = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? "export";
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
  return manifest;
}

/** Downloads an export and says in the status line how many rows it has and the ledger's head. */
export async function exportAndReport(c: Console, campaign: string, kind: string, format: string) {
  try {
    const manifest = await downloadExport(c.api, campaign, kind, format);
    c.setStatus(c.s.exported(manifest.rows ?? 0, manifest.ledger?.headHash ?? ""));
  } catch (error) {
    c.report(error);
  }
}

export function Exports(props: { c: Console; campaigns: AdminCampaign[] }) {
  const s = props.c.s;
  const onSubmit: JSX.EventHandler<HTMLFormElement, SubmitEvent> = async (event) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    await exportAndReport(props.c, String(data.get("campaign")), String(data.get("kind")), String(data.get("format")));
  };
  return (
    <section class="adm-card" aria-labelledby="adm-exports">
      <h2 id="adm-exports">{s.exports}</h2>
      <form class="adm-export" onSubmit={onSubmit}>
        <label for="adm-export-campaign">{s.campaign}</label>
        <select id="adm-export-campaign" name="campaign">
          {props.campaigns.map((c) => (
            <option value={c.slug}>{c.title}</option>
          ))}
        </select>
        <label for="adm-export-kind">{s.kind}</label>
        <select id="adm-export-kind" name="kind">
          <option value="tallies">{s.kindNames.tallies}</option>
          <option value="votes">{s.kindNames.votes}</option>
          <option value="scores">{s.kindNames.scores}</option>
          <option value="objections">{s.kindNames.objections}</option>
          <option value="eligibility">{s.kindNames.eligibility}</option>
        </select>
        <label for="adm-export-format">{s.format}</label>
        <select id="adm-export-format" name="format">
          <option value="csv">CSV（Excel）</option>
          <option value="xlsx">XLSX</option>
        </select>
        <button type="submit" class="adm-btn adm-primary">
          {s.download}
        </button>
      </form>
    </section>
  );
}

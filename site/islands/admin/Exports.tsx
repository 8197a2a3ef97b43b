/** Exports of one campaign (tallies, the verifiable votes ledger, scores, objections, eligibility) as CSV or XLSX downloads. */
import { createSignal, type JSX } from "solid-js";
import type { Console } from "./client";
import type { FeatureProps } from "./features";
import { ActionResult } from "./ui";

/** Fetches an export with the token and hands it to the browser as a download; resolves with its manifest. */
async function downloadExport(api: Console["api"], campaign: string, kind: string, format: string, headers: string) {
  const query = new URLSearchParams({ kind, format, ...(headers === "en" ? { headers: "en" } : {}) });
  const res = await api(`/api/admin/campaigns/${encodeURIComponent(campaign)}/export?${query}`);
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

/** Downloads an export; resolves with what to say beside the button (rows, the ledger's head, or the failure). */
export async function exportResult(c: Console, campaign: string, kind: string, format: string, headers = "zh") {
  try {
    const manifest = await downloadExport(c.api, campaign, kind, format, headers);
    return { ok: true, message: c.s.exported(manifest.rows ?? 0, manifest.ledger?.headHash ?? "") };
  } catch (error) {
    return { ok: false, message: c.s.failed + (error instanceof Error ? error.message : String(error)) };
  }
}

export default function Exports(props: FeatureProps) {
  const s = props.c.s;
  const [result, setResult] = createSignal<{ ok: boolean; message: string }>();
  const onSubmit: JSX.EventHandler<HTMLFormElement, SubmitEvent> = async (event) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setResult(undefined);
    setResult(
      await exportResult(
        props.c,
        props.campaign?.slug ?? "",
        String(data.get("kind")),
        String(data.get("format")),
        String(data.get("headers")),
      ),
    );
  };
  return (
    <section class="adm-card" aria-labelledby="adm-exports">
      <h3 id="adm-exports">{s.exports}</h3>
      <form class="adm-export" onSubmit={onSubmit}>
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
        <label for="adm-export-headers">{s.headers}</label>
        <select id="adm-export-headers" name="headers">
          <option value="zh">{s.headersZh}</option>
          <option value="en">{s.headersEn}</option>
        </select>
        <button type="submit" class="adm-btn adm-primary">
          {s.download}
        </button>
        <ActionResult result={result()} />
      </form>
    </section>
  );
}

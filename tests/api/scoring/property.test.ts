/**
 * Scoring by the page and by a spreadsheet give the same result, byte for byte: two servers start
 * alike; on one, experts score a list through the scoring API and submit; on the other, the
 * organizer imports a scores file with exactly those cells (the token's name as scorer). The
 * leaderboard JSON and the organizer's full scoring (composites, cells, trimming) are then
 * identical. Cases are generated: how many entries, dimensions and experts (trimming starts at five),
 * one or two expert components, and scores with up to two decimals.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaignRoundScores } from "../../../db/index.ts";
import { adminToken, seedCampaign } from "../../helpers/seed.ts";
import { expertCampaign, scorerCall, scorerToken } from "../../helpers/scoring.ts";
import { ManualClock, startTestServer, type TestServer } from "../../helpers/server.ts";

const AT = Date.parse("2025-06-01T10:00:00+08:00");
let page: TestServer;
let file: TestServer;
let pageOrganizer: string;
let fileOrganizer: string;

beforeAll(async () => {
  page = await startTestServer({ seedDemo: false, clock: new ManualClock(AT) });
  file = await startTestServer({ seedDemo: false, clock: new ManualClock(AT) });
  pageOrganizer = await adminToken(page, "organizer");
  fileOrganizer = await adminToken(file, "organizer");
});
afterAll(async () => {
  await page?.close();
  await file?.close();
});

const score = fc.integer({ min: 0, max: 10000 }).map((n) => n / 100);

const caseOf = fc
  .record({ entries: fc.integer({ min: 1, max: 4 }), experts: fc.integer({ min: 1, max: 6 }), two: fc.boolean() })
  .chain(({ entries, experts, two }) =>
    fc.record({
      entries: fc.constant(entries),
      experts: fc.constant(experts),
      two: fc.constant(two),
      // per expert, entry, component, dimension (two dimensions)
      scores: fc.array(
        fc.array(fc.array(fc.tuple(score, score), { minLength: two ? 2 : 1, maxLength: two ? 2 : 1 }), {
          minLength: entries,
          maxLength: entries,
        }),
        {
          minLength: experts,
          maxLength: experts,
        },
      ),
      research: fc.array(score, { minLength: entries, maxLength: entries }),
    }),
  );

let n = 0;

async function scoringOf(server: TestServer, token: string, slug: string) {
  const headers = { authorization: `Bearer ${token}` };
  const board = await (await server.get(`/api/campaigns/${slug}/lists/tech/leaderboard`)).text();
  const full = (await server.json(`/api/admin/campaigns/${slug}/scoring`, { headers })).body;
  const campaign = server.deps.catalog.current.campaign(slug)!;
  // the rows themselves, as the composite reads them: entry, dimension, component, scorer, score, round
  const rows = (await campaignRoundScores(server.deps.db.read, campaign.id))
    .map((r) => [r.entryId, r.dimension, r.component, r.scorer, r.score, r.round].join("|"))
    .sort();
  return { board, lists: JSON.stringify(full.lists), rows };
}

describe("page scoring and file import agree", () => {
  it("byte-identical leaderboard JSON and composites for generated sheets", async () => {
    await fc.assert(
      fc.asyncProperty(caseOf, async (c) => {
        const slug = `prop-${++n}`;
        const campaign = expertCampaign({ slug, twoComponents: c.two });
        campaign.lists = [{ ...campaign.lists[0]!, entries: campaign.lists[0]!.entries.slice(0, c.entries) }];
        await seedCampaign(page, campaign);
        await seedCampaign(file, campaign);
        const components = c.two ? ["expert", "plan"] : ["expert"];
        const dims = ["innovation", "impact"];
        const slugs = campaign.lists[0]!.entries.map((e) => e.slug);
        const lines = [
          "entry,dimension,component,scorer,score",
          ...slugs.flatMap((e, i) => dims.map((d) => `${e},${d},research,,${c.research[i]}`)),
        ];
        for (let x = 0; x < c.experts; x++) {
          const name = `专家${x + 1}`;
          const call = scorerCall(page, await scorerToken(page, `${slug}-${name}`, { campaign: slug }));
          const sheet = (await call("GET", "/api/scoring/assignments")).body;
          for (const entry of sheet.entries) {
            const i = slugs.indexOf(entry.slug);
            const cells = c.scores[x]![i]!;
            const byComponent = components.map((k, j) => [k, Object.fromEntries(dims.map((d, di) => [d, cells[j]![di]]))] as const);
            const scores = c.two ? Object.fromEntries(byComponent) : byComponent[0]![1];
            const res = await call("PUT", `/api/scoring/entries/${entry.id}`, { scores, revision: 1 });
            expect(res.status).toBe(200);
            for (const [k, sheetOf] of byComponent)
              for (const d of dims) lines.push(`${entry.slug},${d},${k},${slug}-${name},${sheetOf[d]}`);
          }
          expect((await call("POST", "/api/scoring/submit", { campaign: slug })).status).toBe(200);
        }
        const research = lines.filter((l, i) => i === 0 || l.includes(",research,"));
        for (const [server, token, body] of [
          [page, pageOrganizer, research],
          [file, fileOrganizer, lines],
        ] as const) {
          const res = await server.get(`/api/admin/campaigns/${slug}/scores`, {
            method: "POST",
            headers: { authorization: `Bearer ${token}`, "content-type": "text/csv" },
            body: body.join("\r\n"),
          });
          expect(res.status).toBe(200);
        }
        const [a, b] = await Promise.all([scoringOf(page, pageOrganizer, slug), scoringOf(file, fileOrganizer, slug)]);
        expect(a.board).toBe(b.board);
        expect(a.lists).toBe(b.lists);
        expect(a.rows).toEqual(b.rows);
        expect(JSON.parse(a.board).entries.every((e: { score?: unknown }) => e.score !== undefined)).toBe(true);
      }),
      { numRuns: 8, seed: 20251202 },
    );
  });
});

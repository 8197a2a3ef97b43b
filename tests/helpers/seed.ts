import { importCampaign, validateCampaign } from "../../api/services/campaigns.ts";
import { newAdminToken, tokenHash } from "../../api/secrets.ts";
import { insertAdminToken } from "../../db/index.ts";
import type { TestServer } from "./server.ts";

/** Imports a campaign file straight through the service, as the CLI does. */
export async function seedCampaign(server: TestServer, campaign: unknown): Promise<void> {
  await importCampaign(server.deps, { campaign: validateCampaign(campaign), actor: "test" });
  await server.deps.catalog.reload();
  server.deps.leaderboards.invalidate();
}

/**
 * A token of this role on the test server. Names are unique among active tokens: a test asking
 * again for the same default name gets "organizer-2", "organizer-3"…
 */
export async function adminToken(server: TestServer, role: "organizer" | "auditor", name: string = role): Promise<string> {
  const token = newAdminToken();
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? name : `${name}-${n}`;
    try {
      await server.deps.db.writer.run((tx) => insertAdminToken(tx, { name: candidate, role, tokenHash: tokenHash(token), at: Date.now() }));
      return token;
    } catch (error) {
      if (n > 50 || !/UNIQUE/i.test(String((error as { cause?: unknown }).cause ?? error))) throw error;
    }
  }
}

export function entryIds(server: TestServer, campaign: string, list: string): number[] {
  return server.deps.catalog.current.list(campaign, list)!.entries.map((e) => e.id);
}

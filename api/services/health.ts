/**
 * Whether this server can do its work, from state it keeps anyway: no query, no wait. The database
 * is up when the catalog's last poll read it and the main writer's last commit succeeded; the
 * writer (votes) is up when the vote recorder's thread runs and its last commit succeeded. Both
 * recover by themselves (the poll runs every second, the writers try again with backoff).
 */
import type { ServiceContext } from "./context.ts";

export type Part = "up" | "down";

export interface Health {
  ok: boolean;
  database: Part;
  writer: Part;
}

export function serverHealth(ctx: ServiceContext): Health {
  const database: Part = ctx.catalog.readable && ctx.db.writer.health.up ? "up" : "down";
  const writer: Part = ctx.votes.up() ? "up" : "down";
  return { ok: database === "up" && writer === "up", database, writer };
}

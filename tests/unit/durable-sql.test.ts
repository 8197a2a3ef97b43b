/**
 * The edge store's statements that bind more values than a Durable Object's SQLite allows run with
 * their values written into the text (db/durable.ts). Checked against SQLite itself: the inlined
 * statement stores exactly what the bound one stores, for any text, number or bytes.
 */
import { createClient } from "@libsql/client";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { inlineParams, sqlLiteral } from "../../db/durable.ts";

const client = createClient({ url: ":memory:" });
afterAll(() => client.close());

describe("inlineParams", () => {
  it("stores what binding stores, for any values", async () => {
    await client.execute("CREATE TABLE t (k INTEGER, a, b, c)");
    const value = fc.oneof(
      fc.string({ unit: "grapheme" }).filter((s) => !s.includes("\0")),
      fc.string({ unit: fc.constantFrom("'", '"', "?", "-", "*", "/", "\n", "`", "[", "]", "a") }),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constant(null),
      fc.uint8Array({ maxLength: 8 }),
    );
    let k = 0;
    await fc.assert(
      fc.asyncProperty(fc.tuple(value, value, value), async (values) => {
        k += 2;
        const sql = "INSERT INTO t (k, a, b, c) VALUES (?, ?, ?, ?) -- a '?' in a comment\n";
        await client.execute({ sql, args: [k, ...values] });
        await client.execute(inlineParams(sql, [k + 1, ...values]));
        const rows = await client.execute({ sql: "SELECT a, b, c FROM t WHERE k IN (?, ?) ORDER BY k", args: [k, k + 1] });
        const [bound, inlined] = rows.rows.map((r) => [r.a, r.b, r.c].map((v) => (v instanceof ArrayBuffer ? [...new Uint8Array(v)] : v)));
        expect(inlined).toEqual(bound);
      }),
      { numRuns: 300 },
    );
  });

  it("leaves quoted text, quoted names and comments alone", () => {
    const sql = `SELECT '?', "a?", \`b?\`, [c?], /* ? */ ? -- ?\n, ?`;
    expect(inlineParams(sql, [1, "x"])).toBe(`SELECT '?', "a?", \`b?\`, [c?], /* ? */ 1 -- ?\n, 'x'`);
    expect(inlineParams("SELECT 'it''s ?', ?", [2])).toBe("SELECT 'it''s ?', 2");
  });

  it("refuses what it cannot write faithfully", () => {
    expect(() => inlineParams("SELECT ?, ?", [1])).toThrow(/more parameters/);
    expect(() => inlineParams("SELECT ?", [1, 2])).toThrow(/more values/);
    expect(() => inlineParams("SELECT ?1", [1])).toThrow(/numbered/);
    expect(() => inlineParams("SELECT 'open", [])).toThrow(/unterminated/);
    expect(() => sqlLiteral(Number.NaN)).toThrow();
    expect(() => sqlLiteral("a\0b")).toThrow(/NUL/);
    expect(() => sqlLiteral({})).toThrow();
    expect(sqlLiteral(true)).toBe("1");
    expect(sqlLiteral(12n)).toBe("12");
  });
});

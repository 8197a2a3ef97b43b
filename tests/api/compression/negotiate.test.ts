/** Accept-Encoding read as RFC 9110 §12.5.3 says: weights, `*`, refusals, identity. */
import { describe, expect, it } from "vitest";
import { isCompressibleType, negotiate, varyWithEncoding } from "../../../api/http/compress.ts";

describe("negotiate", () => {
  it.each([
    [undefined, "identity"],
    ["", "identity"],
    ["gzip, deflate, br, zstd", "br"],
    ["gzip, deflate", "gzip"],
    ["br", "br"],
    ["x-gzip", "gzip"],
    ["GZIP", "gzip"],
    ["br;q=0, gzip", "gzip"],
    ["br; q=0 , gzip;q=0.5", "gzip"],
    ["gzip;q=1, br;q=0.5", "gzip"],
    ["gzip;q=0.5, br;q=0.5", "br"],
    ["*", "br"],
    ["*;q=0", "identity"],
    ["*, br;q=0", "gzip"],
    ["gzip;q=0, br;q=0", "identity"],
    ["identity", "identity"],
    ["deflate", "identity"],
    ["zstd", "identity"],
    ["gzip;q=0.5, identity;q=1", "identity"],
    ["br, identity;q=0", "br"],
    ["br;q=2, gzip", "gzip"],
    ["br;q=abc, gzip;q=0.1", "gzip"],
  ])("%j → %s", (header, coding) => {
    expect(negotiate(header)).toBe(coding);
  });
});

describe("what is compressed", () => {
  it.each([
    ["text/html; charset=UTF-8", true],
    ["text/csv; charset=UTF-8", true],
    ["application/json; charset=UTF-8", true],
    ["application/problem+json", true],
    ["image/svg+xml; charset=UTF-8", true],
    ["text/javascript", true],
    ["application/manifest+json", true],
    ["image/png", false],
    ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", false],
    ["font/woff2", false],
    [null, false],
  ])("%s → %s", (type, yes) => {
    expect(isCompressibleType(type)).toBe(yes);
  });

  it("adds Accept-Encoding to Vary once", () => {
    expect(varyWithEncoding(null)).toBe("Accept-Encoding");
    expect(varyWithEncoding("Accept-Language")).toBe("Accept-Language, Accept-Encoding");
    expect(varyWithEncoding("accept-encoding")).toBe("accept-encoding");
    expect(varyWithEncoding("*")).toBe("*");
  });
});

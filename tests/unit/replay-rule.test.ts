/** Which kept answer replays for a retried vote (db/votes.ts `replays`, decision 025). */
import { expect, it } from "vitest";
import { replays } from "../../db/votes.ts";

it("replays a voter's own answers, cookie or not", () => {
  expect(replays({ voterHash: "v1", cookieless: false }, { voterHash: "v1" })).toBe(true);
  expect(replays({ voterHash: "v1", cookieless: true }, { voterHash: "v1" })).toBe(true);
  expect(replays({ voterHash: "v1", cookieless: false }, { voterHash: "v1", cookieless: true })).toBe(true);
});

it("replays a cookie-less answer for any request without a cookie, and nothing else across voters", () => {
  expect(replays({ voterHash: "v1", cookieless: true }, { voterHash: "v2", cookieless: true })).toBe(true);
  expect(replays({ voterHash: "v1", cookieless: true }, { voterHash: "v2" })).toBe(false);
  expect(replays({ voterHash: "v1", cookieless: true }, { voterHash: "v2", cookieless: false })).toBe(false);
  expect(replays({ voterHash: "v1", cookieless: false }, { voterHash: "v2", cookieless: true })).toBe(false);
});

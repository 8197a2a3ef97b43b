import { describe, expect, it } from "vitest";
import { placeText, placesShown, sharedRanks } from "../../common/ranks.ts";

describe("places on ranked lists", () => {
  it("shows no places on a list ordered by votes that nobody has voted on", () => {
    expect(
      placesShown(
        [
          { rank: 1, votes: 0 },
          { rank: 1, votes: 0 },
        ],
        "votes",
      ),
    ).toBe(false);
    expect(placesShown([], "votes")).toBe(false);
    expect(placesShown([{ rank: 1 }, { rank: 1 }], undefined)).toBe(false);
  });

  it("shows places once one valid vote is cast, and always on revealed scores", () => {
    expect(
      placesShown(
        [
          { rank: 1, votes: 1 },
          { rank: 2, votes: 0 },
        ],
        "votes",
      ),
    ).toBe(true);
    expect(
      placesShown(
        [
          { rank: 1, votes: 0 },
          { rank: 1, votes: 0 },
        ],
        "total",
      ),
    ).toBe(true);
  });

  it("finds the ranks two entries share", () => {
    expect([...sharedRanks([{ rank: 1 }, { rank: 2 }, { rank: 2 }, { rank: 4 }, { rank: 5 }, { rank: 5 }, { rank: 5 }])]).toEqual([2, 5]);
    expect(sharedRanks([{ rank: 1 }, { rank: 2 }, {}]).size).toBe(0);
  });

  it("says a shared place as 并列", () => {
    expect(placeText(3, true, "zh")).toBe("并列第 3 名");
    expect(placeText(3, false, "zh")).toBe("第 3 名");
    expect(placeText(2, true, "en")).toBe("Joint No. 2");
  });
});

/**
 * The privacy notice states the periods `purge` applies (api/domain/retention.ts), in both
 * languages, and says the chained ledger stays and why: change one, and this asks for the other.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { RETENTION } from "../../api/domain/retention.ts";

const DAY = 86_400_000;
const text = readFileSync("site/components/PrivacyText.astro", "utf8");
const [zh, en] = text.split(/\) : \(/);

describe("the privacy notice and the retention rules", () => {
  it("states each period in Chinese and English", () => {
    expect(zh).toContain(`${RETENTION.idempotencyMs / DAY} 天后删除`);
    expect(zh).toContain(`人机验证未通过的次数（按分钟计数）：${RETENTION.botFailuresMs / DAY} 天后删除`);
    expect(zh).toContain(`活动结束 ${RETENTION.advisoryHashesAfterEndMs / DAY} 天后清除`);
    expect(zh).toContain(`正式名单发布）后 ${RETENTION.objectionsAfterEndYears} 年`);
    expect(en).toContain(`deleted after ${RETENTION.idempotencyMs / DAY} days`);
    expect(en).toContain(`failed bot checks (per minute): deleted after ${RETENTION.botFailuresMs / DAY} days`);
    expect(en).toContain(`removed ${RETENTION.advisoryHashesAfterEndMs / DAY} days after the campaign ends`);
    expect(en).toContain(`kept for ${RETENTION.objectionsAfterEndYears} year after`);
  });

  it("says the chained ledger is kept, and why, instead of promising to delete it", () => {
    expect(zh).toContain("投票账本不删除");
    expect(zh).toContain("已公布的结果便无从核验");
    expect(en).toContain("The vote ledger is not deleted");
    expect(en).toContain("longer be checked");
    expect(text).not.toMatch(/保存至活动结束后 1 年|duration of the campaign plus 1 year/);
  });
});

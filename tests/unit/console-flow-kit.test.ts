/** The console flows' shared plain functions: an error's words and body, times in the campaign's zone, public addresses. */
import { describe, expect, it } from "vitest";
import { ApiError } from "../../site/islands/admin/client.ts";
import { errorBody, errorText, nameOf, publicPage, when } from "../../site/islands/admin/flow-kit.ts";

describe("console flow kit", () => {
  it("reads an API error's message and its parsed body (an upload's rows)", () => {
    const rows = [{ row: 3, column: "entry", message: "没有对象 nobody" }];
    const error = new ApiError(422, "成绩文件有 1 处错误", { error: { code: "unprocessable" }, rows });
    expect(errorText(error)).toBe("成绩文件有 1 处错误");
    expect(errorBody(error)?.rows).toEqual(rows);
    expect(errorBody(new Error("network"))).toBeUndefined();
    expect(errorText(new Error("network"))).toBe("network");
  });

  it("writes times in the campaign's zone, whatever the machine's", () => {
    // 2026-12-01T16:30Z is 2 December 00:30 in Beijing; the test run's TZ is neither UTC nor Shanghai
    expect(when("2026-12-01T16:30:00Z", "zh")).toBe("2026年12月2日 00:30");
    expect(when("2026-12-01T16:30:00Z", "en")).toBe("2 Dec 2026, 00:30");
    expect(when(null, "zh")).toBe("");
  });

  it("links the public pages in either language and names entries from either shape", () => {
    expect(publicPage("zh", "cinn-2024", "publicity")).toBe("/cinn-2024/publicity/");
    expect(publicPage("en", "cinn-2024", "results")).toBe("/en/cinn-2024/results/");
    expect(nameOf("示例科技有限公司", "en")).toBe("示例科技有限公司");
    expect(nameOf({ zh: "示例科技有限公司", en: "Demo Tech Co." }, "en")).toBe("Demo Tech Co.");
    expect(nameOf({ zh: "示例科技有限公司" }, "en")).toBe("示例科技有限公司");
  });
});

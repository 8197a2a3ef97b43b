/** The progress line: rewritten in place on a terminal, nothing at all on a pipe or in a log. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { count, rowProgress, withElapsed, type ProgressOutput } from "../../scripts/cli/progress.ts";

function output(isTTY: boolean): ProgressOutput & { text: string } {
  return {
    isTTY,
    text: "",
    write(s: string) {
      this.text += s;
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("progress", () => {
  it("groups counts by thousands", () => {
    expect(count(1_000_000)).toBe("1,000,000");
    expect(count(60_000)).toBe("60,000");
    expect(count(7)).toBe("7");
  });

  it("on a terminal, rewrites one line with \\r at most ten times a second and clears it at the end", () => {
    vi.useFakeTimers();
    const out = output(true);
    const p = rowProgress("导出中", "exporting", out);
    p.rows(1);
    p.rows(2);
    vi.advanceTimersByTime(150);
    p.rows(120_000);
    p.end();
    expect(out.text).toBe("\r导出中… 1 行 / exporting… 1 rows\x1b[K\r导出中… 120,000 行 / exporting… 120,000 rows\x1b[K\r\x1b[K");
  });

  it("writes nothing when the output is not a terminal", async () => {
    const out = output(false);
    const p = rowProgress("导出中", "exporting", out);
    p.rows(1);
    p.end();
    expect(await withElapsed("导入中", "importing", async () => 42, out)).toBe(42);
    expect(out.text).toBe("");
  });

  it("ticks the elapsed seconds while an import runs, and clears the line when it ends or fails", async () => {
    vi.useFakeTimers();
    const out = output(true);
    let finish!: () => void;
    const running = withElapsed("导入中", "importing", () => new Promise<void>((r) => (finish = r)), out);
    await vi.advanceTimersByTimeAsync(2100);
    finish();
    await running;
    expect(out.text).toBe(
      "\r导入中… 0 秒 / importing… 0 s\x1b[K\r导入中… 1 秒 / importing… 1 s\x1b[K\r导入中… 2 秒 / importing… 2 s\x1b[K\r\x1b[K",
    );

    const failing = output(true);
    await expect(withElapsed("导入中", "importing", () => Promise.reject(new Error("refused")), failing)).rejects.toThrow("refused");
    expect(failing.text.endsWith("\r\x1b[K")).toBe(true);
  });
});

/**
 * Progress for the long commands (a million-vote export takes 40 s): one line on stderr rewritten
 * with `\r`, and only when stderr is a terminal. A log or a pipe gets nothing from here, only the
 * final count each command prints on stdout once it is done.
 */

/** Where the line goes: process.stderr, or a stand-in in tests. */
export interface ProgressOutput {
  isTTY?: boolean;
  write(text: string): unknown;
}

export interface ProgressLine {
  /** Shows `text` in place of the previous one; at most every `intervalMs` unless `force`. */
  show(text: string, force?: boolean): void;
  /** Clears the line, so what is printed next starts at the left margin. */
  end(): void;
}

/** 1,000,000: counts in the terminal's output are grouped by thousands. */
export const count = (n: number): string => n.toLocaleString("en-US");

export function progressLine(out: ProgressOutput = process.stderr, intervalMs = 100): ProgressLine {
  if (out.isTTY !== true) return { show() {}, end() {} };
  let last = 0;
  let shown = false;
  return {
    show(text, force = false) {
      const now = Date.now();
      if (!force && now - last < intervalMs) return;
      last = now;
      shown = true;
      // \x1b[K clears what a longer previous line left to the right
      out.write(`\r${text}\x1b[K`);
    },
    end() {
      if (shown) out.write("\r\x1b[K");
      shown = false;
    },
  };
}

/** Rows as they are written: `导出中… 120,000 行 / exporting… 120,000 rows`. */
export function rowProgress(zh: string, en: string, out?: ProgressOutput): { rows(n: number): void; end(): void } {
  const line = progressLine(out);
  return { rows: (n) => line.show(`${zh}… ${count(n)} 行 / ${en}… ${count(n)} rows`), end: line.end };
}

/**
 * Runs `work` with `导入中… 12 秒` ticking once a second. The import services check the whole file
 * before writing any of it (all or nothing), so there is no row count to show midway: the clock
 * tells the organizer it is still working.
 */
export async function withElapsed<T>(zh: string, en: string, work: () => Promise<T>, out?: ProgressOutput): Promise<T> {
  const line = progressLine(out);
  const started = Date.now();
  const tick = () => {
    const s = Math.floor((Date.now() - started) / 1000);
    line.show(`${zh}… ${s} 秒 / ${en}… ${s} s`, true);
  };
  tick();
  const timer = setInterval(tick, 1000);
  timer.unref();
  try {
    return await work();
  } finally {
    clearInterval(timer);
    line.end();
  }
}

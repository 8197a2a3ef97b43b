import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Neither UTC nor Asia/Shanghai: code that forgets the campaign's time zone fails here.
    env: { TZ: "America/Los_Angeles" },
    setupFiles: ["tests/setup.ts"],
    globalSetup: ["tests/global-setup.ts"],
    testTimeout: 30_000,
    // expect.poll waits for what a page or server does next: under CI's load a save, a void or a
    // rebuild can take seconds, and the default second made such steps fail at random. A poll
    // still fails when its condition never comes; it only waits longer first.
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 180_000,
    pool: "forks",
    fileParallelism: true,
    maxWorkers: 2,
  },
});

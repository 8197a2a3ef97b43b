/**
 * One demo site build per test run. Every file that starts a demo server with the built site
 * (`startTestServer({ site: true })`, `demoSiteInBrowser()`) used to run `astro build` over the
 * same demo database for itself: about eight builds of the same pages per run. Now the first such
 * server builds as before and leaves a copy of its build in the run's directory; the next ones
 * start from a copy of that copy, the way a restarted server starts from the build it left.
 *
 * Correct without being told: the server still checks the copied build's key against its own
 * snapshot and builds when they differ (api/site/host.ts), and after the start the whole snapshot,
 * list states and live figures included, is compared with the one the copy was built from; on any
 * difference the server builds its own site before the test sees it. Only servers that start like
 * the demo (no clock, the demo seeded, no environment of their own) take part; the others build
 * alone, as before. Each server gets its own copy: tests may delete or rebuild files in theirs.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { snapshotDigest, snapshotDigestOf } from "../../api/site/build.ts";
import type { Env } from "../../api/config.ts";
import type { RunningServer } from "../../api/node.ts";
import { testRunDir } from "./env.ts";

const sharedDir = () => join(testRunDir, "demo-site");
const claimDir = () => join(testRunDir, "demo-site.claim");
const failedMark = () => join(testRunDir, "demo-site.failed");

export type SharedSiteRole = "builder" | "copy" | "alone";

/** Whether a server started with these options builds the same site as the plain demo server. */
export function startsLikeTheDemo(options: { site?: boolean; seedDemo?: boolean; clock?: unknown; env?: Record<string, string> }): boolean {
  return (
    options.site === true &&
    options.seedDemo !== false &&
    options.clock === undefined &&
    Object.keys(options.env ?? {}).length === 0 &&
    process.env.BANGDAN_TEST_SHARED_SITE !== "0"
  );
}

/**
 * Before the server starts: claims the shared build (the first caller builds it), or waits for it
 * and copies it into this server's data directory as its current site.
 */
export async function prepareSharedSite(env: Env): Promise<SharedSiteRole> {
  try {
    mkdirSync(claimDir());
    writeFileSync(join(claimDir(), "pid"), String(process.pid));
    return "builder";
  } catch {
    // another file builds it, or has built it
  }
  const build = await awaitSharedBuild();
  if (!build) return "alone";
  const root = join(env.BANGDAN_DATA_DIR, "site");
  const name = basename(build);
  mkdirSync(join(root, "builds"), { recursive: true });
  cpSync(build, join(root, "builds", name), { recursive: true });
  symlinkSync(join("builds", name), join(root, "current"));
  return "copy";
}

/**
 * The shared build once it is there; undefined when its builder gave up or is gone without it.
 * No deadline of its own: the builder's build ends sooner than one started now would, and the
 * test's hook timeout bounds the wait.
 */
async function awaitSharedBuild(): Promise<string | undefined> {
  const published = () => (existsSync(sharedDir()) ? readdirSync(sharedDir()).map((name) => join(sharedDir(), name))[0] : undefined);
  for (;;) {
    const build = published();
    if (build) return build;
    // published just before its builder ended, or not at all
    if (existsSync(failedMark()) || !builderAlive()) return published();
    await new Promise((r) => setTimeout(r, 100));
  }
}

function builderAlive(): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(join(claimDir(), "pid"), "utf8"));
  } catch {
    return true; // claimed a moment ago, the pid not written yet
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * After the server started. The builder publishes its build (complete before it appears: copied
 * aside, then renamed into place). A copy is checked against the server's whole snapshot, and
 * rebuilt when it differs.
 */
export async function settleSharedSite(role: SharedSiteRole, server: RunningServer): Promise<void> {
  if (role === "builder") {
    try {
      const dir = server.site.dir!;
      const staging = `${sharedDir()}.${process.pid}`;
      cpSync(dir, join(staging, basename(dir)), { recursive: true });
      renameSync(staging, sharedDir());
    } catch {
      giveUp();
    }
    return;
  }
  if (role === "copy") {
    const dir = server.site.dir!;
    if (snapshotDigestOf(dir) !== snapshotDigest(await server.site.snapshot())) {
      rmSync(join(dir, ".build-key"));
      await server.site.ensureCurrent();
    }
  }
}

/** The builder could not start: the others stop waiting and build their own. */
export function giveUp(): void {
  writeFileSync(failedMark(), "");
}

// Completes package-lock.json with rollup's native packages for other platforms.
//
// The npm registry this project's machines reach does not serve every platform's native rollup
// package, so `npm install` leaves them out of the lockfile; npm 11's `npm ci` then refuses the
// lockfile as out of sync. Entries with os/cpu/libc and `optional: true` satisfy that check and
// are skipped on this platform without being fetched. Run after any `npm install` that changes
// the lockfile: `node scripts/complete-lockfile.mjs`. (Decision record 006.)
import { readFileSync, writeFileSync } from "node:fs";

const path = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(path, "utf8"));
const packages = lock.packages;
const added = [];
for (const [key, pkg] of Object.entries(packages)) {
  if (!key.endsWith("node_modules/rollup")) continue;
  for (const [name, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const at = key.replace(/rollup$/, name);
    if (packages[at]) continue;
    const [os, ...rest] = name.split("/rollup-")[1].split("-");
    const arch = rest.join("-");
    const cpu = arch
      .split("-")[0]
      .replace(/^arm$/, "arm")
      .replace(/^eabi$/, "arm");
    const entry = { version, cpu: [cpu === "arm" || arch.startsWith("arm-") ? "arm" : cpu] };
    if (/gnu|gnueabihf/.test(arch)) entry.libc = ["glibc"];
    if (/musl/.test(arch)) entry.libc = ["musl"];
    Object.assign(entry, { license: "MIT", optional: true, os: [os] });
    packages[at] = entry;
    added.push(`${name}@${version}`);
  }
}
const sorted = Object.fromEntries([
  ["", packages[""]],
  ...Object.entries(packages)
    .filter(([k]) => k !== "")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
]);
lock.packages = sorted;
writeFileSync(path, JSON.stringify(lock, null, 2) + "\n");
console.log(added.length ? `added ${added.length}: ${added.join(", ")}` : "lockfile already complete");

// The 400-line limit for the source files ESLint does not read (.astro, .css and the like), so a
// page or a stylesheet grows no further than a module may. A file that must stay longer says why
// in a comment within its first lines: `size: <why>`. In the files ESLint does read, a comment
// that turns off max-lines or max-lines-per-function must say why too, after "--". Run by
// `npm run lint`.
import { readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";

const MAX_LINES = 400;
const ROOTS = ["api", "db", "site", "scripts", "tests"];
// Data, not code: demo campaigns, generated migrations, static files served as they are, test inputs.
const DATA_DIRS = new Set(["db/demo", "db/migrations", "site/public", "tests/fixtures"]);
const DATA_EXTENSIONS = new Set([".json", ".csv", ".yaml", ".yml", ".svg", ".png", ".jpg", ".webp", ".woff2", ".txt"]);
// ESLint's max-lines covers these (eslint.config.js).
const LINTED_EXTENSIONS = new Set([".ts", ".tsx", ".mts", ".cts", ".js", ".mjs", ".cjs"]);
const REASON = /(?:\/\/|\/\*|<!--|\*)\s*size:\s*\S/;
// an eslint-disable comment naming a size rule, and whether it has a description after "--"
const SIZE_DISABLE = /eslint-disable(?:-next-line|-line)?\b[^\n]*\bmax-lines/;
const DESCRIBED = /\s--\s*\S/;

function* sourceFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    // dot folders (tests/.tmp) and installed packages are not ours to size
    if (entry.name.startsWith(".") || entry.name === "node_modules" || DATA_DIRS.has(path)) continue;
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (!DATA_EXTENSIONS.has(extname(entry.name))) yield path;
  }
}

const tooLong = [];
const unexplained = [];
for (const root of ROOTS) {
  for (const path of sourceFiles(root)) {
    const lines = readFileSync(path, "utf8").split("\n");
    if (LINTED_EXTENSIONS.has(extname(path))) {
      lines.forEach((l, i) => SIZE_DISABLE.test(l) && !DESCRIBED.test(l) && unexplained.push(`${path}:${i + 1}`));
      continue;
    }
    const count = lines.at(-1) === "" ? lines.length - 1 : lines.length;
    if (count > MAX_LINES && !lines.slice(0, 5).some((l) => REASON.test(l))) tooLong.push(`${path}: ${count} lines`);
  }
}
if (tooLong.length > 0) {
  console.error(`Over ${MAX_LINES} lines without a "size: <why>" comment in the first lines; split by responsibility:`);
  for (const line of tooLong) console.error(`  ${line}`);
}
if (unexplained.length > 0) {
  console.error('A size rule turned off without saying why ("// eslint-disable-next-line max-lines-per-function -- <why>"):');
  for (const line of unexplained) console.error(`  ${line}`);
}
if (tooLong.length > 0 || unexplained.length > 0) process.exit(1);

// Lint: typescript-eslint's recommended rules, the project's architecture (only db/ talks to
// drizzle and SQL; the domain is pure; routes call services, never db/ or each other; api/ never
// imports the Astro site, what both need lives in common/), and size limits: a file over 400 lines
// or a function over 80 does several jobs, so it is split by responsibility, or keeps an
// eslint-disable comment saying why. (scripts/check-file-sizes.mjs holds .astro and .css files to
// the same 400 lines, and fails a disable comment for these rules that has no "-- <why>".)
import tseslint from "typescript-eslint";

const database = {
  group: ["drizzle-orm", "drizzle-orm/*", "@libsql/client", "@libsql/*"],
  message: "Only db/ talks to the database; call a named data function from db/index.ts.",
};
// the Astro site's own folders (api/site/ is the API's site pipeline, and allowed)
const notSite = {
  regex: "(^|/)site/(lib|islands|components|pages|layouts|styles|public)(/|$)",
  message: "api/ never imports site/: what both need lives in common/.",
};
const noDatabaseInRoutes = { regex: "(^|/)db(/|$)", message: "Routes call services (api/services), never db/ directly." };
const otherRoute = "A route never imports another route; move what both need to api/http/ or a service.";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "data/", ".astro/", ".wrangler/", "tests/.tmp/", "db/migrations/"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
  {
    // Every line counts, blank or comment: the limit is on how much a reader has to hold.
    rules: { "max-lines": ["error", { max: 400, skipBlankLines: false, skipComments: false }] },
  },
  {
    // Code only, and not tests' describe/it callbacks (a test file is split by intent instead).
    files: ["api/**/*.ts", "db/**/*.ts", "scripts/**/*.ts", "site/**/*.{ts,tsx}", "common/**/*.ts", "tests/helpers/**/*.ts"],
    rules: { "max-lines-per-function": ["error", { max: 80, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: ["api/**/*.ts", "scripts/**/*.ts", "site/**/*.{ts,tsx}", "common/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [database] }] },
  },
  {
    files: ["api/**/*.ts", "common/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [database, notSite] }] },
  },
  {
    // The page's bot check is a port: islands take createBotCheck from bot-check/port.ts, and only
    // the port names the provider's adapter, so a provider swap never reaches an island (decision 039).
    files: ["site/**/*.{ts,tsx}"],
    ignores: ["site/islands/bot-check/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [database, { regex: "bot-check/(?!port$)", message: "Import the bot check from bot-check/port, not its adapter." }] },
      ],
    },
  },
  {
    // Routes validate, call a service, map its result: no SQL, and no reaching into another route
    // (shared HTTP helpers live in api/http/). The admin index only mounts its siblings.
    files: ["api/routes/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [database, notSite, noDatabaseInRoutes, { regex: "^\\./", message: otherRoute }] }],
    },
  },
  {
    files: ["api/routes/admin/*.ts"],
    ignores: ["api/routes/admin/index.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [database, notSite, noDatabaseInRoutes, { regex: "^(\\./|\\.\\./[^.])", message: otherRoute }] },
      ],
    },
  },
  {
    // The domain is plain functions: it imports nothing of ours but itself.
    files: ["api/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["../*", "!./*", "drizzle-orm", "drizzle-orm/*", "@libsql/*", "hono", "hono/*"],
              message: "api/domain is pure: no I/O, no HTTP, no database.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["tests/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);

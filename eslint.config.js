// Lint: typescript-eslint's recommended rules, the project's one architectural rule (only db/
// talks to drizzle and SQL), and size limits: a file over 400 lines or a function over 80 does
// several jobs, so it is split by responsibility, or keeps an eslint-disable comment saying why.
// (scripts/check-file-sizes.mjs holds .astro and .css files to the same 400 lines, and fails a
// disable comment for these rules that has no "-- <why>".)
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "data/", ".astro/", "tests/.tmp/", "db/migrations/"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
  },
  {
    // Every line counts, blank or comment: the limit is on how much a reader has to hold.
    rules: { "max-lines": ["error", { max: 400, skipBlankLines: false, skipComments: false }] },
  },
  {
    // Code only, and not tests' describe/it callbacks (a test file is split by intent instead).
    files: ["api/**/*.ts", "db/**/*.ts", "scripts/**/*.ts", "site/**/*.{ts,tsx}", "tests/helpers/**/*.ts"],
    rules: { "max-lines-per-function": ["error", { max: 80, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: ["api/**/*.ts", "scripts/**/*.ts", "site/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["drizzle-orm", "drizzle-orm/*", "@libsql/client", "@libsql/*"], message: "Only db/ talks to the database; call a named data function from db/index.ts." },
          ],
        },
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
            { group: ["../*", "!./*", "drizzle-orm", "drizzle-orm/*", "@libsql/*", "hono", "hono/*"], message: "api/domain is pure: no I/O, no HTTP, no database." },
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

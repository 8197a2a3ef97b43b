// Lint: typescript-eslint's recommended rules, plus the project's architecture: only db/ talks to
// drizzle and SQL; the domain is pure; routes call services, never db/ or each other; api/ never
// imports site/ (what both need lives in common/).
import tseslint from "typescript-eslint";

const database = {
  group: ["drizzle-orm", "drizzle-orm/*", "@libsql/client", "@libsql/*"],
  message: "Only db/ talks to the database; call a named data function from db/index.ts.",
};
// the Astro site's own folders (api/site/ is the API's site pipeline, and allowed)
const notSite = { regex: "(^|/)site/(lib|islands|components|pages|layouts|styles|public)(/|$)", message: "api/ never imports site/: what both need lives in common/." };
const noDatabaseInRoutes = { regex: "(^|/)db(/|$)", message: "Routes call services (api/services), never db/ directly." };
const otherRoute = "A route never imports another route; move what both need to api/http/ or a service.";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "data/", ".astro/", "tests/.tmp/", "db/migrations/"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
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
    // Routes validate, call a service, map its result: no SQL, and no reaching into another route
    // (shared HTTP helpers live in api/http/). The admin index only mounts its siblings.
    files: ["api/routes/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [database, notSite, noDatabaseInRoutes, { regex: "^\\./", message: otherRoute }] }] },
  },
  {
    files: ["api/routes/admin/*.ts"],
    ignores: ["api/routes/admin/index.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [database, notSite, noDatabaseInRoutes, { regex: "^(\\./|\\.\\./[^.])", message: otherRoute }] }],
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

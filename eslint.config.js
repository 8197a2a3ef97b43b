// Lint: typescript-eslint's recommended rules, plus the project's one architectural rule:
// only db/ talks to drizzle and SQL.
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

// ESLint with the Office add-ins plugin (the rules that catch Office.js load/sync mistakes),
// typescript-eslint and Prettier, as the Office templates set it up.
import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";

/** The Office.js load/sync rules, which misread code that is not Office.js (exceljs, the double's own tests). */
const officeJsRulesOff = {
  "office-addins/call-sync-after-load": "off",
  "office-addins/call-sync-before-read": "off",
  "office-addins/load-object-before-read": "off",
  "office-addins/no-context-sync-in-loop": "off",
  "office-addins/no-empty-load": "off",
  "office-addins/no-navigational-load": "off",
  "office-addins/test-for-null-using-isNullObject": "off",
};

/** The typescript-eslint plugin instance the Office config registered (a second instance may not be registered). */
const tsPlugin = officeAddins.configs.react.find((c) => c.plugins?.["@typescript-eslint"]).plugins[
  "@typescript-eslint"
];

export default [
  {
    ignores: [
      "node_modules/",
      "dist/",
      "dist-tsc/",
      "coverage/",
      "test-results/",
      "samples/",
      ".scratch/",
      "**/*.js",
      "**/*.cjs",
    ],
  },
  ...officeAddins.configs.react,
  {
    files: ["**/*.{ts,tsx,mjs}"],
    plugins: { "@typescript-eslint": tsPlugin },
    languageOptions: {
      parser: tsParser,
      ecmaVersion: 2022,
      sourceType: "module",
      parserOptions: { ecmaFeatures: { jsx: true } },
      globals: {
        Office: "readonly",
        Excel: "readonly",
        console: "readonly",
        process: "readonly",
        window: "readonly",
        document: "readonly",
      },
    },
    rules: {
      "no-undef": "off", // TypeScript checks names; ESLint's no-undef does not know TS types
      "no-redeclare": "off",
      "no-unused-vars": "off", // the TypeScript-aware rule below understands type-only names
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "react/react-in-jsx-scope": "off", // the automatic JSX runtime
      "react/prop-types": "off", // TypeScript types the props
    },
  },
  {
    // No Office.js here: exceljs, the CLI, benchmarks, scripts, and the double's strictness tests.
    files: [
      "src/xlsx/**",
      "src/cli/**",
      "src/core/**",
      "bench/**",
      "scripts/**",
      "test/xlsx/**",
      "test/e2e/**",
      "src/excel-double/**",
    ],
    rules: officeJsRulesOff,
  },
];

// ESLint with the Office add-ins plugin (the rules that catch Office.js load/sync mistakes),
// typescript-eslint and Prettier, as the Office templates set it up.
import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";

export default [
  { ignores: ["node_modules/", "dist/", "dist-tsc/", "coverage/", "test-results/", "samples/", "**/*.js", "!eslint.config.mjs"] },
  ...officeAddins.configs.react,
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: {
      parser: tsParser,
      ecmaVersion: 2022,
      sourceType: "module",
      parserOptions: { ecmaFeatures: { jsx: true } },
      globals: { Office: "readonly", Excel: "readonly", console: "readonly", process: "readonly", window: "readonly", document: "readonly" },
    },
    rules: {
      "no-undef": "off", // TypeScript checks names; ESLint's no-undef does not know TS types
      "no-redeclare": "off",
      "react/react-in-jsx-scope": "off", // the automatic JSX runtime
      "react/prop-types": "off", // TypeScript types the props
    },
  },
];

// ESLint's rules for the console's modules (crisis-api/src/main/resources/console) and their Node tests: the
// recommended set, plus what this code base agrees on (strict equality, no unused names, no var, const when never
// reassigned). Run by src/build/console-checks.sh (in `mvn test`), which installs ESLint into crisis-api/node_modules.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["target/**", "node_modules/**"] },
  js.configs.recommended,
  {
    files: ["src/main/resources/console/**/*.js", "src/main/resources/citizen/**/*.js", "src/test/console/**/*.mjs"],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { ...globals.browser },
    },
    rules: {
      eqeqeq: ["error", "always", { null: "ignore" }],
      "no-var": "error",
      "prefer-const": "error",
      "no-unused-vars": ["error", { args: "after-used", caughtErrors: "none" }],
      "no-implicit-globals": "error",
      "no-shadow": "error",
    },
  },
  {
    // The service worker.
    files: ["src/main/resources/console/sw.js"],
    languageOptions: { sourceType: "script", globals: { ...globals.serviceworker } },
  },
  {
    files: ["**/*.test.mjs"],
    languageOptions: { globals: { ...globals.node } },
  },
];

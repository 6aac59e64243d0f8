import js from "@eslint/js";
import tseslint from "typescript-eslint";

// The layers of docs/architecture.md, enforced: each folder may import only the layers below it.
const layer = (what) => ({
  group: [`**/${what}/**`, `**/${what}`],
  message: `this layer may not import ${what}/ (docs/architecture.md, Layers)`,
});
const layers = (files, forbidden, extra = []) => ({
  files,
  rules: {
    "@typescript-eslint/no-restricted-imports": ["error", { patterns: [...forbidden.map(layer), ...extra] }],
  },
});
const typesOnly = (what) => ({
  ...layer(what),
  allowTypeImports: true,
  message: `only types may come from ${what}/ here`,
});
const noFs = { group: ["node:fs", "node:fs/*", "fs"], message: "engines are pure: no file system" };

export default tseslint.config(
  { ignores: ["node_modules/", "coverage/", ".data/", "dist/", "data/", "scratch/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-constant-condition": ["error", { checkLoops: false }],
    },
  },
  layers(["src/config/**"], ["store", "sources", "engines", "app", "cli", "api"]),
  layers(["src/model/**"], ["store", "sources", "engines", "app", "cli", "api"]),
  layers(["src/engines/**"], ["store", "sources", "app", "cli", "api"], [noFs]),
  layers(["src/store/**"], ["sources", "engines", "app", "cli", "api"]),
  layers(["src/sources/**"], ["engines", "app", "cli", "api"], [typesOnly("store")]),
  layers(["src/app/**"], ["cli", "api"]),
  layers(["src/api/**"], ["cli"]),
  // The web app reaches icsplan through the HTTP API only.
  layers(["web/**"], ["src", "store", "sources", "engines", "app", "cli", "api"]),
  {
    files: ["bin/**/*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
);

// The web app's build: Vite + Preact from web/ into dist/web (served by `icsplan serve`, src/api/web-assets.ts).
// The map library and the chart library are split into their own chunks, loaded only by pages that draw.
import { fileURLToPath } from "node:url";
import { dirname, resolve } from "node:path";
import preact from "@preact/preset-vite";
import { defineConfig } from "vite";

const here = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: "/",
  plugins: [preact()],
  publicDir: false,
  build: {
    outDir: resolve(here, "..", "dist", "web"),
    emptyOutDir: true,
    assetsDir: "assets",
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  logLevel: "warn",
});

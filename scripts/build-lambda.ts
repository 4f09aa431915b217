import { mkdirSync, statSync } from "node:fs";

import { build, type Plugin } from "esbuild";

/*
 * Bundles the API's Lambda entry into one minified ES module. The AWS
 * SDK v3 is modular, so bundling it keeps only the DynamoDB client we
 * use, and the function does not depend on the SDK the runtime ships.
 */

/*
 * zod exposes every translation of its messages as `z.locales`, and
 * @hono/zod-openapi passes the whole `z` namespace around, so esbuild
 * cannot drop the ones nobody uses: about 250 KB. The API only ever
 * uses English, zod's default, so the bundle gets English alone.
 */
const englishOnlyZod: Plugin = {
  name: "english-only-zod",
  setup(plugin) {
    plugin.onLoad(
      { filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ },
      () => ({
        contents: 'export { default as en } from "./en.js";',
        loader: "js",
      }),
    );
  },
};

const outfile = "build/lambda/index.mjs";
mkdirSync("build/lambda", { recursive: true });

await build({
  entryPoints: ["api/lambda.ts"],
  outfile,
  bundle: true,
  minify: true,
  platform: "node",
  target: "node22",
  format: "esm",
  legalComments: "none",
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
  logLevel: "warning",
  plugins: [englishOnlyZod],
});

const kb = (statSync(outfile).size / 1024).toFixed(1);
console.log(`Lambda bundle: ${outfile}, ${kb} KB minified.`);

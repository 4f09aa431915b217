import { mkdirSync, statSync } from "node:fs";

import { build } from "esbuild";

/*
 * Bundles the API's Lambda entry into one minified ES module. The AWS
 * SDK v3 is modular, so bundling it keeps only the DynamoDB client we
 * use, and the function does not depend on the SDK the runtime ships.
 */

const outfile = "dist/lambda/index.mjs";
mkdirSync("dist/lambda", { recursive: true });

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
});

const kb = (statSync(outfile).size / 1024).toFixed(1);
console.log(`Lambda bundle: ${outfile}, ${kb} KB minified.`);

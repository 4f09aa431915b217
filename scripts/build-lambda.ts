import { mkdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { build, type Plugin } from "esbuild";

/*
 * Bundles the API's Lambda entries into minified ES modules in one
 * folder, which is the functions' code asset. The AWS SDK v3 is
 * modular, so bundling it keeps only the DynamoDB client we use, and
 * the functions do not depend on the SDK the runtime ships.
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

/*
 * The SDK's default credential chain brings clients for SSO, STS and
 * more, about 100 KB. In Lambda the credentials are always in the
 * environment, so the bundle uses the environment provider alone.
 */
const environmentCredentialsOnly: Plugin = {
  name: "environment-credentials-only",
  setup(plugin) {
    plugin.onResolve(
      { filter: /^@aws-sdk\/credential-provider-node$/ },
      () => ({
        path: fileURLToPath(
          new URL("../api/store/lambda-credentials.ts", import.meta.url),
        ),
      }),
    );
  },
};

const outdir = "build/lambda";
mkdirSync(outdir, { recursive: true });

/** Each entry and the file it becomes; the handler is `<file>.handler`. */
const entries = {
  index: "api/lambda.ts",
  deliver: "api/lambda-deliver.ts",
};

await build({
  entryPoints: entries,
  outdir,
  outExtension: { ".js": ".mjs" },
  bundle: true,
  minify: true,
  platform: "node",
  target: "node22",
  format: "esm",
  // The SDK's ES module builds, which esbuild can tree-shake; their
  // CommonJS builds, the default on Node, keep every command.
  mainFields: ["module", "main"],
  legalComments: "none",
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
  logLevel: "warning",
  plugins: [englishOnlyZod, environmentCredentialsOnly],
});

for (const name of Object.keys(entries)) {
  const file = `${outdir}/${name}.mjs`;
  const kb = (statSync(file).size / 1024).toFixed(1);
  console.log(`Lambda bundle: ${file}, ${kb} KB minified.`);
}

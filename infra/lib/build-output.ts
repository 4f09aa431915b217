import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/*
 * Resolved from this file rather than the working directory, so the
 * app synthesizes the same way from `npm run synth`, `npx cdk` and the
 * tests, wherever they are started.
 */
const projectRoot = fileURLToPath(new URL("../../", import.meta.url));

/** Where `npm run build` (Vite) writes the SPA. */
export const siteDir = join(projectRoot, "dist");

/** Where `npm run build:lambda` writes the API's Lambda bundle. */
export const lambdaBundleDir = join(projectRoot, "build", "lambda");

/** Where the template and assets go when the CDK CLI names no folder. */
export const defaultOutDir = join(projectRoot, "cdk.out");

/** Thrown when a build output the stack packages is missing. */
export class MissingBuildOutputError extends Error {
  constructor(file: string, command: string) {
    super(`${file} is missing: run \`${command}\` first.`);
    this.name = "MissingBuildOutputError";
  }
}

/**
 * Returns the Lambda bundle's folder, or throws if it was not built.
 * CDK would otherwise package an empty or stale folder without a word.
 */
export function requireLambdaBundle(dir = lambdaBundleDir): string {
  if (!existsSync(join(dir, "index.mjs"))) {
    throw new MissingBuildOutputError(
      join(dir, "index.mjs"),
      "npm run build:lambda",
    );
  }
  return dir;
}

/** Whether the SPA has been built, so there is something to upload. */
export function hasSiteBuild(dir = siteDir): boolean {
  return existsSync(join(dir, "index.html"));
}

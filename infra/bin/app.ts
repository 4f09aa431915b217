import { App } from "aws-cdk-lib";

import { defaultOutDir, MissingBuildOutputError } from "../lib/build-output.ts";
import { DeploymentConfigError } from "../lib/deployment-config.ts";
import { addReadinessStack } from "../lib/readiness-app.ts";

/*
 * The CDK app. `npm run synth` runs this file directly and `npx cdk`
 * runs it through cdk.json; either way it only writes the template and
 * assets to cdk.out/, which needs no AWS credentials and no Docker.
 */

function synthesize(): void {
  // The CLI passes its own folder; run directly, the app writes to
  // cdk.out/ instead of a throwaway temporary folder.
  const app = new App({ outdir: process.env.CDK_OUTDIR ?? defaultOutDir });
  addReadinessStack(app);
  app.synth();
}

/** Mistakes a person can fix get one clear message, not a stack trace. */
function isUserError(error: unknown): error is Error {
  return (
    error instanceof DeploymentConfigError ||
    error instanceof MissingBuildOutputError
  );
}

try {
  synthesize();
} catch (error) {
  if (!isUserError(error)) throw error;

  console.error(error.message);
  process.exitCode = 1;
}

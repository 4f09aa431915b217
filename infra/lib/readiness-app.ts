import { type App, Tags } from "aws-cdk-lib";

import { readDeploymentConfig } from "./deployment-config.ts";
import { ReadinessStack } from "./readiness-stack.ts";

/**
 * Adds the product's stack to a CDK app, configured from the app's
 * context. One stack per stage, named after it, so `dev` and `prod` can
 * live side by side in one account.
 *
 * @param options.siteDir The built SPA, when not `dist/` (for tests).
 * @throws DeploymentConfigError when a context value is not valid.
 * @example
 * const app = new App({ context: { stage: "prod" } });
 * addReadinessStack(app).stackName; // "IntegrationReadiness-prod"
 */
export function addReadinessStack(
  app: App,
  options: { siteDir?: string } = {},
): ReadinessStack {
  const config = readDeploymentConfig(app);

  const stack = new ReadinessStack(
    app,
    `IntegrationReadiness-${config.stage}`,
    {
      config,
      description: `Integration Readiness Assessment (${config.stage})`,
      siteDir: options.siteDir,
    },
  );

  Tags.of(stack).add("project", "integration-readiness-assessment");
  Tags.of(stack).add("stage", config.stage);
  return stack;
}

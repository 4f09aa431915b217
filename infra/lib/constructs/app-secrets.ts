import * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import { Construct } from "constructs";

/**
 * The product's two secrets, each created with a random value so a
 * fresh stack works without a manual step. The values never appear in
 * the template: functions receive them through CloudFormation dynamic
 * references, resolved when the function is deployed (see
 * `docs/decisions/secrets-in-function-environment.md`).
 *
 * @example
 * const secrets = new AppSecrets(this, "Secrets");
 * environmentValueOf(secrets.adminToken); // "{{resolve:...}}"
 */
export class AppSecrets extends Construct {
  /** What the admin pages and API ask for, as a bearer token. */
  readonly adminToken: secretsmanager.Secret;

  /** The key of the HMAC that signs each lead webhook to the CRM. */
  readonly leadWebhookSecret: secretsmanager.Secret;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.adminToken = new secretsmanager.Secret(this, "AdminToken", {
      description:
        "Integration Readiness Assessment: the admin token (ADMIN_TOKEN)",
      generateSecretString: randomText(48),
    });

    this.leadWebhookSecret = new secretsmanager.Secret(
      this,
      "LeadWebhookSecret",
      {
        description:
          "Integration Readiness Assessment: the key that signs lead " +
          "webhooks (LEAD_WEBHOOK_SECRET); the CRM needs the same value",
        generateSecretString: randomText(64),
      },
    );
  }
}

/**
 * A secret's current value as a dynamic reference, for a function's
 * environment. CloudFormation resolves it whenever it creates or updates
 * the function, so the template itself never holds the value.
 */
export function environmentValueOf(secret: secretsmanager.ISecret): string {
  return secret.secretValue.unsafeUnwrap();
}

/*
 * Letters and digits only: the values travel in HTTP headers and shell
 * commands, where punctuation needs quoting.
 */
function randomText(length: number): secretsmanager.SecretStringGenerator {
  return {
    passwordLength: length,
    excludePunctuation: true,
    includeSpace: false,
  };
}

import { fromEnv } from "@aws-sdk/credential-provider-env";

/*
 * Stands in for `@aws-sdk/credential-provider-node` in the Lambda
 * bundle only (see scripts/build-lambda.ts). Lambda always hands a
 * function its role's credentials in environment variables, so the
 * rest of the Node chain (profiles, SSO, web identity, the instance
 * metadata service) is never reached there, and it is the largest part
 * of the SDK that a DynamoDB client would otherwise carry.
 */

/** The credential chain of the Lambda bundle: the environment alone. */
export const defaultProvider: typeof fromEnv = (init) => fromEnv(init);

import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/** Where the store lives: an endpoint, or none for AWS itself. */
export interface ConnectionOptions {
  /** A DynamoDB-compatible endpoint such as the embedded engine's. */
  endpoint?: string | undefined;
  region: string;
}

/*
 * A local engine accepts any credentials, but the SDK insists on some.
 * Real ones from the environment still win, for a remote endpoint.
 */
const localCredentials = { accessKeyId: "local", secretAccessKey: "local" };

/*
 * Fail fast: a request that waits longer than a person would is worth
 * less than a quick 503 that tells the browser to retry later.
 */
const timeouts = { connectionTimeout: 1_000, requestTimeout: 3_000 };

/**
 * Creates the SDK clients for one connection. Only the store modules
 * use it; nothing else in the API sees an SDK type.
 */
export function createDynamoClients(options: ConnectionOptions) {
  const useLocalCredentials =
    options.endpoint !== undefined && !process.env.AWS_ACCESS_KEY_ID;

  const client = new DynamoDBClient({
    region: options.region,
    endpoint: options.endpoint,
    maxAttempts: 3,
    requestHandler: timeouts,
    ...(useLocalCredentials ? { credentials: localCredentials } : {}),
  });
  const documents = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { client, documents };
}

export type DynamoClients = ReturnType<typeof createDynamoClients>;

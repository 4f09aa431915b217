import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
} from "@aws-sdk/client-dynamodb";

import { isMissingTable, isTableInUse, toStoreError } from "./sdk-errors.ts";
import { StoreUnavailableError } from "./store-errors.ts";
import { tableDefinition, type KeyAttribute } from "./table-definition.ts";

const pollMs = 50;
const activeWithinMs = 60_000;

/**
 * Creates the table from `tableDefinition` if it does not exist, then
 * waits until it is active. In production the CDK stack creates the
 * table (with TTL switched on), so this only ever creates local ones.
 */
export async function ensureTable(
  client: DynamoDBClient,
  table: string,
): Promise<void> {
  const status = await tableStatus(client, table);
  if (status === "ACTIVE") return;

  if (status === undefined) await createTable(client, table);
  await waitUntilActive(client, table);
}

async function tableStatus(
  client: DynamoDBClient,
  table: string,
): Promise<string | undefined> {
  try {
    const output = await client.send(
      new DescribeTableCommand({ TableName: table }),
    );
    return output.Table?.TableStatus;
  } catch (error) {
    if (isMissingTable(error)) return undefined;
    throw toStoreError("DescribeTable", error);
  }
}

async function createTable(client: DynamoDBClient, table: string) {
  const { partitionKey, sortKey, globalSecondaryIndexes } = tableDefinition;
  const indexKeys = globalSecondaryIndexes.flatMap((index) => [
    index.partitionKey,
    index.sortKey,
  ]);

  const command = new CreateTableCommand({
    TableName: table,
    BillingMode: tableDefinition.billingMode,
    AttributeDefinitions: [partitionKey, sortKey, ...indexKeys].map((key) => ({
      AttributeName: key.name,
      AttributeType: key.type,
    })),
    KeySchema: keySchema(partitionKey, sortKey),
    GlobalSecondaryIndexes: globalSecondaryIndexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: keySchema(index.partitionKey, index.sortKey),
      Projection: { ProjectionType: index.projection },
    })),
  });

  try {
    await client.send(command);
  } catch (error) {
    // Another process created it first; waiting for it is enough.
    if (isTableInUse(error)) return;
    throw toStoreError("CreateTable", error);
  }
}

function keySchema(partitionKey: KeyAttribute, sortKey: KeyAttribute) {
  return [
    { AttributeName: partitionKey.name, KeyType: "HASH" as const },
    { AttributeName: sortKey.name, KeyType: "RANGE" as const },
  ];
}

async function waitUntilActive(client: DynamoDBClient, table: string) {
  const deadline = Date.now() + activeWithinMs;

  while (Date.now() < deadline) {
    if ((await tableStatus(client, table)) === "ACTIVE") return;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }

  throw new StoreUnavailableError(
    `table ${table} did not become active within ${activeWithinMs} ms`,
  );
}

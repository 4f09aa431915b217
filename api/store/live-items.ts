import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";

import type { DynamoClients } from "./dynamo-client.ts";
import { isConditionFailure, toStoreError } from "./sdk-errors.ts";

type Documents = DynamoClients["documents"];
type Key = { pk: string; sk: string };

/*
 * Items carry `expiresAt` (epoch seconds) for DynamoDB's TTL, which
 * deletes expired items up to days late, and the local engine never.
 * So every read treats an expired item as gone, and every first write
 * may replace one.
 */

/**
 * Writes an item with one conditional put: only when no item has its
 * key, or the one that has it has expired.
 *
 * @returns false when a live item already has the key.
 * @example
 * if (!(await putNewItem(documents, table, item, now))) throw new …;
 */
export async function putNewItem(
  documents: Documents,
  table: string,
  item: Record<string, unknown>,
  nowSeconds: number,
): Promise<boolean> {
  const command = new PutCommand({
    TableName: table,
    Item: item,
    ConditionExpression: "attribute_not_exists(pk) OR expiresAt <= :now",
    ExpressionAttributeValues: { ":now": nowSeconds },
  });

  try {
    await documents.send(command);
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw toStoreError("PutItem", error);
  }
}

/**
 * The item with this key, read strongly consistent so that it sees a
 * write that just happened, or undefined when it is missing or expired.
 */
export async function getLiveItem(
  documents: Documents,
  table: string,
  key: Key,
  nowSeconds: number,
): Promise<Record<string, unknown> | undefined> {
  const command = new GetCommand({
    TableName: table,
    Key: key,
    ConsistentRead: true,
  });

  let item: Record<string, unknown> | undefined;
  try {
    item = (await documents.send(command)).Item;
  } catch (error) {
    throw toStoreError("GetItem", error);
  }
  return item && Number(item.expiresAt) > nowSeconds ? item : undefined;
}

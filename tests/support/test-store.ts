import { GetCommand } from "@aws-sdk/lib-dynamodb";

import {
  createDynamoClients,
  type DynamoClients,
} from "../../api/store/dynamo-client.ts";
import {
  startEmbeddedEngine,
  type EmbeddedEngine,
} from "../../api/store/embedded-engine.ts";
import { openStore, type Store } from "../../api/store/store.ts";
import { assessmentKey } from "../../api/store/table-definition.ts";

/** The real embedded engine in memory, with the table made by our code. */
export interface TestStore {
  engine: EmbeddedEngine;
  store: Store;
  tableName: string;
  /** Reads an item straight through the SDK, bypassing the API. */
  readItem(id: string): Promise<Record<string, unknown> | undefined>;
  /** An SDK client on the same table, for checks the API cannot make. */
  documents: DynamoClients["documents"];
  stop(): Promise<void>;
}

const region = "us-east-1";

/**
 * Starts dynalite in memory on a free port and creates the table with
 * the store's own code. One per test file, in `beforeAll`.
 */
export async function startTestStore(
  tableName = "readiness-test",
): Promise<TestStore> {
  const engine = await startEmbeddedEngine();
  const store = openStore({ endpoint: engine.endpoint, region, tableName });
  await store.ensureTable();

  const { documents } = createDynamoClients({
    endpoint: engine.endpoint,
    region,
  });
  const readItem = async (id: string) => {
    const key = assessmentKey(id);
    const output = await documents.send(
      new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
    );
    return output.Item;
  };

  const stop = async () => {
    documents.destroy();
    store.close();
    await engine.stop();
  };
  return { engine, store, tableName, readItem, documents, stop };
}

import { RemovalPolicy } from "aws-cdk-lib";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import { Construct } from "constructs";

import {
  tableDefinition,
  type KeyAttribute,
} from "../../../api/store/table-definition.ts";

/**
 * The product's one DynamoDB table, shaped by the same definition the
 * local engine uses. It holds results, leads and workshops, which cannot
 * be rebuilt, so it is protected three ways: deletion protection, kept
 * when the stack goes, and point-in-time recovery. Its stream carries
 * each change to lead delivery (see `LeadEvents`).
 *
 * @example
 * const data = new DataTable(this, "Data");
 * data.table.tableName; data.indexNames; // ["GSI1"]
 */
export class DataTable extends Construct {
  readonly table: dynamodb.Table;

  /** The names of the table's global secondary indexes. */
  readonly indexNames: string[];

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.table = new dynamodb.Table(this, "Table", {
      partitionKey: toAttribute(tableDefinition.partitionKey),
      sortKey: toAttribute(tableDefinition.sortKey),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: tableDefinition.timeToLiveAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // Lead delivery reads new leads from here; only the new image is
      // needed, as the pipe filters on what an item has become.
      stream: dynamodb.StreamViewType.NEW_IMAGE,
    });

    for (const index of tableDefinition.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: toAttribute(index.partitionKey),
        sortKey: toAttribute(index.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }

    this.indexNames = tableDefinition.globalSecondaryIndexes.map(
      (index) => index.indexName,
    );
  }
}

/** The definition only uses string keys; DynamoDB calls that `S`. */
function toAttribute(key: KeyAttribute): dynamodb.Attribute {
  const types = { S: dynamodb.AttributeType.STRING };
  return { name: key.name, type: types[key.type] };
}

/*
 * The one table's shape, as plain data with no SDK import, so that the
 * local engine's table and the CDK stack's table are built from the
 * same facts. The reasoning is in docs/decisions/table-key-design.md.
 */

/** A DynamoDB key attribute: its name and its type (always string). */
export interface KeyAttribute {
  name: string;
  type: "S";
}

export interface IndexDefinition {
  indexName: string;
  partitionKey: KeyAttribute;
  sortKey: KeyAttribute;
  projection: "ALL";
}

export interface TableDefinition {
  partitionKey: KeyAttribute;
  sortKey: KeyAttribute;
  globalSecondaryIndexes: readonly IndexDefinition[];
  /** The number attribute, in epoch seconds, that DynamoDB's TTL reads. */
  timeToLiveAttribute: string;
  billingMode: "PAY_PER_REQUEST";
}

/**
 * The table: generic string keys `pk` and `sk`, one secondary index
 * `GSI1` on `gsi1pk` and `gsi1sk`, TTL on `expiresAt`, on-demand.
 *
 * @example
 * new dynamodb.Table(this, "Table", {
 *   partitionKey: { name: tableDefinition.partitionKey.name, type: STRING },
 *   timeToLiveAttribute: tableDefinition.timeToLiveAttribute,
 * });
 */
export const tableDefinition: TableDefinition = {
  partitionKey: { name: "pk", type: "S" },
  sortKey: { name: "sk", type: "S" },
  globalSecondaryIndexes: [
    {
      indexName: "GSI1",
      partitionKey: { name: "gsi1pk", type: "S" },
      sortKey: { name: "gsi1sk", type: "S" },
      projection: "ALL",
    },
  ],
  timeToLiveAttribute: "expiresAt",
  billingMode: "PAY_PER_REQUEST",
};

/**
 * The key prefixes of every item kind, the planned ones included, so
 * that no two features ever pick the same prefix.
 */
export const keyPrefixes = {
  /** `pk` of a stored result; its `sk` is `RESULT`. */
  assessment: "ASSESSMENT#",
  /** `gsi1pk` of a lead, by month: `LEAD#2026-12`; its `pk` is the result's. */
  leadMonth: "LEAD#",
  /** `pk` of a workshop and its participants. */
  workshop: "WORKSHOP#",
  /** `sk` of a participant within a workshop's partition. */
  participant: "PARTICIPANT#",
} as const;

/** The sort key of a stored result. */
export const resultSortKey = "RESULT";

/** The primary key of the stored result with this id. */
export function assessmentKey(id: string): { pk: string; sk: string } {
  return { pk: `${keyPrefixes.assessment}${id}`, sk: resultSortKey };
}

/** The sort key of a lead, beside its result in the same partition. */
export const leadSortKey = "LEAD";

/** The primary key of the lead of the assessment with this id. */
export function leadKey(assessmentId: string): { pk: string; sk: string } {
  return { pk: `${keyPrefixes.assessment}${assessmentId}`, sk: leadSortKey };
}

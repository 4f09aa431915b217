import { gunzipSync, gzipSync } from "node:zlib";

import { DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import { DeleteCommand } from "@aws-sdk/lib-dynamodb";

import type { Answers } from "../../src/core/scoring/answers.ts";
import type { AssessmentResult } from "../../src/core/scoring/score-assessment.ts";
import type { SubmissionContext } from "../../src/core/submission.ts";
import {
  createDynamoClients,
  type ConnectionOptions,
  type DynamoClients,
} from "./dynamo-client.ts";
import { ensureTable } from "./ensure-table.ts";
import { createLeadStore, type LeadStore } from "./lead-store.ts";
import { getLiveItem, putNewItem } from "./live-items.ts";
import { isConditionFailure, toStoreError } from "./sdk-errors.ts";
import {
  AssessmentExistsError,
  AssessmentNotFoundError,
  StoreRequestError,
} from "./store-errors.ts";
import { assessmentKey } from "./table-definition.ts";

/** A stored result, as the store keeps it. */
export interface AssessmentRecord {
  id: string;
  contentVersion: string;
  /** ISO 8601 time of storing. */
  createdAt: string;
  /** Epoch seconds after which the record no longer exists for readers. */
  expiresAt: number;
  answers: Answers;
  result: AssessmentResult;
  context?: SubmissionContext | undefined;
  /** Canonical hash of the content version and answers, for replays. */
  answersHash: string;
  /** SHA-256 of the deletion token; the token itself is never stored. */
  deletionTokenHash: string;
}

/**
 * The data-access module: the only code that calls the table. Every
 * SDK exception leaves it as one of the errors in `store-errors.ts`.
 * The lead functions are described in `lead-store.ts`.
 */
export interface Store extends LeadStore {
  /**
   * Stores a new record. An expired record with the same id is
   * replaced, since readers already treat it as gone.
   * @throws AssessmentExistsError when a live record has the id.
   */
  putAssessment(record: AssessmentRecord, nowSeconds: number): Promise<void>;
  /** The live record with this id, or undefined if none or expired. */
  getAssessment(
    id: string,
    nowSeconds: number,
  ): Promise<AssessmentRecord | undefined>;
  /**
   * Deletes the record if its deletion token hash is still this one,
   * and the assessment's lead with it.
   * @throws AssessmentNotFoundError when it is already gone.
   */
  deleteAssessment(id: string, deletionTokenHash: string): Promise<void>;
  /** Resolves when the table answers; throws StoreUnavailableError if not. */
  checkReachable(): Promise<void>;
  /** Creates the table if it is missing and waits until it is usable. */
  ensureTable(): Promise<void>;
  /** Closes the connection; the store cannot be used afterwards. */
  close(): void;
}

export interface StoreOptions extends ConnectionOptions {
  tableName: string;
}

/**
 * Opens the store over the SDK: the embedded engine or any endpoint
 * when one is given, and DynamoDB itself when none is.
 *
 * @example
 * const store = openStore({ endpoint, region: "us-east-1", tableName });
 * await store.ensureTable();
 */
export function openStore(options: StoreOptions): Store {
  const clients = createDynamoClients(options);
  const table = options.tableName;
  const leads = createLeadStore(clients, table);

  return {
    ...leads,
    putAssessment: (record, now) => putAssessment(clients, table, record, now),
    getAssessment: (id, now) => getAssessment(clients, table, id, now),
    deleteAssessment: async (id, hash) => {
      // The lead goes first: if the result's delete then fails, a retry
      // still finds the result and deletes both, whereas the other
      // order could leave a lead with nothing left to delete it by.
      await leads.deleteLead(id);
      await deleteAssessment(clients, table, id, hash);
    },
    checkReachable: () => checkReachable(clients, table),
    ensureTable: () => ensureTable(clients.client, table),
    close: () => clients.client.destroy(),
  };
}

async function putAssessment(
  { documents }: DynamoClients,
  table: string,
  record: AssessmentRecord,
  nowSeconds: number,
): Promise<void> {
  const stored = await putNewItem(documents, table, toItem(record), nowSeconds);
  if (!stored) throw new AssessmentExistsError(record.id);
}

/*
 * The replay of a POST reads right after a failed conditional write,
 * and the strongly consistent read sees the item that failed it.
 */
async function getAssessment(
  { documents }: DynamoClients,
  table: string,
  id: string,
  nowSeconds: number,
): Promise<AssessmentRecord | undefined> {
  const item = await getLiveItem(
    documents,
    table,
    assessmentKey(id),
    nowSeconds,
  );
  return item && fromItem(item);
}

/** Deletes the result if its deletion token hash is still this one. */
async function deleteAssessment(
  { documents }: DynamoClients,
  table: string,
  id: string,
  deletionTokenHash: string,
): Promise<void> {
  const command = new DeleteCommand({
    TableName: table,
    Key: assessmentKey(id),
    ConditionExpression: "deletionTokenHash = :hash",
    ExpressionAttributeValues: { ":hash": deletionTokenHash },
  });

  try {
    await documents.send(command);
  } catch (error) {
    if (isConditionFailure(error)) throw new AssessmentNotFoundError(id);
    throw toStoreError("DeleteItem", error);
  }
}

async function checkReachable(
  { client }: DynamoClients,
  table: string,
): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: table }));
  } catch (error) {
    throw toStoreError("DescribeTable", error);
  }
}

/**
 * The item stored for a record. The result is kept as gzipped JSON:
 * nothing queries inside it, and compressed it is about a third of its
 * size, and so is the write's cost in capacity units. Answers stay a
 * map, for future aggregates. See docs/decisions/table-key-design.md.
 *
 * The zlib calls are synchronous on purpose: for a result of about
 * 15 KB the thread pool's hand-over costs twice the compression itself.
 */
export function toItem(record: AssessmentRecord): Record<string, unknown> {
  const { result, ...rest } = record;
  const resultGzip = gzipSync(JSON.stringify(result), { level: 1 });
  return {
    ...assessmentKey(record.id),
    kind: "assessment",
    ...rest,
    resultGzip,
  };
}

function fromItem(item: Record<string, unknown>): AssessmentRecord {
  const { resultGzip } = item;
  if (!(resultGzip instanceof Uint8Array)) {
    throw new StoreRequestError(`item ${String(item.pk)} has no resultGzip`);
  }
  const resultJson = gunzipSync(resultGzip).toString("utf8");

  return {
    id: item.id as string,
    contentVersion: item.contentVersion as string,
    createdAt: item.createdAt as string,
    expiresAt: Number(item.expiresAt),
    answers: item.answers as Answers,
    result: JSON.parse(resultJson) as AssessmentResult,
    context: item.context as SubmissionContext | undefined,
    answersHash: item.answersHash as string,
    deletionTokenHash: item.deletionTokenHash as string,
  };
}

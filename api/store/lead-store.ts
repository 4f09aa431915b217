import {
  DeleteCommand,
  QueryCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";

import type {
  companySizes,
  leadInterests,
} from "../../src/core/leads/lead-schema.ts";
import type { DynamoClients } from "./dynamo-client.ts";
import { getLiveItem, putNewItem } from "./live-items.ts";
import { isConditionFailure, toStoreError } from "./sdk-errors.ts";
import {
  LeadDeliveryChangedError,
  LeadExistsError,
  LeadNotFoundError,
} from "./store-errors.ts";
import { keyPrefixes, leadKey } from "./table-definition.ts";

export type CompanySize = (typeof companySizes)[number];
export type LeadInterest = (typeof leadInterests)[number];

/** Where a lead is on its way to the CRM. */
export const deliveryStatuses = [
  "pending",
  "delivered",
  "dead-letter",
] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/**
 * The delivery state kept on the lead item itself, which makes the
 * item its own outbox (docs/decisions/lead-capture-and-delivery.md).
 */
export interface LeadDeliveryState {
  status: DeliveryStatus;
  /** Webhook calls made so far. */
  attempts: number;
  /** ISO time of the latest attempt. */
  lastAttemptAt?: string | undefined;
  /** Why the latest attempt failed, without personal data. */
  lastError?: string | undefined;
  /** ISO time the CRM accepted the lead. */
  deliveredAt?: string | undefined;
}

/** A score and its maturity level id, as the lead keeps them. */
export interface LeadScore {
  score: number;
  /** The maturity level's id, e.g. `defined`. */
  level: string;
}

/** The assessment's scores when the lead was left, kept with the lead. */
export interface LeadScores {
  overall: LeadScore;
  areas: (LeadScore & { id: string })[];
}

/** Campaign attribution, copied from the stored assessment. */
export interface LeadContext {
  utm?: Partial<Record<UtmKey, string>> | undefined;
  referrer?: string | undefined;
}

export type UtmKey = "source" | "medium" | "campaign" | "term" | "content";

/** A lead, as the store keeps it: one per stored assessment. */
export interface LeadRecord {
  /** The id the browser generated; the webhook's idempotency key. */
  id: string;
  assessmentId: string;
  /** ISO time the lead was stored. */
  createdAt: string;
  /** Epoch seconds after which the lead no longer exists for readers. */
  expiresAt: number;
  name: string;
  email: string;
  company: string;
  role: string;
  companySize: CompanySize;
  interest: LeadInterest;
  /** ISO time the person gave their consent (when the lead was sent). */
  consentedAt: string;
  context: LeadContext;
  scores: LeadScores;
  /** SHA-256 of the canonical lead fields, to recognise a retry. */
  requestHash: string;
  delivery: LeadDeliveryState;
}

/** Which leads to list, newest first. */
export interface LeadQuery {
  /** First UTC day to include, `YYYY-MM-DD`. */
  from: string;
  /** Last UTC day to include, `YYYY-MM-DD`. */
  to: string;
  /** Only leads whose overall maturity level has this id. */
  level?: string | undefined;
  /** Leads per page, 1 to 100. */
  limit: number;
  /** The `nextCursor` of the page before. */
  cursor?: string | undefined;
  nowSeconds: number;
}

export interface LeadPage {
  leads: LeadRecord[];
  /** Present when more leads match; pass it back as `cursor`. */
  nextCursor?: string;
}

/**
 * The lead half of the data-access module. `openStore` exposes these on
 * the `Store`, so callers use `store.getLead(…)` and never the SDK.
 */
export interface LeadStore {
  /**
   * Stores a new lead with one conditional write. An expired lead of
   * the same assessment is replaced, since readers treat it as gone.
   * @throws LeadExistsError when the assessment has a live lead.
   */
  putLead(lead: LeadRecord, nowSeconds: number): Promise<void>;
  /**
   * The live lead of this assessment, or undefined if none or expired.
   * Strongly consistent, so it sees a write that just happened.
   *
   * @example
   * const lead = await store.getLead(assessmentId);
   */
  getLead(
    assessmentId: string,
    nowSeconds?: number,
  ): Promise<LeadRecord | undefined>;
  /**
   * Live leads created within the query's days, newest first, one page
   * at a time across the month buckets of the index.
   * @throws InvalidLeadCursorError when the cursor is not one we made.
   */
  listLeads(query: LeadQuery): Promise<LeadPage>;
  /** Deletes the lead of this assessment; nothing happens if it has none. */
  deleteLead(assessmentId: string): Promise<void>;
  /**
   * Replaces the lead's `delivery` state with one conditional update.
   * With `expectedAttempts`, the update only happens while the stored
   * `delivery.attempts` is still that number, so two deliverers cannot
   * both record the same attempt.
   *
   * @throws LeadNotFoundError when the assessment has no lead.
   * @throws LeadDeliveryChangedError when the attempts have moved on.
   * @example
   * await store.updateLeadDelivery(lead.assessmentId, {
   *   status: "delivered", attempts: 1, deliveredAt: now.toISOString(),
   * }, 0);
   */
  updateLeadDelivery(
    assessmentId: string,
    delivery: LeadDeliveryState,
    expectedAttempts?: number,
  ): Promise<void>;
  /**
   * Every live lead with this delivery status, created in the given
   * months (`YYYY-MM`, UTC), newest first within each month. The
   * deliverer resumes `pending` leads with it at start.
   *
   * @example
   * await store.listLeadsByDeliveryStatus("pending", ["2026-12", "2026-11"]);
   */
  listLeadsByDeliveryStatus(
    status: DeliveryStatus,
    months: readonly string[],
    nowSeconds?: number,
  ): Promise<LeadRecord[]>;
}

/** The month bucket of a time, `YYYY-MM` in UTC. */
export function leadMonth(time: Date | string): string {
  const iso = typeof time === "string" ? time : time.toISOString();
  return iso.slice(0, 7);
}

/** Thrown when a cursor was not made by `listLeads`. */
export class InvalidLeadCursorError extends Error {
  constructor() {
    super("The cursor is not valid.");
    this.name = "InvalidLeadCursorError";
  }
}

/** Creates the lead functions over one connection and table. */
export function createLeadStore(
  clients: DynamoClients,
  table: string,
): LeadStore {
  const db: Db = { documents: clients.documents, table };
  return {
    putLead: (lead, now) => putLead(db, lead, now),
    getLead: (id, now = nowInSeconds()) => getLead(db, id, now),
    listLeads: (query) => listLeads(db, query),
    deleteLead: (id) => deleteLead(db, id),
    updateLeadDelivery: (id, delivery, expected) =>
      updateLeadDelivery(db, id, delivery, expected),
    listLeadsByDeliveryStatus: (status, months, now = nowInSeconds()) =>
      listByDeliveryStatus(db, status, months, now),
  };
}

interface Db {
  documents: DynamoClients["documents"];
  table: string;
}

const indexName = "GSI1";

function nowInSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

async function putLead(db: Db, lead: LeadRecord, nowSeconds: number) {
  const stored = await putNewItem(
    db.documents,
    db.table,
    toItem(lead),
    nowSeconds,
  );
  if (!stored) throw new LeadExistsError(lead.assessmentId);
}

async function getLead(
  db: Db,
  assessmentId: string,
  nowSeconds: number,
): Promise<LeadRecord | undefined> {
  const key = leadKey(assessmentId);
  const item = await getLiveItem(db.documents, db.table, key, nowSeconds);
  return item && fromItem(item);
}

async function deleteLead(db: Db, assessmentId: string): Promise<void> {
  const command = new DeleteCommand({
    TableName: db.table,
    Key: leadKey(assessmentId),
  });

  try {
    await db.documents.send(command);
  } catch (error) {
    throw toStoreError("DeleteItem", error);
  }
}

async function updateLeadDelivery(
  db: Db,
  assessmentId: string,
  delivery: LeadDeliveryState,
  expectedAttempts: number | undefined,
): Promise<void> {
  const checkAttempts = expectedAttempts !== undefined;
  const command = new UpdateCommand({
    TableName: db.table,
    Key: leadKey(assessmentId),
    UpdateExpression: "SET delivery = :delivery",
    ConditionExpression: checkAttempts
      ? "attribute_exists(pk) AND delivery.attempts = :expected"
      : "attribute_exists(pk)",
    ExpressionAttributeValues: {
      ":delivery": delivery,
      ...(checkAttempts ? { ":expected": expectedAttempts } : {}),
    },
  });

  try {
    await db.documents.send(command);
    return;
  } catch (error) {
    if (!isConditionFailure(error)) throw toStoreError("UpdateItem", error);
  }

  // The condition failed: say whether the lead is gone or has moved on.
  const lead = await getLead(db, assessmentId, 0);
  if (!lead) throw new LeadNotFoundError(assessmentId);
  if (checkAttempts && lead.delivery.attempts !== expectedAttempts) {
    throw new LeadDeliveryChangedError(assessmentId);
  }
}

/* ---- listing by time ---- */

interface Cursor {
  /** The month bucket the page ended in. */
  month: string;
  /** The index sort key of the page's last lead. */
  sortKey: string;
  assessmentId: string;
}

/*
 * One page, newest first: each month bucket from `to` back to `from`
 * is read until `limit + 1` matching leads are found. The extra lead
 * only says that there is a next page; the cursor points at the last
 * lead returned, so the next page starts right after it.
 */
async function listLeads(db: Db, query: LeadQuery): Promise<LeadPage> {
  const start = query.cursor ? decodeCursor(query.cursor) : undefined;
  const wanted = query.limit + 1;
  const found: { lead: LeadRecord; month: string }[] = [];

  for (const month of monthsBetween(query.from, query.to)) {
    if (start && month > start.month) continue;
    const from = start?.month === month ? start : undefined;

    const leads = await queryMonth(
      db,
      month,
      query,
      from,
      wanted - found.length,
    );
    found.push(...leads.map((lead) => ({ lead, month })));
    if (found.length >= wanted) break;
  }

  const page = found.slice(0, query.limit);
  const last = page.at(-1);
  if (found.length <= query.limit || !last) {
    return { leads: page.map((entry) => entry.lead) };
  }
  return {
    leads: page.map((entry) => entry.lead),
    nextCursor: encodeCursor({
      month: last.month,
      sortKey: sortKeyOf(last.lead),
      assessmentId: last.lead.assessmentId,
    }),
  };
}

/*
 * `Limit` caps the items the engine reads before the filter, so a page
 * with a level filter may need several calls; it never gets more than
 * `wanted` leads back.
 */
async function queryMonth(
  db: Db,
  month: string,
  query: LeadQuery,
  from: Cursor | undefined,
  wanted: number,
): Promise<LeadRecord[]> {
  const leads: LeadRecord[] = [];
  let startKey: Record<string, unknown> | undefined = from && {
    ...leadKey(from.assessmentId),
    gsi1pk: `${keyPrefixes.leadMonth}${month}`,
    gsi1sk: from.sortKey,
  };

  do {
    const output = await sendQuery(db, {
      ...timeQuery(db.table, month, query),
      Limit: wanted - leads.length,
      ExclusiveStartKey: startKey,
    });
    leads.push(...(output.Items ?? []).map(fromItem));
    startKey = output.LastEvaluatedKey;
  } while (startKey && leads.length < wanted);

  return leads;
}

/*
 * Index sort keys start with the ISO time, so a day range is a
 * `BETWEEN`: `from` sorts before every time on that day, and
 * `<to>U` after every `<to>T…` time.
 */
function timeQuery(table: string, month: string, query: LeadQuery) {
  const level = query.level !== undefined;
  return {
    TableName: table,
    IndexName: indexName,
    ScanIndexForward: false,
    KeyConditionExpression: "gsi1pk = :month AND gsi1sk BETWEEN :from AND :to",
    FilterExpression: level
      ? "expiresAt > :now AND scores.overall.#level = :level"
      : "expiresAt > :now",
    ...(level ? { ExpressionAttributeNames: { "#level": "level" } } : {}),
    ExpressionAttributeValues: {
      ":month": `${keyPrefixes.leadMonth}${month}`,
      ":from": query.from,
      ":to": `${query.to}U`,
      ":now": query.nowSeconds,
      ...(level ? { ":level": query.level } : {}),
    },
  };
}

async function listByDeliveryStatus(
  db: Db,
  status: DeliveryStatus,
  months: readonly string[],
  nowSeconds: number,
): Promise<LeadRecord[]> {
  const leads: LeadRecord[] = [];

  for (const month of months) {
    let startKey: Record<string, unknown> | undefined;
    do {
      const output = await sendQuery(db, {
        TableName: db.table,
        IndexName: indexName,
        ScanIndexForward: false,
        KeyConditionExpression: "gsi1pk = :month",
        FilterExpression: "expiresAt > :now AND delivery.#status = :status",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: {
          ":month": `${keyPrefixes.leadMonth}${month}`,
          ":now": nowSeconds,
          ":status": status,
        },
        ExclusiveStartKey: startKey,
      });
      leads.push(...(output.Items ?? []).map(fromItem));
      startKey = output.LastEvaluatedKey;
    } while (startKey);
  }
  return leads;
}

async function sendQuery(
  db: Db,
  input: ConstructorParameters<typeof QueryCommand>[0],
) {
  try {
    return await db.documents.send(new QueryCommand(input));
  } catch (error) {
    throw toStoreError("Query", error);
  }
}

/**
 * Every month bucket from `to`'s back to `from`'s, newest first. Both
 * are ISO dates or times; only their `YYYY-MM` counts.
 *
 * @example
 * monthsBetween("2026-11-30", "2027-01-02"); // 2027-01, 2026-12, 2026-11
 */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let year = Number(to.slice(0, 4));
  let month = Number(to.slice(5, 7));
  const first = from.slice(0, 7);

  for (;;) {
    const bucket = `${pad(year, 4)}-${pad(month, 2)}`;
    if (bucket < first) return months;
    months.push(bucket);
    month -= 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
  }
}

const pad = (value: number, digits: number) =>
  String(value).padStart(digits, "0");

/* ---- the cursor: opaque to clients, checked strictly on return ---- */

const sortKeyPattern =
  /^(\d{4}-\d{2})-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z#[0-9a-f-]{36}$/;
const uuidPattern =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function encodeCursor(cursor: Cursor): string {
  const parts = [cursor.sortKey, cursor.assessmentId];
  return Buffer.from(JSON.stringify(parts), "utf8").toString("base64url");
}

/**
 * True when `listLeads` made this cursor. A cursor becomes a key for
 * the engine, so anything else is refused before it gets there.
 */
export function isLeadCursor(text: string): boolean {
  try {
    decodeCursor(text);
    return true;
  } catch {
    return false;
  }
}

function decodeCursor(text: string): Cursor {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    throw new InvalidLeadCursorError();
  }

  if (!Array.isArray(parts) || parts.length !== 2) {
    throw new InvalidLeadCursorError();
  }
  const [sortKey, assessmentId] = parts as unknown[];
  const month =
    typeof sortKey === "string" ? sortKeyPattern.exec(sortKey)?.[1] : undefined;
  if (
    !month ||
    typeof assessmentId !== "string" ||
    !uuidPattern.test(assessmentId)
  ) {
    throw new InvalidLeadCursorError();
  }
  return { month, sortKey: sortKey as string, assessmentId };
}

/* ---- items ---- */

function sortKeyOf(lead: LeadRecord): string {
  return `${lead.createdAt}#${lead.id}`;
}

function toItem(lead: LeadRecord): Record<string, unknown> {
  return {
    ...leadKey(lead.assessmentId),
    gsi1pk: `${keyPrefixes.leadMonth}${leadMonth(lead.createdAt)}`,
    gsi1sk: sortKeyOf(lead),
    kind: "lead",
    ...lead,
  };
}

function fromItem(item: Record<string, unknown>): LeadRecord {
  return {
    id: item.id as string,
    assessmentId: item.assessmentId as string,
    createdAt: item.createdAt as string,
    expiresAt: Number(item.expiresAt),
    name: item.name as string,
    email: item.email as string,
    company: item.company as string,
    role: item.role as string,
    companySize: item.companySize as CompanySize,
    interest: item.interest as LeadInterest,
    consentedAt: item.consentedAt as string,
    context: (item.context as LeadContext | undefined) ?? {},
    scores: item.scores as LeadScores,
    requestHash: item.requestHash as string,
    delivery: item.delivery as LeadDeliveryState,
  };
}

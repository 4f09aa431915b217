import type { Submission } from "../../core/submission.ts";
import type { KeyValueStorage } from "../browser-storage.ts";
import { isRecord, parseJson } from "../json.ts";

/** The localStorage key of this browser's submissions. */
export const submissionsKey = "ira:submissions:v1";

/**
 * What this browser knows about one submission, by assessment id:
 * waiting to be stored (with the whole request, so it survives a
 * closed tab), stored (with the deletion token when the server gave
 * one), refused by the server, or deleted by the person.
 */
export type SubmissionRecord =
  | { state: "pending"; submission: Submission }
  | { state: "stored"; createdAt: string; deletionToken?: string }
  | { state: "failed"; message: string }
  | { state: "deleted" };

export type SubmissionRecords = Readonly<Record<string, SubmissionRecord>>;

/**
 * Reads the records, skipping any that are not well formed; anything
 * on this origin can write to localStorage.
 *
 * @example
 * const pending = Object.values(readRecords(storage))
 *   .filter((record) => record.state === "pending");
 */
export function readRecords(storage: KeyValueStorage): SubmissionRecords {
  const parsed = parseJson(storage.read(submissionsKey));
  if (!isRecord(parsed)) return {};

  const records: Record<string, SubmissionRecord> = {};
  for (const [id, value] of Object.entries(parsed)) {
    if (isSubmissionRecord(value)) records[id] = value;
  }
  return records;
}

/** Saves one record, or forgets it when `record` is undefined. */
export function writeRecord(
  storage: KeyValueStorage,
  id: string,
  record: SubmissionRecord | undefined,
): SubmissionRecords {
  // Read again first: another tab may have written since we last did.
  const { [id]: _old, ...others } = readRecords(storage);
  const records = record ? { ...others, [id]: record } : others;
  storage.write(submissionsKey, JSON.stringify(records));
  return records;
}

/** True when a submission is waiting to be stored. */
export function hasPendingSubmission(storage: KeyValueStorage): boolean {
  const records = Object.values(readRecords(storage));
  return records.some((record) => record.state === "pending");
}

function isSubmissionRecord(value: unknown): value is SubmissionRecord {
  if (!isRecord(value)) return false;

  switch (value.state) {
    case "pending":
      return isRecord(value.submission) && isRecord(value.submission.answers);
    case "stored":
      return (
        typeof value.createdAt === "string" &&
        ["string", "undefined"].includes(typeof value.deletionToken)
      );
    case "failed":
      return typeof value.message === "string";
    case "deleted":
      return true;
    default:
      return false;
  }
}

import type { Content } from "../../src/core/content/schema.ts";
import { scoreAssessment } from "../../src/core/scoring/score-assessment.ts";
import type {
  CreatedAssessment,
  StoredAssessment,
  Submission,
} from "../../src/core/submission.ts";
import { HttpError } from "../errors.ts";
import type { AssessmentRecord, Store } from "../store/store.ts";
import {
  AssessmentExistsError,
  AssessmentNotFoundError,
} from "../store/store-errors.ts";
import { hashAnswers } from "./answers-hash.ts";
import { createDeletionToken, deletionTokenMatches } from "./deletion-token.ts";

export interface AssessmentServiceDeps {
  content: Content;
  store: Store;
  retentionDays: number;
  now: () => Date;
}

/** What a POST did: stored it now (201) or had it already (200). */
export type CreateOutcome =
  | { status: 201; assessment: CreatedAssessment }
  | { status: 200; assessment: StoredAssessment };

export interface AssessmentService {
  create(submission: Submission): Promise<CreateOutcome>;
  get(id: string): Promise<StoredAssessment>;
  delete(id: string, deletionToken: string | undefined): Promise<void>;
}

const secondsPerDay = 86_400;

/**
 * The use cases behind the assessment routes: score and store a
 * submission exactly once, read it back, delete it with its token.
 * The score is always recomputed here; a client's score is never
 * trusted.
 */
export function createAssessmentService(
  deps: AssessmentServiceDeps,
): AssessmentService {
  return {
    create: (submission) => createAssessment(deps, submission),
    get: (id) => readAssessment(deps, id),
    delete: (id, token) => deleteAssessment(deps, id, token),
  };
}

/*
 * Idempotent with one conditional write, since the local engine has no
 * transactions: the first writer wins, and every later writer reads
 * what the first stored and compares the answers' hash.
 */
async function createAssessment(
  deps: AssessmentServiceDeps,
  submission: Submission,
): Promise<CreateOutcome> {
  const now = deps.now();
  const { token, hash } = createDeletionToken();
  const record = buildRecord(deps, submission, now, hash);

  try {
    await deps.store.putAssessment(record, epochSeconds(now));
    const stored = toStoredAssessment(record);
    return { status: 201, assessment: { ...stored, deletionToken: token } };
  } catch (error) {
    if (!(error instanceof AssessmentExistsError)) throw error;
  }

  const existing = await deps.store.getAssessment(record.id, epochSeconds(now));
  if (existing?.answersHash !== record.answersHash) {
    throw new HttpError(
      409,
      "conflict",
      "This id is already stored with different answers.",
    );
  }
  return { status: 200, assessment: toStoredAssessment(existing) };
}

async function readAssessment(
  deps: AssessmentServiceDeps,
  id: string,
): Promise<StoredAssessment> {
  const record = await deps.store.getAssessment(id, epochSeconds(deps.now()));
  if (!record) throw new AssessmentNotFoundError(id);
  return toStoredAssessment(record);
}

async function deleteAssessment(
  deps: AssessmentServiceDeps,
  id: string,
  token: string | undefined,
): Promise<void> {
  const record = await deps.store.getAssessment(id, epochSeconds(deps.now()));
  if (!record) throw new AssessmentNotFoundError(id);

  if (!token || !deletionTokenMatches(token, record.deletionTokenHash)) {
    throw new HttpError(
      403,
      "forbidden",
      "The deletion token is missing or wrong.",
    );
  }
  await deps.store.deleteAssessment(id, record.deletionTokenHash);
}

function buildRecord(
  deps: AssessmentServiceDeps,
  submission: Submission,
  now: Date,
  deletionTokenHash: string,
): AssessmentRecord {
  const { id, contentVersion, answers, context } = submission;
  return {
    id,
    contentVersion,
    createdAt: now.toISOString(),
    expiresAt: epochSeconds(now) + deps.retentionDays * secondsPerDay,
    answers,
    result: scoreAssessment(deps.content, answers),
    context,
    answersHash: hashAnswers(contentVersion, answers),
    deletionTokenHash,
  };
}

function toStoredAssessment(record: AssessmentRecord): StoredAssessment {
  const { id, contentVersion, createdAt, answers, result, context } = record;
  return {
    id,
    contentVersion,
    createdAt,
    expiresAt: new Date(record.expiresAt * 1000).toISOString(),
    answers,
    result,
    ...(context ? { context } : {}),
  };
}

function epochSeconds(time: Date): number {
  return Math.floor(time.getTime() / 1000);
}

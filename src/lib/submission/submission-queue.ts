import type { Answers } from "../../core/scoring/answers.ts";
import {
  createSubmissionSchema,
  type StoredAssessment,
  type SubmissionContext,
} from "../../core/submission.ts";
import { content } from "../../generated/content.ts";
import type { KeyValueStorage } from "../browser-storage.ts";
import {
  AssessmentsApiError,
  createAssessment,
  deleteAssessment,
} from "./assessments-api.ts";
import { retryDelay } from "./retry-delay.ts";
import {
  readRecords,
  submissionsKey,
  writeRecord,
  type SubmissionRecords,
} from "./submission-records.ts";

/* Built on the first submit, not at load: a zod schema compiles. */
let schema: ReturnType<typeof createSubmissionSchema> | undefined;
const submissionSchema = () => (schema ??= createSubmissionSchema(content));

/** What the queue knows, replaced as a whole on every change. */
export interface QueueSnapshot {
  records: SubmissionRecords;
  /** Failed attempts in this visit, by id, while still pending. */
  failures: Readonly<Record<string, number>>;
}

/** Finished answers, and the id and context to submit them with. */
export interface AnswersToSubmit {
  id: string;
  answers: Answers;
  context?: SubmissionContext;
}

/**
 * Submits finished assessments in the background and keeps at it until
 * each is stored. See `openSubmissionQueue`.
 */
export interface SubmissionQueue {
  subscribe: (listener: () => void) => () => void;
  getSnapshot: () => QueueSnapshot;
  /** Submits these answers, unless this id was submitted before. */
  submit: (toSubmit: AnswersToSubmit) => void;
  /** Tries a waiting submission now instead of after its delay. */
  retryNow: (id: string) => void;
  /** Deletes a stored result with the token this browser holds. */
  deleteResult: (id: string) => Promise<void>;
  /** Sends what is pending, and listens for the network and other tabs. */
  start: () => void;
  /** Stops every timer and request; what is pending stays stored. */
  stop: () => void;
}

/**
 * Opens the queue of this browser's submissions. Each one is written
 * to storage before the first attempt and is sent under the same id
 * until the server stores it, so a failure, a timeout or a closed tab
 * never loses it and a retry never stores it twice.
 *
 * @example
 * const queue = openSubmissionQueue(openBrowserStorage());
 * queue.start();
 * queue.submit({ id: answers.assessmentId, answers: answers.answers });
 */
export function openSubmissionQueue(storage: KeyValueStorage) {
  const listeners = new Set<() => void>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const requests = new Map<string, AbortController>();
  let snapshot: QueueSnapshot = { records: readRecords(storage), failures: {} };
  let running = false;

  function publish(next: Partial<QueueSnapshot>) {
    snapshot = { ...snapshot, ...next };
    for (const listener of listeners) listener();
  }

  function setFailures(id: string, count: number | undefined) {
    const { [id]: _old, ...others } = snapshot.failures;
    publish({ failures: count ? { ...others, [id]: count } : others });
  }

  async function attempt(id: string) {
    const record = snapshot.records[id];
    if (!running || requests.has(id) || record?.state !== "pending") return;

    clearTimeout(timers.get(id));
    timers.delete(id);
    const request = new AbortController();
    requests.set(id, request);

    try {
      const outcome = await createAssessment(record.submission, request.signal);
      if (request.signal.aborted) return;
      const token =
        outcome.status === 201 ? outcome.assessment.deletionToken : undefined;
      markStored(id, outcome.assessment, token);
    } catch (error) {
      if (!request.signal.aborted) handleFailure(id, error);
    } finally {
      if (requests.get(id) === request) requests.delete(id);
    }
  }

  function markStored(id: string, stored: StoredAssessment, token?: string) {
    // A 200 carries no token; another tab may have the 201's.
    const known = readRecords(storage)[id];
    const deletionToken =
      token ?? (known?.state === "stored" ? known.deletionToken : undefined);
    const { createdAt } = stored;
    const record = { state: "stored" as const, createdAt, deletionToken };
    publish({ records: writeRecord(storage, id, record) });
    setFailures(id, undefined);
  }

  function handleFailure(id: string, error: unknown) {
    if (error instanceof AssessmentsApiError && !error.retryable) {
      const record = { state: "failed" as const, message: refusal(error) };
      publish({ records: writeRecord(storage, id, record) });
      setFailures(id, undefined);
      return;
    }

    const failures = (snapshot.failures[id] ?? 0) + 1;
    setFailures(id, failures);
    const wait =
      error instanceof AssessmentsApiError ? error.retryAfterMs : undefined;
    const timer = setTimeout(
      () => void attempt(id),
      retryDelay(failures, wait),
    );
    timers.set(id, timer);
  }

  function attemptAllPending() {
    for (const [id, record] of Object.entries(snapshot.records)) {
      if (record.state === "pending") void attempt(id);
    }
  }

  function followOtherTabs(event: StorageEvent) {
    if (event.key !== submissionsKey) return;
    publish({ records: readRecords(storage) });
    attemptAllPending();
  }

  function retryAllNow() {
    attemptAllPending();
  }

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    getSnapshot: () => snapshot,

    submit({ id, answers, context }) {
      const records = readRecords(storage);
      if (records[id]) {
        publish({ records });
        void attempt(id);
        return;
      }

      const parsed = submissionSchema().safeParse({
        id,
        contentVersion: content.version,
        answers,
        ...(context && { context }),
      });
      const record = parsed.success
        ? { state: "pending" as const, submission: parsed.data }
        : { state: "failed" as const, message: invalidAnswers };
      publish({ records: writeRecord(storage, id, record) });
      void attempt(id);
    },

    retryNow(id) {
      void attempt(id);
    },

    async deleteResult(id) {
      const record = snapshot.records[id];
      if (record?.state !== "stored" || !record.deletionToken) {
        throw new AssessmentsApiError(noToken, 403, "forbidden");
      }

      await deleteAssessment(id, record.deletionToken);
      publish({ records: writeRecord(storage, id, { state: "deleted" }) });
    },

    start() {
      if (running) return;
      running = true;
      window.addEventListener("online", retryAllNow);
      window.addEventListener("storage", followOtherTabs);
      attemptAllPending();
    },

    stop() {
      running = false;
      window.removeEventListener("online", retryAllNow);
      window.removeEventListener("storage", followOtherTabs);
      for (const timer of timers.values()) clearTimeout(timer);
      for (const request of requests.values()) request.abort();
      timers.clear();
      requests.clear();
    },
  } satisfies SubmissionQueue;
}

const invalidAnswers =
  "These answers do not fit the current questions, so they cannot be saved.";
const noToken = "This browser does not hold the key to delete this result.";

/** Why the server refused a submission, in the person's words. */
function refusal(error: AssessmentsApiError) {
  if (error.code === "unknown_content_version") {
    return "The questions have changed since this page was loaded. Reload the page to save your result.";
  }
  return `The server did not accept this result: ${error.message}`;
}

import type {
  CreatedAssessment,
  StoredAssessment,
  Submission,
} from "../../core/submission.ts";
import { isRecord } from "../json.ts";

/** How long one request may take before it counts as failed. */
const requestTimeoutMs = 10_000;

/**
 * A request to the results API that did not succeed. `retryable` says
 * whether the same request may succeed later: the network, a timeout,
 * 408, 429 and 5xx. Any other answer will not change by asking again.
 */
export class AssessmentsApiError extends Error {
  override name = "AssessmentsApiError";

  constructor(
    message: string,
    /** The HTTP status; undefined when no answer arrived. */
    readonly status: number | undefined,
    /** The API's error code, or `network` or `timeout`. */
    readonly code: string,
    /** How long the server asked us to wait, from `Retry-After`. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }

  get retryable(): boolean {
    const { status } = this;
    if (status === undefined) return this.code !== "aborted";
    return status === 408 || status === 429 || status >= 500;
  }
}

/** What `POST /api/assessments` gave back. */
export type CreateOutcome =
  | { status: 201; assessment: CreatedAssessment }
  | { status: 200; assessment: StoredAssessment };

/**
 * Submits finished answers. A 200 means this id was already stored
 * with these answers, which is as good as a 201 but has no token.
 *
 * @example
 * const outcome = await createAssessment(submission);
 * if (outcome.status === 201) keep(outcome.assessment.deletionToken);
 */
export async function createAssessment(
  submission: Submission,
  signal?: AbortSignal,
): Promise<CreateOutcome> {
  const response = await send("/api/assessments", signal, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(submission),
  });
  if (response.status !== 201 && response.status !== 200) {
    throw await errorFrom(response);
  }

  const assessment = await readStored(response);
  return response.status === 201
    ? { status: 201, assessment: assessment as CreatedAssessment }
    : { status: 200, assessment };
}

/**
 * Reads a stored result. A result that was never stored, was deleted
 * or has expired fails with status 404.
 *
 * @example
 * const stored = await readAssessment(id);
 */
export async function readAssessment(
  id: string,
  signal?: AbortSignal,
): Promise<StoredAssessment> {
  const response = await send(assessmentPath(id), signal);
  if (response.status !== 200) throw await errorFrom(response);
  return readStored(response);
}

/**
 * Deletes a stored result with the token from its 201 answer. A result
 * that is already gone counts as deleted.
 *
 * @example
 * await deleteAssessment(id, token);
 */
export async function deleteAssessment(
  id: string,
  token: string,
): Promise<void> {
  const response = await send(assessmentPath(id), undefined, {
    method: "DELETE",
    headers: { authorization: `Bearer ${token}` },
  });
  if (response.status !== 204 && response.status !== 404) {
    throw await errorFrom(response);
  }
}

function assessmentPath(id: string) {
  return `/api/assessments/${encodeURIComponent(id)}`;
}

/*
 * One controller carries both the caller's cancel and our timeout:
 * AbortSignal.any is too new for some of the browsers we support.
 */
async function send(
  path: string,
  signal: AbortSignal | undefined,
  init: RequestInit = {},
): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), requestTimeoutMs);
  const cancel = () => controller.abort();
  signal?.addEventListener("abort", cancel);

  try {
    return await fetch(path, { ...init, signal: controller.signal });
  } catch {
    if (signal?.aborted) {
      throw new AssessmentsApiError("Cancelled.", undefined, "aborted");
    }
    const timedOut = controller.signal.aborted;
    throw new AssessmentsApiError(
      timedOut ? "The server took too long to answer." : "No connection.",
      undefined,
      timedOut ? "timeout" : "network",
    );
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", cancel);
  }
}

async function errorFrom(response: Response): Promise<AssessmentsApiError> {
  const body: unknown = await response.json().catch(() => undefined);
  const error = isRecord(body) && isRecord(body.error) ? body.error : {};
  const message =
    typeof error.message === "string"
      ? error.message
      : `The server answered ${response.status}.`;
  const code = typeof error.code === "string" ? error.code : "http_error";
  const wait = parseRetryAfter(response.headers.get("retry-after"));
  return new AssessmentsApiError(message, response.status, code, wait);
}

/**
 * `Retry-After` in milliseconds from now, given in seconds or as an
 * HTTP date; undefined when absent or unreadable.
 */
export function parseRetryAfter(
  value: string | null,
  now = Date.now(),
): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;

  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

async function readStored(response: Response): Promise<StoredAssessment> {
  const body: unknown = await response.json().catch(() => undefined);
  if (!isStoredAssessment(body)) {
    throw new AssessmentsApiError(
      "The server's answer could not be read.",
      response.status,
      "unreadable_answer",
    );
  }
  return body;
}

function isStoredAssessment(value: unknown): value is StoredAssessment {
  if (!isRecord(value) || !isRecord(value.result)) return false;
  const { result } = value;
  return (
    typeof value.id === "string" &&
    typeof value.createdAt === "string" &&
    isRecord(result.overall) &&
    Array.isArray(result.areas) &&
    Array.isArray(result.recommendations)
  );
}

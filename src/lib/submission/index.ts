/**
 * Saving results to the server, and what the screens need to know
 * about it.
 *
 * When every question has an answer, the results screen calls
 * `useSubmitAnswers()`. The answers are written to localStorage as a
 * pending submission and sent to `POST /api/assessments` under the
 * assessment id kept with the saved answers. Failures are retried with
 * backoff in this visit and again on the next one; a retry reuses the
 * id, so the server never stores the same assessment twice.
 *
 * `useSubmission(id?)` says where a submission stands, for the current
 * answers or for another id. It returns a `SubmissionState`:
 * - `status`: `"idle" | "saving" | "retrying" | "stored" | "failed" |
 *   "deleted"` (see `SubmissionStatus`);
 * - `assessmentId`: the id the answers are submitted under;
 * - `shareUrl`: the full `/results/<id>` address, once stored;
 * - `message`: why the server refused it, when `failed`;
 * - `canDelete`: whether this browser holds the deletion token;
 * - `retryNow()`: sends a waiting submission at once;
 * - `deleteResult()`: deletes the stored result with the token.
 *
 * `SubmissionProvider` runs the queue; the app puts it around every
 * screen.
 *
 * @example
 * function LeadForm() {
 *   const { status, assessmentId } = useSubmission();
 *   if (status !== "stored") return null;
 *   return <form>… sent with {assessmentId} …</form>;
 * }
 */
export { SubmissionProvider } from "./submission-provider.tsx";
export {
  useSubmission,
  useSubmitAnswers,
  type SubmissionState,
  type SubmissionStatus,
} from "./use-submission.ts";

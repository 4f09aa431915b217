import { useEffect, useSyncExternalStore } from "react";

import { useAnswers, useAnswerSelector } from "../answer-store.tsx";
import { paths } from "../paths.ts";
import { useSubmissionHub } from "./submission-provider.tsx";
import type { QueueSnapshot } from "./submission-queue.ts";

/**
 * Where a submission stands:
 * - `idle`: nothing submitted under this id (yet);
 * - `saving`: the first attempt is under way;
 * - `retrying`: an attempt failed; another follows by itself;
 * - `stored`: the server holds the result, and the share link works;
 * - `failed`: the server refused it; asking again will not help;
 * - `deleted`: the person deleted it.
 */
export type SubmissionStatus =
  "idle" | "saving" | "retrying" | "stored" | "failed" | "deleted";

/** One submission as the screens show it. */
export interface SubmissionState {
  status: SubmissionStatus;
  assessmentId: string;
  /** The address of the shared result, once stored. */
  shareUrl?: string;
  /** Why it failed, in plain words, when `status` is `failed`. */
  message?: string;
  /** True when this browser holds the token that deletes it. */
  canDelete: boolean;
  /** Tries a waiting submission now rather than after its delay. */
  retryNow: () => void;
  /** Deletes the stored result; rejects with the reason on failure. */
  deleteResult: () => Promise<void>;
}

const noSnapshot: QueueSnapshot = { records: {}, failures: {} };
const noSubscription = () => () => undefined;

/**
 * Where the submission of an assessment stands: by default the one
 * whose answers this browser holds, or another by its id.
 *
 * @example
 * const { status, shareUrl } = useSubmission();
 * if (status === "stored") return <a href={shareUrl}>Share</a>;
 */
export function useSubmission(id?: string): SubmissionState {
  const hub = useSubmissionHub();
  const ownId = useAnswerSelector((state) => state.assessmentId);
  const assessmentId = id ?? ownId;
  const { queue, want } = hub;

  useEffect(want, [want]);
  const snapshot = useSyncExternalStore(
    queue?.subscribe ?? noSubscription,
    queue?.getSnapshot ?? (() => noSnapshot),
  );

  const record = snapshot.records[assessmentId];
  const failures = snapshot.failures[assessmentId] ?? 0;
  const stored = record?.state === "stored" ? record : undefined;

  return {
    status: statusOf(record?.state, failures, hub.unavailable),
    assessmentId,
    shareUrl: stored && shareUrlOf(assessmentId),
    message: record?.state === "failed" ? record.message : undefined,
    canDelete: Boolean(stored?.deletionToken),
    retryNow: () => {
      if (queue) queue.retryNow(assessmentId);
      else hub.retryLoad();
    },
    deleteResult: async () => {
      if (!queue) throw new Error("The results service is not loaded.");
      await queue.deleteResult(assessmentId);
    },
  };
}

function statusOf(
  state: string | undefined,
  failures: number,
  unavailable: boolean,
): SubmissionStatus {
  switch (state) {
    case "pending":
      return failures > 0 || unavailable ? "retrying" : "saving";
    case "stored":
    case "failed":
    case "deleted":
      return state;
    default:
      return unavailable ? "retrying" : "idle";
  }
}

/** The full address of a shared result, for copying. */
function shareUrlOf(id: string) {
  return new URL(paths.sharedResult(id), window.location.origin).href;
}

/**
 * Submits the answers this browser holds, in the background. The
 * results screen calls it once every question has an answer; the
 * queue sends each assessment id once, however often this runs.
 */
export function useSubmitAnswers() {
  const { queue, want } = useSubmissionHub();
  const { assessmentId, answers, context } = useAnswers();

  useEffect(want, [want]);
  useEffect(() => {
    queue?.submit({ id: assessmentId, answers, context });
  }, [queue, assessmentId, answers, context]);
}

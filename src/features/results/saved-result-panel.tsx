import { useRef, useState } from "react";

import { paths } from "../../lib/paths.ts";
import { Link } from "../../lib/router.tsx";
import {
  useSubmission,
  type SubmissionState,
} from "../../lib/submission/index.ts";
import { DeleteResult } from "./delete-result.tsx";

/**
 * Where saving the result stands, said politely as it changes: saving,
 * saved with its share link, waiting to try again, refused, or deleted.
 * The status region is in the page from the start, so screen readers
 * announce each change.
 */
export function SavedResultPanel() {
  const submission = useSubmission();
  const status = useRef<HTMLParagraphElement>(null);
  const { shareUrl } = submission;

  return (
    <div className="saved-result card">
      <p role="status" ref={status} tabIndex={-1}>
        <StatusText submission={submission} />
      </p>
      <div className="actions">
        {shareUrl && <CopyLinkButton url={shareUrl} />}
        {submission.status === "retrying" && (
          <button
            type="button"
            className="button"
            onClick={submission.retryNow}
          >
            Try now
          </button>
        )}
        {submission.canDelete && (
          <DeleteResult
            onDelete={submission.deleteResult}
            onDeleted={() => status.current?.focus()}
          />
        )}
      </div>
    </div>
  );
}

function StatusText({ submission }: { submission: SubmissionState }) {
  const { shareUrl, message, assessmentId } = submission;

  switch (submission.status) {
    case "idle":
    case "saving":
      return "Saving your result…";
    case "retrying":
      return "Not saved yet; we will keep trying.";
    case "stored":
      return (
        <>
          Saved. Share link:{" "}
          <Link to={paths.sharedResult(assessmentId)}>{shareUrl}</Link>
        </>
      );
    case "failed":
      return `Not saved. ${message} Your result stays in this browser.`;
    case "deleted":
      return "Your result was deleted from our server. The share link no longer works.";
  }
}

/** Copies the share link, and says whether that worked. */
function CopyLinkButton({ url }: { url: string }) {
  const [copied, setCopied] = useState<"yes" | "no">();

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied("yes");
    } catch {
      setCopied("no");
    }
  }

  return (
    <>
      <button type="button" className="button" onClick={() => void copy()}>
        Copy share link
      </button>
      <span role="status" className="copy-note">
        {copied === "yes" && "Link copied."}
        {copied === "no" && "Could not copy; select the link and copy it."}
      </span>
    </>
  );
}

import { useRef, useState } from "react";

interface DeleteResultProps {
  /** Deletes the stored result; rejects with the reason. */
  onDelete: () => Promise<void>;
  /** Runs after the result is gone, to move focus to what says so. */
  onDeleted?: () => void;
}

type Step = "asking" | "confirming" | "deleting" | "failed";

/**
 * "Delete my result": asks first, in the page, because a deleted result
 * cannot be brought back, then deletes it with this browser's token.
 */
export function DeleteResult({ onDelete, onDeleted }: DeleteResultProps) {
  const [step, setStep] = useState<Step>("asking");
  const [reason, setReason] = useState("");
  const start = useRef<HTMLButtonElement>(null);

  function cancel() {
    setStep("asking");
    requestAnimationFrame(() => start.current?.focus());
  }

  async function confirm() {
    setStep("deleting");
    try {
      await onDelete();
      onDeleted?.();
    } catch (error) {
      setReason(error instanceof Error ? error.message : String(error));
      setStep("failed");
    }
  }

  if (step === "asking") {
    return (
      <button
        ref={start}
        type="button"
        className="button"
        onClick={() => setStep("confirming")}
      >
        Delete my result
      </button>
    );
  }

  return (
    <div role="group" aria-labelledby="delete-question" className="confirm">
      <p id="delete-question">
        Delete your result from our server? The share link will stop working.
        Your answers stay in this browser.
      </p>
      {step === "failed" && (
        <p role="alert" className="warning">
          The result could not be deleted: {reason} Please try again.
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="button danger"
          onClick={() => void confirm()}
          disabled={step === "deleting"}
        >
          {step === "deleting" ? "Deleting…" : "Yes, delete it"}
        </button>
        <button type="button" className="button" onClick={cancel} autoFocus>
          Keep it
        </button>
      </div>
    </div>
  );
}

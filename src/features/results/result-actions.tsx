import { useRef, useState } from "react";

import { useAnswerStore } from "../../lib/answer-store.tsx";
import { paths } from "../../lib/paths.ts";
import { navigate } from "../../lib/router.tsx";

/** What a person can do with their result: print it, or start again. */
export function ResultActions({ answered }: { answered: number }) {
  return (
    <div className="result-actions">
      <button
        type="button"
        className="button primary"
        onClick={() => window.print()}
      >
        Print or save as PDF
      </button>
      <RetakeControl answered={answered} />
    </div>
  );
}

/** Retake asks first, in the page, because it clears every answer. */
function RetakeControl({ answered }: { answered: number }) {
  const store = useAnswerStore();
  const [confirming, setConfirming] = useState(false);
  const retake = useRef<HTMLButtonElement>(null);

  function cancel() {
    setConfirming(false);
    requestAnimationFrame(() => retake.current?.focus());
  }

  function clearAndRestart() {
    store.clear();
    navigate(paths.question(1));
  }

  if (!confirming) {
    return (
      <button
        ref={retake}
        type="button"
        className="button"
        onClick={() => setConfirming(true)}
      >
        Retake the assessment
      </button>
    );
  }

  return (
    <div role="group" aria-labelledby="retake-question" className="confirm">
      <p id="retake-question">
        Clear all {answered} answers and start again? This cannot be undone.
      </p>
      <div className="actions">
        <button
          type="button"
          className="button danger"
          onClick={clearAndRestart}
        >
          Yes, clear my answers
        </button>
        <button type="button" className="button" onClick={cancel} autoFocus>
          Keep my answers
        </button>
      </div>
    </div>
  );
}

import { useEffect, useState } from "react";

import { useAnswerSelector, useAnswerStore } from "../lib/answer-store.tsx";

/**
 * Tells the person, politely, that answers saved under older content
 * were carried over. The status region is in the page before its text
 * arrives, because screen readers only announce changes to a region
 * they already know. It floats over the page so nothing below moves.
 */
export function SavedAnswersNotice() {
  const notice = useAnswerSelector((state) => state.notice);
  const store = useAnswerStore();
  const [announced, setAnnounced] = useState<string>();

  useEffect(() => {
    const timer = window.setTimeout(() => setAnnounced(notice), 100);
    return () => window.clearTimeout(timer);
  }, [notice]);

  const text = notice !== undefined && announced === notice ? notice : "";

  return (
    <div className={text ? "notice" : "notice empty"}>
      <p role="status">{text}</p>
      {text && (
        <button
          type="button"
          className="button"
          onClick={() => store.dismissNotice()}
        >
          Dismiss message
        </button>
      )}
    </div>
  );
}

import { useState, type ReactNode } from "react";

import { LoadingMessage } from "../../components/loading-message.tsx";
import {
  useSubmission,
  type SubmissionStatus,
} from "../../lib/submission/index.ts";
import { LeadPanel } from "./lead-panel.tsx";
import { readRememberedLead } from "./remembered-lead.ts";
import { useLeadSettings } from "./use-lead-settings.ts";

export interface LeadGateProps {
  /** The result itself: scores, charts and recommendations. */
  children: ReactNode;
}

/**
 * Places the lead form around a result. With `form-first` the result
 * stays hidden until this browser has given its details; otherwise the
 * form sits below the result. A result that could not be saved, or was
 * deleted, is never held back and gets no form: no lead could be sent.
 */
export function LeadGate({ children }: LeadGateProps) {
  const { status: saveStatus, assessmentId } = useSubmission();
  const settings = useLeadSettings();
  const [knownAtStart] = useState(() => readRememberedLead() !== null);
  const [sent, setSent] = useState(false);

  if (!settings) return <LoadingMessage />;
  if (unsendable(saveStatus)) return children;

  const formFirst = settings.leadGate === "form-first" && !knownAtStart;
  const locked = formFirst && !sent;
  const panel = (
    <LeadPanel
      assessmentId={assessmentId}
      saveStatus={saveStatus}
      gated={locked}
      onSent={() => setSent(true)}
    />
  );

  return formFirst ? (
    <>
      {panel}
      {locked ? null : children}
    </>
  ) : (
    <>
      {children}
      {panel}
    </>
  );
}

function unsendable(status: SubmissionStatus) {
  return status === "failed" || status === "deleted";
}

import { waitingText, type LeadSending } from "./use-lead-sending.ts";

/**
 * Where a lead's sending stands, under the button that sends it: a
 * polite status while it waits for the result, an alert when it failed.
 */
export function SendingStatus({ sending }: { sending: LeadSending }) {
  return (
    <>
      <p role="status" className="form-status">
        {sending.waiting ? waitingText : ""}
      </p>
      {sending.problem && (
        <p role="alert" className="form-error">
          {sending.problem}
        </p>
      )}
    </>
  );
}

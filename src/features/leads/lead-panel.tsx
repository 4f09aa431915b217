import { useEffect, useRef, useState } from "react";

import {
  minimumFormMs,
  type LeadFormValues,
} from "../../core/leads/lead-schema.ts";
import { LeadForm } from "./lead-form.tsx";
import { sizeLabels } from "./lead-fields.tsx";
import { SendingStatus } from "./sending-status.tsx";
import {
  forgetRememberedLead,
  readRememberedLead,
  type RememberedLead,
} from "./remembered-lead.ts";
import { useLeadSending, type SaveStatus } from "./use-lead-sending.ts";

interface LeadPanelProps {
  assessmentId: string | undefined;
  saveStatus: SaveStatus;
  /** True while the result waits behind the form. */
  gated: boolean;
  onSent: () => void;
}

type View = "form" | "offer" | "sent" | "known";

/**
 * The lead section under (or before) a result: the form for a new
 * person, a one-click offer for someone this browser already knows,
 * and a thank-you once the details are in.
 */
export function LeadPanel(props: LeadPanelProps) {
  const { assessmentId } = props;
  const [remembered, setRemembered] = useState(() => readRememberedLead());
  const [view, setView] = useState<View>(() =>
    initialView(remembered, assessmentId),
  );
  const thanks = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (view === "sent") thanks.current?.focus();
  }, [view]);

  function sent() {
    setRemembered(readRememberedLead());
    setView("sent");
    props.onSent();
  }

  function forget() {
    forgetRememberedLead();
    setRemembered(null);
    setView("form");
  }

  if (view === "form") {
    return (
      <section aria-labelledby="lead-heading" className="card lead-panel">
        <h2 id="lead-heading">Leave your details</h2>
        <p>
          {props.gated
            ? "Your result is ready. Leave your details to see it, and we will send you the full report or arrange a call with an architect."
            : "Get the full report by email, or talk to one of our architects about your result."}
        </p>
        <LeadForm
          assessmentId={assessmentId}
          saveStatus={props.saveStatus}
          prefill={remembered?.details}
          onSent={sent}
        />
      </section>
    );
  }

  return (
    <section aria-labelledby="lead-heading" className="card lead-panel">
      <h2 id="lead-heading">Your details</h2>
      {view === "offer" && remembered ? (
        <SendAgainOffer
          remembered={remembered}
          assessmentId={assessmentId}
          saveStatus={props.saveStatus}
          onSent={sent}
          onChange={() => setView("form")}
        />
      ) : (
        <p ref={thanks} tabIndex={-1} role="status" className="lead-thanks">
          {view === "sent"
            ? "Thanks — we will be in touch."
            : "We have your details for this result. Thanks — we will be in touch."}
        </p>
      )}
      {remembered && (
        <p>
          <button type="button" className="button" onClick={forget}>
            Forget my details
          </button>
        </p>
      )}
    </section>
  );
}

function initialView(
  remembered: RememberedLead | null,
  assessmentId: string | undefined,
): View {
  if (!remembered) return "form";
  if (assessmentId && remembered.sentFor.includes(assessmentId)) return "known";
  return "offer";
}

interface SendAgainOfferProps {
  remembered: RememberedLead;
  assessmentId: string | undefined;
  saveStatus: SaveStatus;
  onSent: (details: LeadFormValues) => void;
  onChange: () => void;
}

/*
 * One click sends this result with the details given last time. They
 * were typed in an earlier visit, which took a person at least the
 * form's minimum time; without counting it, a quick click here would
 * look like a bot's and the lead would be dropped.
 */
function SendAgainOffer(props: SendAgainOfferProps) {
  const { details } = props.remembered;
  const sending = useLeadSending({
    assessmentId: props.assessmentId,
    saveStatus: props.saveStatus,
    onSent: props.onSent,
    earlierMs: minimumFormMs,
  });

  return (
    <>
      <p>
        We have your details from an earlier visit: {details.name},{" "}
        {details.role} at {details.company} ({sizeLabels[details.companySize]}).
      </p>
      <SendingStatus sending={sending} />
      <div className="actions">
        <button
          type="button"
          className="button primary"
          disabled={sending.busy}
          onClick={() => void sending.submit(details)}
        >
          Send my new result too
        </button>
        <button type="button" className="button" onClick={props.onChange}>
          Change my details
        </button>
      </div>
    </>
  );
}

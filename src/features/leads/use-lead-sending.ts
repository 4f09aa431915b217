import { useEffect, useEffectEvent, useRef, useState } from "react";

import type { LeadFormValues } from "../../core/leads/lead-schema.ts";
import type { SubmissionStatus } from "../../lib/submission/index.ts";
import { sendLead, type FieldIssue, type LeadOutcome } from "./lead-api.ts";
import { leadIdFor, rememberLead } from "./remembered-lead.ts";

/** Where the background save of the result stands. */
export type SaveStatus = SubmissionStatus;

export interface LeadSendingOptions {
  /** The stored result's id; a lead can only be sent once it exists. */
  assessmentId: string | undefined;
  saveStatus: SaveStatus;
  onSent: (details: LeadFormValues) => void;
  /** Shows the server's objections by field; false when none fit. */
  onInvalid?: (issues: FieldIssue[]) => boolean;
  /** The honeypot's value at the moment of sending. */
  readHoneypot?: () => string;
  /** Time already spent on these details before this form was shown. */
  earlierMs?: number;
}

export interface LeadSending {
  submit: (details: LeadFormValues) => Promise<void>;
  /** True while details wait for the result to be saved, or are sent. */
  busy: boolean;
  waiting: boolean;
  problem: string | undefined;
}

/**
 * Sends a lead for a result, once. Details given before the result is
 * saved wait for it; the lead id is kept per result, so a second click,
 * a retry or a reload sends the same lead, which the API stores once.
 *
 * @example
 * const { submit, busy, problem } = useLeadSending({ ... });
 */
export function useLeadSending(options: LeadSendingOptions): LeadSending {
  const { assessmentId, saveStatus } = options;
  const stored = saveStatus === "stored" && assessmentId !== undefined;

  const shownAt = useRef(0);
  const sending = useRef(false);
  const [sendingNow, setSendingNow] = useState(false);
  const [queued, setQueued] = useState<LeadFormValues>();
  const [problem, setProblem] = useState<string>();

  useEffect(() => {
    shownAt.current = Date.now();
  }, []);

  async function send(details: LeadFormValues) {
    if (sending.current || !assessmentId) return;
    sending.current = true;
    setSendingNow(true);
    setProblem(undefined);

    const outcome = await sendLead({
      ...details,
      id: leadIdFor(assessmentId),
      assessmentId,
      website: options.readHoneypot?.() ?? "",
      elapsedMs: elapsedSince(shownAt.current, options.earlierMs),
    });
    sending.current = false;
    setSendingNow(false);

    if (outcome.kind === "accepted" || outcome.kind === "already-sent") {
      rememberLead(details, assessmentId);
      options.onSent(details);
    } else if (
      outcome.kind !== "invalid" ||
      !options.onInvalid?.(outcome.issues)
    ) {
      setProblem(describeProblem(outcome));
    }
  }

  async function submit(details: LeadFormValues) {
    setProblem(undefined);
    if (stored) await send(details);
    else setQueued(details);
  }

  const sendQueued = useEffectEvent((details: LeadFormValues) => {
    setQueued(undefined);
    void send(details);
  });

  // Sent from a timer rather than the effect itself, so the state it
  // changes renders afterwards instead of inside this commit.
  useEffect(() => {
    if (!queued || !stored) return;
    const timer = setTimeout(() => sendQueued(queued), 0);
    return () => clearTimeout(timer);
  }, [queued, stored]);

  // A result that failed to save unmounts the form (see LeadGate), so
  // details that wait here wait only for a save still under way.
  const waiting = queued !== undefined;
  return { submit, busy: sendingNow || waiting, waiting, problem };
}

/** Said while details wait for the result to be saved. */
export const waitingText =
  "Your result is still being saved. Your details will be sent as soon as it is.";

function elapsedSince(start: number, earlierMs = 0) {
  const elapsed = (start > 0 ? Date.now() - start : 0) + earlierMs;
  return Math.min(Math.max(Math.round(elapsed), 0), 86_400_000);
}

function describeProblem(outcome: LeadOutcome) {
  switch (outcome.kind) {
    case "not-stored":
      return (
        "We could not find your saved result, so your details were not " +
        "sent. Reload the page to save it again."
      );
    case "busy":
      return outcome.retryAfterSeconds
        ? `We are busy right now. Please try again in ${outcome.retryAfterSeconds} seconds.`
        : "We are busy right now. Please try again in a minute.";
    case "invalid":
      return "Some of your details were not accepted. Check them and try again.";
    default:
      return (
        "Your details could not be sent. Check your connection and try " +
        "again; nothing is sent twice."
      );
  }
}

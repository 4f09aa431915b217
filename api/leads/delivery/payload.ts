import type {
  LeadContext,
  LeadRecord,
  LeadScores,
} from "../../store/lead-store.ts";

/** The event type of a new lead, as the webhook's body names it. */
export const leadCapturedType = "lead.captured";

/**
 * The body of every webhook call: one captured lead, its scores and its
 * campaign attribution. It is the same on every attempt for a lead, and
 * its `id` is the lead id, which is also the `Idempotency-Key`.
 */
export interface LeadCapturedEvent {
  /** The lead id; a receiver stores each lead once by it. */
  id: string;
  type: typeof leadCapturedType;
  /** ISO time the lead was captured (not the time of this attempt). */
  occurredAt: string;
  lead: {
    id: string;
    assessmentId: string;
    createdAt: string;
    name: string;
    email: string;
    company: string;
    role: string;
    companySize: LeadRecord["companySize"];
    interest: LeadRecord["interest"];
    consentedAt: string;
    /** The overall score and one per area, each with its level's id. */
    scores: LeadScores;
    /** The `utm_*` values and the referrer, where the visit had them. */
    attribution: LeadContext;
  };
}

/**
 * Builds the "lead captured" event for a stored lead. Only fields the
 * person filled in and what the product computed go out; the stored
 * request hash and the delivery state stay behind.
 *
 * @example
 * const body = JSON.stringify(toLeadCapturedEvent(lead));
 */
export function toLeadCapturedEvent(lead: LeadRecord): LeadCapturedEvent {
  return {
    id: lead.id,
    type: leadCapturedType,
    occurredAt: lead.createdAt,
    lead: {
      id: lead.id,
      assessmentId: lead.assessmentId,
      createdAt: lead.createdAt,
      name: lead.name,
      email: lead.email,
      company: lead.company,
      role: lead.role,
      companySize: lead.companySize,
      interest: lead.interest,
      consentedAt: lead.consentedAt,
      scores: lead.scores,
      attribution: lead.context,
    },
  };
}

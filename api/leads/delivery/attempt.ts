import type {
  LeadDeliveryState,
  LeadRecord,
  LeadStore,
} from "../../store/lead-store.ts";
import {
  LeadDeliveryChangedError,
  LeadNotFoundError,
} from "../../store/store-errors.ts";
import { toLeadCapturedEvent } from "./payload.ts";
import { postWebhook, type WebhookTarget } from "./post-webhook.ts";

/** What one attempt needs: the store, the webhook and its limits. */
export interface AttemptDeps {
  store: Pick<LeadStore, "getLead" | "updateLeadDelivery">;
  /** The CRM's webhook; without one every attempt fails. */
  webhook: WebhookTarget | undefined;
  /** The attempt that fails with this number marks the lead dead. */
  maxAttempts: number;
  /** How long the webhook may take to answer. */
  timeoutMs: number;
  now: () => Date;
}

/** Which lead to attempt: the item's key, and the lead id if known. */
export interface LeadRef {
  assessmentId: string;
  /** When given, a lead with another id is left alone. */
  leadId?: string | undefined;
}

/** What an attempt came to, as recorded on the lead. */
export type AttemptOutcome =
  | {
      result: "delivered" | "failed" | "dead-letter";
      leadId: string;
      attempts: number;
      /** Why it failed, in a few words: `HTTP 503`, `timeout`. */
      error?: string;
    }
  | {
      /** Nothing was sent, or what was sent could not be recorded. */
      result: "skipped";
      leadId: string | undefined;
      reason: SkipReason;
    };

/**
 * Why a lead was left alone: it is gone (deleted or expired), it is not
 * pending, or another deliverer recorded an attempt in between.
 */
export type SkipReason = "missing" | "delivered" | "dead-letter" | "changed";

/** The lastError of an attempt made without a webhook to call. */
export const noWebhookError = "no webhook configured";

/**
 * Makes one delivery attempt for a pending lead and records it on the
 * lead item: attempts + 1, when, and either `delivered` or the short
 * reason it failed, turning `dead-letter` at the last allowed attempt.
 * Leads that are gone, delivered or dead are skipped without a call.
 *
 * The record is conditional on the attempts read, so when two
 * deliverers race, only one attempt counts; the receiver sees the same
 * `Idempotency-Key` from both and keeps one.
 *
 * @throws StoreUnavailableError when the store cannot be read or
 * written; the lead then stays as it was, to be tried again.
 * @example
 * const outcome = await attemptDelivery({ assessmentId }, deps);
 * if (outcome.result === "failed") scheduleRetry(outcome.attempts);
 */
export async function attemptDelivery(
  ref: LeadRef,
  deps: AttemptDeps,
): Promise<AttemptOutcome> {
  const lead = await deps.store.getLead(ref.assessmentId);
  if (!lead || (ref.leadId !== undefined && lead.id !== ref.leadId)) {
    return { result: "skipped", leadId: ref.leadId, reason: "missing" };
  }
  if (lead.delivery.status !== "pending") {
    return { result: "skipped", leadId: lead.id, reason: lead.delivery.status };
  }

  const sent = await send(lead, deps);
  const attempts = lead.delivery.attempts + 1;
  const delivery = nextDelivery(sent, attempts, deps);

  try {
    await deps.store.updateLeadDelivery(
      lead.assessmentId,
      delivery,
      lead.delivery.attempts,
    );
  } catch (error) {
    const reason = skipReasonOf(error);
    if (!reason) throw error;
    return { result: "skipped", leadId: lead.id, reason };
  }

  return {
    result: delivery.status === "pending" ? "failed" : delivery.status,
    leadId: lead.id,
    attempts,
    ...(sent.ok ? {} : { error: sent.error }),
  };
}

async function send(lead: LeadRecord, deps: AttemptDeps) {
  if (!deps.webhook) return { ok: false as const, error: noWebhookError };

  return await postWebhook(deps.webhook, {
    idempotencyKey: lead.id,
    body: JSON.stringify(toLeadCapturedEvent(lead)),
    timeoutMs: deps.timeoutMs,
    now: deps.now(),
  });
}

function nextDelivery(
  sent: Awaited<ReturnType<typeof send>>,
  attempts: number,
  deps: AttemptDeps,
): LeadDeliveryState {
  const lastAttemptAt = deps.now().toISOString();
  if (sent.ok) {
    return {
      status: "delivered",
      attempts,
      lastAttemptAt,
      deliveredAt: lastAttemptAt,
    };
  }

  return {
    status: attempts >= deps.maxAttempts ? "dead-letter" : "pending",
    attempts,
    lastAttemptAt,
    lastError: sent.error,
  };
}

/* The lead was deleted during the call, or another deliverer won. */
function skipReasonOf(error: unknown): SkipReason | undefined {
  if (error instanceof LeadNotFoundError) return "missing";
  if (error instanceof LeadDeliveryChangedError) return "changed";
  return undefined;
}

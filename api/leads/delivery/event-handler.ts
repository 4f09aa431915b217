import { z } from "zod";

import type { LeadDeliveryConfig } from "../../config.ts";
import type { Logger } from "../../log.ts";
import type { LeadStore } from "../../store/lead-store.ts";
import { attemptDelivery, type AttemptOutcome } from "./attempt.ts";
import { logOutcome } from "./log-outcome.ts";

/**
 * The "Lead captured" event as EventBridge hands it to the function:
 * the pipe puts only the two ids in its detail, never the lead itself.
 */
export interface LeadCapturedBusEvent {
  id?: string;
  source?: string;
  "detail-type"?: string;
  detail: unknown;
}

/** The part of Lambda's context the handler reads. */
export interface HandlerContext {
  awsRequestId?: string;
}

const detailSchema = z.object({
  leadId: z.uuid(),
  assessmentId: z.uuid(),
});

/**
 * A delivery attempt failed, or the event could not be read. Throwing
 * it fails the invocation, so Lambda retries the event and, after its
 * last retry, sends it to the dead-letter queue.
 */
export class LeadDeliveryFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LeadDeliveryFailedError";
  }
}

export interface DeliveryHandlerDeps {
  store: Pick<LeadStore, "getLead" | "updateLeadDelivery">;
  settings: Pick<LeadDeliveryConfig, "webhook" | "maxAttempts" | "timeoutMs">;
  logger: Logger;
  now?: () => Date;
}

/**
 * Creates the delivery function's handler: one attempt per event,
 * recorded on the lead. It throws when the attempt failed, the last
 * one (which marks the lead `dead-letter`) included, and returns when
 * the lead was delivered or needs nothing (gone, delivered, dead).
 * Without a webhook the attempt is recorded as failed, so the lead
 * reaches the admin's dead letters and can be replayed once one is set.
 *
 * @example
 * export const handler = createDeliveryHandler({ store, settings, logger });
 */
export function createDeliveryHandler(deps: DeliveryHandlerDeps) {
  const attemptDeps = {
    store: deps.store,
    webhook: deps.settings.webhook,
    maxAttempts: deps.settings.maxAttempts,
    timeoutMs: deps.settings.timeoutMs,
    now: deps.now ?? (() => new Date()),
  };

  return async function deliverLead(
    event: LeadCapturedBusEvent,
    context?: HandlerContext,
  ): Promise<AttemptOutcome> {
    const requestId = context?.awsRequestId;
    const detail = detailSchema.safeParse(event?.detail);
    if (!detail.success) {
      deps.logger.error("lead event without lead ids", {
        requestId,
        eventId: event?.id,
      });
      throw new LeadDeliveryFailedError(
        "The event's detail is not { leadId, assessmentId }.",
      );
    }

    const outcome = await attemptDelivery(detail.data, attemptDeps);
    logOutcome(deps.logger, outcome, { requestId, eventId: event.id });

    if (outcome.result === "failed" || outcome.result === "dead-letter") {
      throw new LeadDeliveryFailedError(
        `Lead ${outcome.leadId} was not delivered (attempt ` +
          `${outcome.attempts}): ${outcome.error ?? "unknown"}.`,
      );
    }
    return outcome;
  };
}

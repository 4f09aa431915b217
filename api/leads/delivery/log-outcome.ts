import type { Logger } from "../../log.ts";
import type { AttemptOutcome } from "./attempt.ts";

/**
 * Logs what an attempt came to, with ids, counts and the short error
 * only: the lead's details never reach the log.
 *
 * @example
 * logOutcome(logger, outcome, { requestId });
 */
export function logOutcome(
  logger: Logger,
  outcome: AttemptOutcome,
  fields: Record<string, unknown> = {},
): void {
  const { leadId } = outcome;

  switch (outcome.result) {
    case "delivered":
      logger.info("lead delivered", {
        ...fields,
        leadId,
        attempts: outcome.attempts,
      });
      return;
    case "failed":
      logger.warn("lead delivery attempt failed", {
        ...fields,
        leadId,
        attempts: outcome.attempts,
        error: outcome.error,
      });
      return;
    case "dead-letter":
      logger.error("lead delivery gave up: dead-letter", {
        ...fields,
        leadId,
        attempts: outcome.attempts,
        error: outcome.error,
      });
      return;
    case "skipped":
      logger.info("lead delivery skipped", {
        ...fields,
        leadId,
        reason: outcome.reason,
      });
  }
}

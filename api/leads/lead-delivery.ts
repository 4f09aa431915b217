import type { LeadRecord } from "../store/lead-store.ts";

/**
 * Hands stored leads on to the CRM. The API calls `enqueue` once a new
 * lead is stored; the entry file calls `start` before it serves and
 * `stop` when it shuts down. How a lead travels on is the deliverer's
 * business (docs/decisions/lead-capture-and-delivery.md).
 *
 * @example
 * const delivery = createInProcessDelivery({ store, config, logger });
 * await delivery.start();
 * createApp({ config, store, logger, leadDelivery: delivery });
 */
export interface LeadDelivery {
  /** Takes a newly stored lead; must not throw, must not block. */
  enqueue(lead: LeadRecord): void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A deliverer that does nothing: the lead stays `pending` on its item.
 * The default when an entry file supplies none, and what the stream
 * mode uses, since the table's stream picks new leads up by itself.
 */
export const noLeadDelivery: LeadDelivery = {
  enqueue() {},
  start: () => Promise.resolve(),
  stop: () => Promise.resolve(),
};

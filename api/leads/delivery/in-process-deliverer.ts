import type { LeadDeliveryConfig } from "../../config.ts";
import type { Logger } from "../../log.ts";
import type { LeadRecord, LeadStore } from "../../store/lead-store.ts";
import type { LeadDelivery } from "../lead-delivery.ts";
import { attemptDelivery, type AttemptOutcome } from "./attempt.ts";
import { logOutcome } from "./log-outcome.ts";
import { backoffDelay, defaultMaxDelayMs } from "./backoff.ts";
import { currentAndPreviousMonth } from "./months.ts";

export interface InProcessDeliveryDeps {
  store: Pick<
    LeadStore,
    "getLead" | "updateLeadDelivery" | "listLeadsByDeliveryStatus"
  >;
  settings: Pick<
    LeadDeliveryConfig,
    "webhook" | "maxAttempts" | "baseDelayMs" | "timeoutMs"
  >;
  logger: Logger;
  /** The longest wait between two attempts; five minutes by default. */
  maxDelayMs?: number;
  /** Attempts in flight at once; the rest wait their turn. */
  concurrency?: number;
  now?: () => Date;
  /** The jitter's source of randomness, for tests. */
  random?: () => number;
}

interface Retry {
  entry: Entry;
  delayMs: number;
}

interface Entry {
  assessmentId: string;
  leadId: string;
  /** Retries after the store failed, which record no attempt. */
  storeFailures: number;
}

/**
 * The deliverer of the Node server (`LEAD_DELIVERY=in-process`): each
 * enqueued lead is attempted at once; a failed attempt is retried with
 * exponential backoff and full jitter until it is delivered or the
 * last allowed attempt marks it `dead-letter`. Every attempt is
 * recorded on the lead item, so `start` can resume the pending leads of
 * the current and the previous month after a restart, and nothing is
 * kept only in memory. Without a webhook it does nothing, and leads
 * stay `pending` until one is configured.
 *
 * @example
 * const delivery = createInProcessDelivery({
 *   store, settings: config.leadDelivery, logger,
 * });
 * await delivery.start();
 * await delivery.stop(); // at shutdown: no new attempts, in-flight ones end
 */
export function createInProcessDelivery(
  deps: InProcessDeliveryDeps,
): LeadDelivery {
  const now = deps.now ?? (() => new Date());
  const concurrency = deps.concurrency ?? 4;
  const backoff = {
    baseDelayMs: deps.settings.baseDelayMs,
    maxDelayMs: deps.maxDelayMs ?? defaultMaxDelayMs,
  };
  const attemptDeps = {
    store: deps.store,
    webhook: deps.settings.webhook,
    maxAttempts: deps.settings.maxAttempts,
    timeoutMs: deps.settings.timeoutMs,
    now,
  };

  const timers = new Map<string, NodeJS.Timeout>();
  const waiting = new Map<string, Entry>();
  const running = new Map<string, Promise<void>>();
  let stopped = false;

  const isQueued = (id: string) =>
    timers.has(id) || waiting.has(id) || running.has(id);

  function schedule(entry: Entry, delayMs: number) {
    if (stopped || isQueued(entry.assessmentId)) return;

    const timer = setTimeout(function attemptLater() {
      timers.delete(entry.assessmentId);
      run(entry);
    }, delayMs);
    timer.unref();
    timers.set(entry.assessmentId, timer);
  }

  function run(entry: Entry) {
    if (stopped || running.has(entry.assessmentId)) return;
    if (running.size >= concurrency) {
      waiting.set(entry.assessmentId, entry);
      return;
    }

    const attempt = attemptOnce(entry).then(function afterAttempt(retry) {
      running.delete(entry.assessmentId);
      if (retry) schedule(retry.entry, retry.delayMs);

      const [next] = waiting.values();
      if (!next) return;
      waiting.delete(next.assessmentId);
      run(next);
    });
    running.set(entry.assessmentId, attempt);
  }

  /** Makes one attempt; says when to try again, if it should be. */
  async function attemptOnce(entry: Entry): Promise<Retry | undefined> {
    let outcome: AttemptOutcome;
    try {
      outcome = await attemptDelivery(entry, attemptDeps);
    } catch (error) {
      return retryAfterStoreFailure(entry, error);
    }

    logOutcome(deps.logger, outcome);
    if (outcome.result !== "failed") return undefined;
    const delayMs = backoffDelay(outcome.attempts, backoff, deps.random);
    deps.logger.debug("lead delivery retry scheduled", {
      leadId: entry.leadId,
      delayMs,
    });
    return { entry: { ...entry, storeFailures: 0 }, delayMs };
  }

  /* The store failed, so no attempt was recorded; the lead stays pending. */
  function retryAfterStoreFailure(entry: Entry, error: unknown): Retry {
    const storeFailures = entry.storeFailures + 1;
    deps.logger.warn("lead delivery could not use the store", {
      leadId: entry.leadId,
      error: error instanceof Error ? error.name : "unknown",
    });
    return {
      entry: { ...entry, storeFailures },
      delayMs: backoffDelay(storeFailures, backoff, deps.random),
    };
  }

  function enqueue(lead: LeadRecord) {
    if (!deps.settings.webhook || stopped) return;
    const entry = { ...toEntry(lead), storeFailures: 0 };
    if (!isQueued(entry.assessmentId)) run(entry);
  }

  async function start() {
    if (!deps.settings.webhook) {
      deps.logger.info("lead delivery is off: no LEAD_WEBHOOK_URL is set", {
        effect: "leads are stored and stay pending",
      });
      return;
    }

    const pending = await deps.store.listLeadsByDeliveryStatus(
      "pending",
      currentAndPreviousMonth(now()),
    );
    deps.logger.info("lead delivery started", { pending: pending.length });
    for (const lead of pending) enqueue(lead);
  }

  async function stop() {
    stopped = true;
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
    waiting.clear();
    await Promise.allSettled([...running.values()]);
  }

  return { enqueue, start, stop };
}

function toEntry(lead: LeadRecord) {
  return { assessmentId: lead.assessmentId, leadId: lead.id };
}

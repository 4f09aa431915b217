/** How the wait between two attempts grows. */
export interface BackoffSettings {
  /** The wait before the second attempt, at most; doubles after that. */
  baseDelayMs: number;
  /** The longest wait, however many attempts have failed. */
  maxDelayMs: number;
}

/** Five minutes: a CRM that is down for hours is tried a few times an hour. */
export const defaultMaxDelayMs = 5 * 60_000;

/**
 * The wait before the next attempt, after `failedAttempts` attempts
 * have failed: exponential backoff with full jitter, a random wait
 * between zero and `base * 2^(failedAttempts - 1)`, capped. The jitter
 * keeps leads that failed together from all retrying at the same moment.
 *
 * @example
 * backoffDelay(3, { baseDelayMs: 1000, maxDelayMs: 300_000 }); // 0..4000
 */
export function backoffDelay(
  failedAttempts: number,
  settings: BackoffSettings,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, failedAttempts - 1);
  const ceiling = Math.min(
    settings.maxDelayMs,
    settings.baseDelayMs * 2 ** exponent,
  );
  return Math.floor(random() * ceiling);
}

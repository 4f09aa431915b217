/** The wait before the first retry; each failure doubles it. */
const firstRetryMs = 1000;
/** The longest wait between two attempts. */
export const longestRetryMs = 60_000;

/**
 * How long to wait after a number of failed attempts: exponential
 * backoff with jitter, so many browsers cut off by one outage do not
 * all come back in the same second. Half the wait is fixed and half
 * random. The server's `Retry-After` is a floor: it knows best.
 *
 * @example
 * retryDelay(1); // between 500 and 1000 ms
 * retryDelay(3, 30_000); // 30 s: the server asked for it
 */
export function retryDelay(
  failures: number,
  retryAfterMs = 0,
  random: () => number = Math.random,
): number {
  const doubled = firstRetryMs * 2 ** Math.max(0, failures - 1);
  const ceiling = Math.min(longestRetryMs, doubled);
  const jittered = ceiling / 2 + (random() * ceiling) / 2;
  return Math.max(Math.round(jittered), retryAfterMs);
}

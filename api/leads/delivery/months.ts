import { leadMonth, monthsBetween } from "../../store/lead-store.ts";

const msPerDay = 86_400_000;

/**
 * The lead month buckets (`YYYY-MM`, UTC) from `now`'s back to the one
 * holding the time `days` days earlier, newest first.
 *
 * @example
 * monthsBack(new Date("2026-12-03T00:00:00Z"), 31); // ["2026-12", "2026-11"]
 */
export function monthsBack(now: Date, days: number): string[] {
  const oldest = new Date(now.getTime() - days * msPerDay);
  return monthsBetween(leadMonth(oldest), leadMonth(now));
}

/** The current month's bucket and the one before, newest first. */
export function currentAndPreviousMonth(now: Date): string[] {
  // Date.UTC rolls month -1 back into December of the year before.
  const previous = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1),
  );
  return monthsBetween(leadMonth(previous), leadMonth(now));
}

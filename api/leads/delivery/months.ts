import { leadMonth } from "../../store/lead-store.ts";

const msPerDay = 86_400_000;

/**
 * The lead month buckets (`YYYY-MM`, UTC) from `now`'s back to the one
 * holding the time `days` days earlier, newest first.
 *
 * @example
 * monthsBack(new Date("2026-12-03T00:00:00Z"), 31); // ["2026-12", "2026-11"]
 */
export function monthsBack(now: Date, days: number): string[] {
  const oldest = leadMonth(new Date(now.getTime() - days * msPerDay));
  const months: string[] = [];
  let year = now.getUTCFullYear();
  let month = now.getUTCMonth() + 1;

  for (;;) {
    const bucket = `${year}-${String(month).padStart(2, "0")}`;
    months.push(bucket);
    if (bucket <= oldest) return months;
    month -= 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
  }
}

/** The current month's bucket and the one before, newest first. */
export function currentAndPreviousMonth(now: Date): string[] {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() + 1;
  const previous =
    month === 1
      ? `${year - 1}-12`
      : `${year}-${String(month - 1).padStart(2, "0")}`;
  return [leadMonth(now), previous];
}

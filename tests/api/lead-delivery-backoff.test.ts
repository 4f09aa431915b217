import { describe, expect, it } from "vitest";

import { backoffDelay } from "../../api/leads/delivery/backoff.ts";
import {
  currentAndPreviousMonth,
  monthsBack,
} from "../../api/leads/delivery/months.ts";

const settings = { baseDelayMs: 1000, maxDelayMs: 300_000 };

describe("the wait between delivery attempts", () => {
  it("doubles its ceiling after each failed attempt", () => {
    const ceilings = [1, 2, 3, 4].map((failed) =>
      backoffDelay(failed, settings, () => 0.999_999),
    );

    expect(ceilings).toEqual([999, 1999, 3999, 7999]);
  });

  it("never waits longer than the cap, however many attempts failed", () => {
    expect(backoffDelay(40, settings, () => 0.999_999)).toBe(299_999);
  });

  it("spreads the wait over the whole range below the ceiling", () => {
    expect(backoffDelay(3, settings, () => 0)).toBe(0);
    expect(backoffDelay(3, settings, () => 0.5)).toBe(2000);
  });
});

describe("the lead months to read", () => {
  it("resumes the current and the previous month, across a new year", () => {
    expect(currentAndPreviousMonth(new Date("2027-01-02T00:00:00Z"))).toEqual([
      "2027-01",
      "2026-12",
    ]);
  });

  it("reaches back over the retention, newest first", () => {
    const months = monthsBack(new Date("2026-12-03T12:00:00Z"), 365);

    expect(months).toHaveLength(13);
    expect(months[0]).toBe("2026-12");
    expect(months.at(-1)).toBe("2025-12");
  });
});

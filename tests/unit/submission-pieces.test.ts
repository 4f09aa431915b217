import { describe, expect, it } from "vitest";

import { matchRoute } from "../../src/lib/paths.ts";
import { parseRetryAfter } from "../../src/lib/submission/assessments-api.ts";
import { isUuid, newUuid } from "../../src/lib/uuid.ts";
import {
  readArrivalContext,
  readSavedContext,
} from "../../src/lib/submission/attribution.ts";
import {
  longestRetryMs,
  retryDelay,
} from "../../src/lib/submission/retry-delay.ts";

const site = "https://assess.example";

describe("campaign attribution of a visit", () => {
  it("keeps the five utm parameters and a referrer from another site", () => {
    const search =
      "?utm_source=news&utm_medium=email&utm_campaign=spring" +
      "&utm_term=eda&utm_content=top&utm_other=x&q=1";

    const context = readArrivalContext(search, "https://blog.example/a", site);

    expect(context).toEqual({
      utm: {
        source: "news",
        medium: "email",
        campaign: "spring",
        term: "eda",
        content: "top",
      },
      referrer: "https://blog.example/a",
    });
  });

  it("ignores a referrer from the site itself, and an empty visit", () => {
    expect(readArrivalContext("", `${site}/results`, site)).toBeUndefined();
    expect(
      readArrivalContext("?utm_source=", "not a url", site),
    ).toBeUndefined();
  });

  it("cuts values to the API's limits without leaving half a character", () => {
    const long = "a".repeat(199) + "😀" + "b".repeat(50);
    const search = `?utm_source=${encodeURIComponent(long)}`;
    const referrer = `https://blog.example/${"c".repeat(3000)}`;

    const context = readArrivalContext(search, referrer, site)!;

    expect(context.utm?.source).toBe("a".repeat(199));
    expect(context.referrer).toHaveLength(2000);
  });

  it("reads back only well-formed saved context", () => {
    expect(readSavedContext({ utm: { source: 5, medium: "x" } })).toEqual({
      utm: { medium: "x" },
    });
    expect(readSavedContext("text")).toBeUndefined();
  });
});

describe("retry delays", () => {
  it("grow exponentially with jitter, up to a ceiling", () => {
    expect(retryDelay(1, 0, () => 0)).toBe(500);
    expect(retryDelay(1, 0, () => 1)).toBe(1000);
    expect(retryDelay(4, 0, () => 1)).toBe(8000);
    expect(retryDelay(40, 0, () => 1)).toBe(longestRetryMs);
  });

  it("never come sooner than Retry-After", () => {
    expect(retryDelay(1, 30_000, () => 1)).toBe(30_000);
    expect(parseRetryAfter("7")).toBe(7000);
    const now = Date.parse("2026-12-03T20:00:00Z");
    expect(parseRetryAfter("Thu, 03 Dec 2026 20:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("soon")).toBeUndefined();
  });
});

describe("assessment ids and the shared result route", () => {
  it("makes version 4 UUIDs", () => {
    const id = newUuid();
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe("4");
  });

  it("matches /results/UUID, and only a UUID", () => {
    const id = "0B7F6A0E-2F7D-4C1E-9A55-3C1B8F0E7D21";
    expect(matchRoute(`/results/${id}`)).toEqual({
      name: "shared-result",
      id: id.toLowerCase(),
    });
    expect(matchRoute("/results/12345")).toEqual({ name: "not-found" });
    expect(matchRoute("/results")).toEqual({ name: "results" });
  });
});

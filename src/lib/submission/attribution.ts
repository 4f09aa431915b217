import {
  maxReferrerLength,
  maxUtmLength,
} from "../../core/submission-limits.ts";
import type { SubmissionContext } from "../../core/submission.ts";
import { isRecord } from "../json.ts";

const utmFields = ["source", "medium", "campaign", "term", "content"] as const;

type Utm = NonNullable<SubmissionContext["utm"]>;

/**
 * Reads where this visit came from: the `utm_*` parameters of the
 * address and the referrer, when it is another site. Values are cut to
 * the lengths the API accepts, so a long campaign link can never make
 * a submission invalid. Undefined when the visit carries neither.
 *
 * @example
 * readArrivalContext("?utm_source=newsletter", "https://blog.example/");
 * // { utm: { source: "newsletter" }, referrer: "https://blog.example/" }
 */
export function readArrivalContext(
  search = window.location.search,
  referrer = document.referrer,
  ownOrigin = window.location.origin,
): SubmissionContext | undefined {
  const params = new URLSearchParams(search);
  const utm: Utm = {};
  for (const field of utmFields) {
    const value = bounded(params.get(`utm_${field}`), maxUtmLength);
    if (value) utm[field] = value;
  }

  const external = isOtherSite(referrer, ownOrigin);
  return compactContext(utm, external ? referrer : undefined);
}

/**
 * Keeps only the known, well-formed parts of a context read back from
 * storage, which anything on this origin could have written.
 */
export function readSavedContext(
  value: unknown,
): SubmissionContext | undefined {
  if (!isRecord(value)) return undefined;

  const utm: Utm = {};
  const saved = isRecord(value.utm) ? value.utm : {};
  for (const field of utmFields) {
    const text = bounded(saved[field], maxUtmLength);
    if (text) utm[field] = text;
  }
  return compactContext(utm, value.referrer);
}

function compactContext(
  utm: Utm,
  referrer: unknown,
): SubmissionContext | undefined {
  const context: SubmissionContext = {};
  if (Object.keys(utm).length > 0) context.utm = utm;

  const from = bounded(referrer, maxReferrerLength);
  if (from) context.referrer = from;

  return Object.keys(context).length > 0 ? context : undefined;
}

function isOtherSite(referrer: string, ownOrigin: string) {
  if (!referrer) return false;
  try {
    return new URL(referrer).origin !== ownOrigin;
  } catch {
    return false;
  }
}

/*
 * Cutting a string can split a surrogate pair, and the API refuses a
 * lone surrogate; removing any that are left keeps the text valid.
 */
function bounded(value: unknown, max: number): string | undefined {
  if (typeof value !== "string") return undefined;
  const text = value
    .trim()
    .slice(0, max)
    .replace(/\p{Cs}/gu, "");
  return text === "" ? undefined : text;
}

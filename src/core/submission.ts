import { z } from "zod";

import type { Content } from "./content/schema.ts";
import { createAnswersSchema, type Answers } from "./scoring/answers.ts";
import type { AssessmentResult } from "./scoring/score-assessment.ts";
import { maxReferrerLength, maxUtmLength } from "./submission-limits.ts";

export { maxReferrerLength, maxUtmLength };

/** A workshop code: short, upper case, easy to read out in a room. */
export const workshopCodePattern = /^[A-Z0-9]{4,8}$/;

/*
 * A lone surrogate cannot be encoded as UTF-8, so a store would reject
 * it or change it. Refusing it up front keeps what we store equal to
 * what the client sent.
 */
const loneSurrogate = /\p{Cs}/u;

const freeText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((value) => !loneSurrogate.test(value), {
      message: "must be well-formed Unicode text",
    });

/** Campaign attribution taken from the page's `utm_*` parameters. */
export const utmSchema = z.strictObject({
  source: freeText(maxUtmLength).optional(),
  medium: freeText(maxUtmLength).optional(),
  campaign: freeText(maxUtmLength).optional(),
  term: freeText(maxUtmLength).optional(),
  content: freeText(maxUtmLength).optional(),
});

/** Where a submission came from. Every part is optional. */
export const submissionContextSchema = z.strictObject({
  utm: utmSchema.optional(),
  referrer: freeText(maxReferrerLength).optional(),
  workshopCode: z
    .string()
    .regex(workshopCodePattern, "must be 4 to 8 capital letters or digits")
    .optional(),
});

/**
 * The body of `POST /api/assessments`: a client-generated id, the
 * content version the answers were given against, the answers, and an
 * optional context. Unknown fields are rejected at every level.
 *
 * The browser builds its request with it and the API validates with
 * it, so both always agree on what a valid submission is.
 *
 * @example
 * const schema = createSubmissionSchema(content);
 * const body: Submission = schema.parse({
 *   id: crypto.randomUUID(),
 *   contentVersion: content.version,
 *   answers,
 * });
 */
export function createSubmissionSchema(content: Content) {
  return z.strictObject({
    id: z.uuid(),
    contentVersion: z.string().min(1).max(100),
    answers: createAnswersSchema(content),
    context: submissionContextSchema.optional(),
  });
}

export type SubmissionContext = z.infer<typeof submissionContextSchema>;

/** A valid submission. Answers are typed loosely: ids come from content. */
export type Submission = Omit<
  z.infer<ReturnType<typeof createSubmissionSchema>>,
  "answers"
> & { answers: Answers };

/**
 * A result as the API stores and returns it. The result was computed
 * by the server when it was stored, and does not change afterwards.
 */
export interface StoredAssessment {
  id: string;
  contentVersion: string;
  /** When it was stored, as an ISO 8601 time. */
  createdAt: string;
  /** When it will be deleted for good, as an ISO 8601 time. */
  expiresAt: string;
  answers: Answers;
  result: AssessmentResult;
  context?: SubmissionContext;
}

/**
 * The answer to the first successful `POST /api/assessments`. The
 * deletion token is shown this once; a repeated POST does not show it.
 */
export interface CreatedAssessment extends StoredAssessment {
  deletionToken: string;
}

import { z } from "@hono/zod-openapi";

import { priorities } from "../src/core/content/schema.ts";
import type {
  CreatedAssessment,
  StoredAssessment,
} from "../src/core/submission.ts";
import { submissionContextSchema } from "../src/core/submission.ts";
import { errorCodes } from "./errors.ts";

/*
 * Schemas for what the API sends back, used only to document responses
 * in /api/openapi.json. Request bodies are validated with the shared
 * schemas from src/core; these mirror the core's result types, and the
 * type checks at the end fail the build if the two ever drift.
 */

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(errorCodes),
      message: z.string(),
      issues: z
        .array(
          z.object({
            path: z.array(z.string()),
            code: z.string(),
            message: z.string(),
          }),
        )
        .optional()
        .openapi({ description: "Present when the body failed validation." }),
    }),
  })
  .openapi("Error");

export const idParamsSchema = z.object({
  id: z.uuid().openapi({
    param: { name: "id", in: "path" },
    description: "The id the client generated when it submitted.",
    example: "0b7f6a0e-2f7d-4c1e-9a55-3c1b8f0e7d21",
  }),
});

const levelRefSchema = z.object({
  id: z.string(),
  name: z.string(),
  meaning: z.string(),
});

const answerInsightSchema = z.object({
  questionId: z.string(),
  area: z.string(),
  prompt: z.string(),
  optionId: z.string(),
  optionLabel: z.string(),
  score: z.number(),
  max: z.number(),
  weight: z.number(),
  notSure: z.boolean(),
});

const reasonSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("answer"),
    questionId: z.string(),
    prompt: z.string(),
    optionLabel: z.string(),
    notSure: z.boolean(),
    score: z.number(),
    max: z.number(),
    gap: z.number(),
  }),
  z.object({
    kind: z.literal("area"),
    areaId: z.string(),
    areaName: z.string(),
    score: z.number(),
    gap: z.number(),
  }),
]);

const recommendationSchema = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  priority: z.enum(priorities),
  impact: z.enum(priorities),
  pattern: z.string(),
  weightedGap: z.number(),
  reasons: z.array(reasonSchema),
});

export const assessmentResultSchema = z
  .object({
    contentVersion: z.string(),
    overall: z.object({ score: z.number(), level: levelRefSchema }),
    areas: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        score: z.number(),
        level: levelRefSchema,
      }),
    ),
    strengths: z.array(answerInsightSchema),
    gaps: z.array(answerInsightSchema),
    unsure: z.array(answerInsightSchema),
    recommendations: z.array(recommendationSchema),
  })
  .openapi("AssessmentResult");

export const storedAssessmentSchema = z
  .object({
    id: z.uuid(),
    contentVersion: z.string(),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    answers: z.record(z.string(), z.string()),
    result: assessmentResultSchema,
    context: submissionContextSchema.optional(),
  })
  .openapi("StoredAssessment");

export const createdAssessmentSchema = storedAssessmentSchema
  .extend({
    deletionToken: z.string().openapi({
      description:
        "Shown only in this first 201 answer. Send it as " +
        "`Authorization: Bearer <token>` to delete the result.",
    }),
  })
  .openapi("CreatedAssessment");

export const healthSchema = z
  .object({
    status: z.enum(["ok", "unavailable"]),
    store: z.enum(["reachable", "unreachable"]),
  })
  .openapi("Health");

const errorDescriptions = {
  401:
    "The admin token is missing or wrong, or none is configured " +
    "(unauthorized); see WWW-Authenticate.",
  400:
    "The body is not JSON (malformed_json), is not a valid submission " +
    "(invalid_body, with issues), or the id is not a UUID (invalid_id).",
  403: "The deletion token is missing or wrong (forbidden); nothing changed.",
  404: "No live assessment has this id (not_found).",
  409: "This id is already stored with different answers (conflict).",
  413: "The body is larger than 16 KB (payload_too_large).",
  415: "The body is not sent as application/json (unsupported_media_type).",
  422:
    "The content version is not the current one " +
    "(unknown_content_version): reload the questions.",
  429: "Too many requests from this client (rate_limited).",
  500: "A fault on our side (internal_error); the details are only logged.",
  503: "The store is not available (store_unavailable).",
} as const;

type DocumentedStatus = keyof typeof errorDescriptions;

const retryAfter = {
  "Retry-After": {
    description: "Seconds to wait before trying again.",
    schema: { type: "integer" as const, minimum: 1 },
  },
};

/**
 * The documented error responses of a route, each with the JSON error
 * body; 500 is added to every route, since any route can fail.
 *
 * A route whose error means something else there gives its own
 * description.
 *
 * @example
 * responses: { 200: …, ...documentedErrors([400, 404], { 404: "…" }) }
 */
export function documentedErrors(
  statuses: DocumentedStatus[],
  descriptions: Partial<Record<DocumentedStatus, string>> = {},
) {
  const all = [...statuses, 500 as const];
  return Object.fromEntries(
    all.map((status) => [
      status,
      {
        description: descriptions[status] ?? errorDescriptions[status],
        content: { "application/json": { schema: errorBodySchema } },
        ...(status === 429 || status === 503 ? { headers: retryAfter } : {}),
      },
    ]),
  );
}

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const assertTrue = <T extends true>(): T | undefined => undefined;

assertTrue<Same<z.infer<typeof storedAssessmentSchema>, StoredAssessment>>();
assertTrue<Same<z.infer<typeof createdAssessmentSchema>, CreatedAssessment>>();

import type { Context } from "hono";
import { z } from "zod";

import { toAnswerIssues } from "../src/core/scoring/answers.ts";
import { HttpError, type ErrorIssue } from "./errors.ts";

/** The outcome of one zod-openapi validator, as its hook receives it. */
export type ValidationResult = { target: string } & (
  { success: true; data: unknown } | { success: false; error: z.ZodError }
);

/**
 * The app's validation hook: a failed request body or path parameter
 * becomes a 400 with one issue per problem, each located by its path,
 * e.g. `["answers", "ed-event-bus"]`.
 */
export function rejectInvalidInput(result: ValidationResult, c: Context) {
  if (result.success) return;

  if (result.target === "param") {
    throw new HttpError(400, "invalid_id", "The id must be a UUID.", {
      issues: toIssues(result.error, undefined),
    });
  }
  if (result.target === "query") {
    throw new HttpError(400, "invalid_query", "The query is not valid.", {
      issues: toIssues(result.error, undefined),
    });
  }
  throw new HttpError(
    400,
    "invalid_body",
    "The body is not a valid submission.",
    {
      issues: toIssues(result.error, c.get("jsonBody")),
    },
  );
}

/**
 * Maps zod's issues to ours. Answer issues use the domain core's codes
 * (unknown question, unknown option, missing answer); an unknown field
 * anywhere else gets one issue per field.
 */
export function toIssues(error: z.ZodError, body: unknown): ErrorIssue[] {
  return error.issues.flatMap((issue) =>
    issue.path[0] === "answers"
      ? answerIssues(issue, body)
      : fieldIssues(issue),
  );
}

function answerIssues(issue: z.core.$ZodIssue, body: unknown): ErrorIssue[] {
  const answers = isRecord(body) ? body.answers : undefined;
  const inner = new z.ZodError([{ ...issue, path: issue.path.slice(1) }]);

  return toAnswerIssues(inner, answers).map((answerIssue) => ({
    ...answerIssue,
    path: ["answers", ...answerIssue.path],
  }));
}

function fieldIssues(issue: z.core.$ZodIssue): ErrorIssue[] {
  const path = issue.path.map(String);
  if (issue.code !== "unrecognized_keys") {
    return [{ path, code: issue.code, message: issue.message }];
  }

  return issue.keys.map((key) => ({
    path: [...path, key],
    code: "unknown_field",
    message: `unknown field ${JSON.stringify(shorten(key))}`,
  }));
}

/* Hostile keys can be kilobytes long; the path keeps the whole key. */
function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

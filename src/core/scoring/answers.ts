import { z } from "zod";

import type { Content } from "../content/schema.ts";

/** Answers map a question id to the id of the chosen option. */
export type Answers = Record<string, string>;

export type AnswerIssueCode =
  "unknown_question" | "unknown_option" | "missing_answer" | "invalid_answers";

export interface AnswerIssue {
  code: AnswerIssueCode;
  /** The question id the issue is about, when there is one. */
  path: string[];
  message: string;
}

/**
 * Thrown when answers name a question or an option that the content
 * does not have, or leave a question out. Never silently ignored.
 */
export class InvalidAnswersError extends Error {
  readonly issues: AnswerIssue[];

  constructor(issues: AnswerIssue[]) {
    super(issues.map((issue) => issue.message).join("; "));
    this.name = "InvalidAnswersError";
    this.issues = issues;
  }
}

/**
 * The zod schema for a complete set of answers to this content: one
 * known option per question, and nothing else. The form, the API and
 * the scoring core all use it.
 *
 * @example
 * const schema = createAnswersSchema(content);
 * schema.parse({ "ed-event-bus": "some", ... });
 */
export function createAnswersSchema(content: Pick<Content, "questions">) {
  const shape = Object.fromEntries(
    content.questions.map((question) => {
      const ids = question.options.map((option) => option.id);
      return [
        question.id,
        z.enum(ids as [string, ...string[]], {
          error: (issue) =>
            issue.input === undefined
              ? `question "${question.id}" has no answer`
              : `question "${question.id}" has no option ${describe(issue.input)}`,
        }),
      ];
    }),
  );
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `unknown question(s): ${issue.keys.join(", ")}`
        : "answers must be an object of question id to option id",
  });
}

/** Names a bad value briefly: hostile input can be megabytes long. */
function describe(value: unknown): string {
  if (typeof value !== "string") return `of type ${typeof value}`;
  const short = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return JSON.stringify(short);
}

/**
 * The schema for answers given so far: any subset of the questions,
 * each with a known option. Used to restore a half-finished quiz.
 */
export function createPartialAnswersSchema(
  content: Pick<Content, "questions">,
) {
  return createAnswersSchema(content).partial();
}

/*
 * Building a zod schema compiles it, which costs more than checking a
 * set of answers with it, and the API scores every submission: so each
 * content keeps its schema once built.
 */
const answersSchemas = new WeakMap<
  Content,
  ReturnType<typeof createAnswersSchema>
>();

function answersSchemaOf(content: Content) {
  let schema = answersSchemas.get(content);
  if (!schema) {
    schema = createAnswersSchema(content);
    answersSchemas.set(content, schema);
  }
  return schema;
}

/** Parses answers, or throws InvalidAnswersError with one issue each. */
export function parseAnswers(content: Content, answers: unknown): Answers {
  const result = answersSchemaOf(content).safeParse(answers);
  if (result.success) return result.data;
  throw new InvalidAnswersError(toAnswerIssues(result.error, answers));
}

/** Maps zod's issues to ours, splitting unknown keys one per question. */
export function toAnswerIssues(
  error: z.ZodError,
  answers: unknown,
): AnswerIssue[] {
  const given = (key: string) =>
    typeof answers === "object" &&
    answers !== null &&
    Object.hasOwn(answers, key);

  return error.issues.flatMap((issue): AnswerIssue[] => {
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({
        code: "unknown_question",
        path: [key],
        message: `unknown question "${key}"`,
      }));
    }
    const path = issue.path.map(String);
    const question = path[0];
    if (question === undefined) {
      return [{ code: "invalid_answers", path, message: issue.message }];
    }
    const code = given(question) ? "unknown_option" : "missing_answer";
    return [{ code, path, message: issue.message }];
  });
}
